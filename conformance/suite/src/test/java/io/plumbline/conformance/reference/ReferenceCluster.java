package io.plumbline.conformance.reference;

import io.plumbline.db.HealthProbe;
import io.plumbline.db.StatusProbe;
import io.plumbline.db.LocalCluster;
import io.plumbline.db.MemberCommand;
import java.time.Duration;
import java.util.List;

/**
 * Launches members of plumbline's reference store as separate JVMs from the test class path
 * ({@code io.plumbline.store.cli.StoreMain}, the same program as {@code ./plumbline store}), through
 * the same {@link LocalCluster} launcher the suite uses for real etcd. No CLI jar is needed.
 */
public final class ReferenceCluster {
  private ReferenceCluster() {}

  /** {@code size} members with etcd's flag names, plus {@code storeFlags} (e.g. {@code --fault stale-read}). */
  public static LocalCluster start(int size, String... storeFlags) {
    return LocalCluster.start(new LocalCluster.Options(size, MemberCommand.referenceStore(List.of(storeFlags)),
        StatusProbe.grpc(Duration.ofSeconds(2)), Duration.ofSeconds(90)));
  }
}
