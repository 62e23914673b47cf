package io.plumbline.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.chaos.nemesis.FaultKind;
import io.plumbline.chaos.runtime.local.LocalTarget;
import io.plumbline.chaos.runtime.local.ProxiedCluster;
import io.plumbline.chaos.workload.RegisterWorkload;
import io.plumbline.chaos.workload.Workload;
import io.plumbline.checker.Validity;
import io.plumbline.history.HistoryFormat;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The harness catches a broken store under faults: 3 reference members started with
 * {@code --fault stale-read} (linearizable reads answered from local state, no ReadIndex) under
 * partitions only (four or five, seeded). A member cut off from the majority keeps answering reads
 * with old values for the whole partition while the majority moves on, so the register checker must
 * report the run invalid, with a failure window a person can read (the key, the operation that
 * cannot be linearized, the operations linearized before it and why each concurrent candidate fails).
 * The run is denser than the valid short runs (200 ops/s, 40 s) so that some read of the cut-off
 * member follows an acknowledged write of the same key in every partition, not only by luck.
 */
class StaleReadFaultChaosTest {

  @Test
  void partitionRunAgainstAStaleReadStoreIsInvalidWithAReadableWindow() {
    long seed = Long.getLong("chaos.seed", 5);
    try (ProxiedCluster cluster = ProxiedCluster.start(3, LocalTarget.reference(List.of("--fault", "stale-read")),
        Duration.ofSeconds(60))) {
      RunResult r = ShortRuns.run(cluster, seed, List.of(FaultKind.PARTITION), 40, 200,
          timeout -> new RegisterWorkload("/chaos-stale/", timeout));
      assertThat(r.timeline()).anyMatch(t -> t.kind() == FaultKind.PARTITION);
      assertThat(r.validity()).isEqualTo(Validity.FALSE);
      Workload.Verdict invalid = r.verdicts().stream().filter(v -> v.validity() == Validity.FALSE).findFirst().orElseThrow();
      assertThat(invalid.details()).containsPattern("(?m)^key: \\d+$").contains("cannot linearize: ")
          .contains("last linearized:").contains("concurrent candidates:");
      System.out.println("failure window:\n" + invalid.details());
      assertThat(ShortRuns.recheck(r, HistoryFormat.JSONL)).as("check-history on history.jsonl").isEqualTo(Validity.FALSE);
    }
  }
}
