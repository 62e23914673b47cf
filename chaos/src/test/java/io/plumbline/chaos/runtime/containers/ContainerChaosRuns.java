package io.plumbline.chaos.runtime.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.chaos.client.EtcdClients;
import io.plumbline.chaos.nemesis.FaultKind;
import io.plumbline.chaos.nemesis.FaultWindow;
import io.plumbline.chaos.nemesis.NemesisSchedule;
import io.plumbline.chaos.nemesis.TimelineEntry;
import io.plumbline.chaos.run.ChaosRunner;
import io.plumbline.chaos.run.RunOptions;
import io.plumbline.chaos.run.RunResult;
import io.plumbline.chaos.runtime.ChaosCluster;
import io.plumbline.chaos.workload.RegisterWorkload;
import io.plumbline.checker.Validity;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The CI-sized chaos run on a containers cluster: 45 s of register ops under partition, kill and
 * pause plus, per target, the fault only containers of that target take (etcd: client cuts;
 * reference: clock jumps).
 */
final class ContainerChaosRuns {
  static final List<FaultKind> BASIC = List.of(FaultKind.PARTITION, FaultKind.KILL, FaultKind.PAUSE);
  static final Duration DURATION = Duration.ofSeconds(45);
  static final int CONCURRENCY = 10;

  private ContainerChaosRuns() {}

  /**
   * Runs the workload on {@code cluster} under {@code kinds}; asserts every kind happened, the
   * history is valid and all recovered.
   */
  static RunResult assertValidUnderFaults(ChaosCluster cluster, List<FaultKind> kinds, long defaultSeed) {
    long seed = Long.getLong("chaos.seed", firstSeedWithEveryFault(defaultSeed, kinds));
    System.out.println("chaos seed " + seed + " (rerun: -Dchaos.seed=" + seed + ")");
    RunOptions options = RunOptions.of(seed, DURATION, 100);
    assertThat(options.concurrency()).isEqualTo(CONCURRENCY);
    NemesisSchedule schedule = NemesisSchedule.generate(seed, kinds, cluster.size(), DURATION.toMillis(),
        NemesisSchedule.Timing.standard());
    RunResult r = new ChaosRunner(cluster, new RegisterWorkload("/chaos-containers/", options.opTimeout()), schedule,
        options, () -> EtcdClients.leader(cluster.clientUrls()), System.out::println).run();
    r.verdicts().forEach(v -> System.out.println(v.checker() + ": " + v.summary() + "\n" + v.details()));
    r.timeline().forEach(t -> System.out.println("fault: " + t.description()));
    Set<FaultKind> applied = r.timeline().stream().map(TimelineEntry::kind).collect(Collectors.toSet());
    assertThat(applied).containsAll(kinds);
    assertThat(r.validity()).isEqualTo(Validity.TRUE);
    assertThat(r.history().operations()).hasSizeGreaterThan(300);
    return r;
  }

  /** The first seed from {@code start} whose 45 s schedule holds every one of {@code kinds}. */
  static long firstSeedWithEveryFault(long start, List<FaultKind> kinds) {
    for (long s = start; ; s++) {
      Set<FaultKind> planned = NemesisSchedule.generate(s, kinds, 3, DURATION.toMillis(), NemesisSchedule.Timing.standard())
          .windows().stream().map(FaultWindow::kind).collect(Collectors.toSet());
      if (planned.containsAll(kinds)) {
        return s;
      }
    }
  }

  /** Kinds in a new list: {@link #BASIC} and then {@code extra}. */
  static List<FaultKind> basicAnd(FaultKind extra) {
    List<FaultKind> out = new java.util.ArrayList<>(BASIC);
    out.add(extra);
    return List.copyOf(out);
  }

  /** Containers this JVM created that still exist (should be none after a test's cluster closed). */
  static String leftovers() {
    return Docker.run("ps", "-a", "--filter", "label=" + RunLabels.OWNER + "=" + RunLabels.owner(), "--format", "{{.Names}}")
        + Docker.run("network", "ls", "--filter", "label=" + RunLabels.OWNER + "=" + RunLabels.owner(), "--format", "{{.Name}}");
  }
}
