package io.plumbline.apiserver;

import io.plumbline.db.StatusProbe;
import io.plumbline.db.LocalCluster;
import io.plumbline.db.MemberCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Real etcd members launched by the shared {@link LocalCluster} (picked ports, started again on new
 * ones when a port was taken meanwhile; temporary data dirs; stopped by PID).
 */
public final class EtcdTestCluster implements TestStore {
  static final String ETCD = "/usr/bin/etcd";

  private final LocalCluster cluster;

  private EtcdTestCluster(LocalCluster cluster) {
    this.cluster = cluster;
  }

  /** Starts {@code size} members as one cluster and waits until each reports healthy. */
  public static EtcdTestCluster start(int size) {
    if (!Files.isExecutable(Path.of(ETCD))) {
      throw new IllegalStateException(ETCD + " is missing: install it with 'apt-get install "
          + "etcd-server' (scripts/test does so)");
    }
    return new EtcdTestCluster(LocalCluster.start(new LocalCluster.Options(size, MemberCommand.etcd(ETCD),
        StatusProbe.grpc(Duration.ofSeconds(2)), Duration.ofSeconds(30))));
  }

  /** Kills member {@code i} at once (SIGKILL), as a crash would. */
  public void kill(int i) {
    cluster.kill(i);
  }

  @Override
  public List<String> clientUrls() {
    return cluster.clientUrls();
  }

  @Override
  public void close() {
    cluster.close();
  }
}
