package io.plumbline.chaos.controlplane;

import io.plumbline.chaos.client.EtcdClients;
import io.plumbline.chaos.nemesis.Applied;
import io.plumbline.chaos.nemesis.FaultApplier;
import io.plumbline.chaos.nemesis.FaultWindow;
import io.plumbline.chaos.nemesis.Nemesis;
import io.plumbline.chaos.nemesis.NemesisSchedule;
import io.plumbline.chaos.run.ChaosRunner;
import io.plumbline.chaos.run.RunOptions;
import io.plumbline.chaos.run.RunResult;
import io.plumbline.chaos.runtime.ChaosCluster;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The control-plane workload on a store cluster, cheap enough for the chaos matrix in {@code mvn verify}:
 * an {@link InProcessControlPlane} (2 API servers, 2 controller managers, no HAProxy) on the cluster's
 * client URLs, {@link CpWorkload}'s clients spread over the API servers, and {@link CpSchedule#inProcess}'s
 * faults (freezes of the active controller manager's writes, store partitions) on the common runner.
 */
public final class InProcessCpRun {
  /** Short leases (client-go's shape: lease > renew deadline > retry) so a 20 s run holds a takeover. */
  static final long LEASE_MS = 3_000;
  static final long RENEW_MS = 2_000;
  static final long RETRY_MS = 500;

  private InProcessCpRun() {}

  /** Runs for {@code seconds} at {@code rate} ops/s, 4 clients; fenced or not. */
  public static RunResult run(ChaosCluster cluster, long seed, boolean fencing, int seconds, double rate,
      Consumer<String> log) {
    CpOptions o = new CpOptions(seed, Duration.ofSeconds(seconds), 4, 6, fencing, "reference", LEASE_MS, RENEW_MS,
        RETRY_MS, null);
    NemesisSchedule schedule = CpSchedule.inProcess(seed, o.duration().toMillis(), LEASE_MS);
    schedule.windows().forEach(w -> log.accept("  planned: " + w.describe()));
    try (InProcessControlPlane plane = InProcessControlPlane.start(new InProcessControlPlane.Settings(
        cluster.clientUrls(), 2, 2, fencing, LEASE_MS, RENEW_MS, RETRY_MS, 300))) {
      FaultApplier faults = new Faults(plane, new Nemesis(cluster, () -> EtcdClients.leader(cluster.clientUrls())));
      RunOptions options = new RunOptions(seed, o.clients(), rate, o.duration(), Duration.ofSeconds(5),
          Duration.ofSeconds(30));
      return new ChaosRunner(plane.apiServerUrls(), InProcessControlPlane::apiServerName, faults,
          new CpWorkload(o, plane), schedule, options, log).run();
    }
  }

  /** Controller freezes to the plane, everything else to the store's nemesis. */
  private record Faults(InProcessControlPlane plane, Nemesis store) implements FaultApplier {
    @Override
    public Applied apply(FaultWindow w) {
      return w.shape().equals(CpSchedule.CONTROLLER) ? plane.freezeLeader(w.describe()) : store.apply(w);
    }

    @Override
    public String healAll() {
      return plane.thawAll() + "; " + store.healAll();
    }
  }
}
