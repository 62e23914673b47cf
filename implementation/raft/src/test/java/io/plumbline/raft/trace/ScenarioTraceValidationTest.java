package io.plumbline.raft.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.raft.scenario.ScenarioTraces;
import io.plumbline.spec.trace.TraceVerdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traces of the golden snapshot scenarios, on the correct core, are behaviours of EtcdRaft
 * (TraceEtcdRaft.tla, one TLC run). The scenarios pin the interleavings, so every situation of
 * HandleSnapshotRequest is checked on every build, not when a simulation seed happens to reach
 * it: a follower installs a snapshot of a compacted leader, restarts from it and appends after it
 * (snapshot-restart.txt); a stale copy arrives after the follower committed past it
 * (stale-snapshot.txt); a snapshot arrives while the follower's log already holds its last entry
 * and one more, above its commit index (snapshot-behind-log.txt). The traces must show each
 * situation, else the test fails as VACUOUS. InjectedBugTraceValidationTest shows the same
 * scenarios rejected with INSTALL_OLDER_SNAPSHOT injected.
 */
class ScenarioTraceValidationTest {
  static final List<String> SCENARIOS =
      List.of("snapshot-restart.txt", "stale-snapshot.txt", "snapshot-behind-log.txt");

  @Test
  void snapshotScenariosAreBehavioursOfEtcdRaft(@TempDir Path dir) {
    List<Path> traces = new ArrayList<>();
    for (String scenario : SCENARIOS) {
      ScenarioTraces.Run run = ScenarioTraces.run(scenario, Set.of(), dir);
      assertThat(run.violated()).as(run.transcript()).isFalse();
      traces.add(run.trace());
    }
    SnapshotEvents s = SnapshotEvents.in(traces);
    System.out.println("snapshots in the scenario traces: " + s);
    assertThat(s.fromCompactedLog()).as("VACUOUS: no snapshot sent from a compacted log").isPositive();
    assertThat(s.installed()).as("VACUOUS: no follower installed a snapshot").isPositive();
    assertThat(s.restartsFromSnapshot()).as("VACUOUS: no restart from a snapshot").isPositive();
    assertThat(s.alreadyCommitted()).as("VACUOUS: no stale snapshot copy").isPositive();
    assertThat(s.keptLogPastSnapshot())
        .as("VACUOUS: no snapshot reached a log holding its entry and more").isPositive();

    List<TraceVerdict> verdicts = SimulationTraces.validate(traces);

    assertThat(verdicts).hasSize(SCENARIOS.size());
    assertThat(verdicts).allSatisfy(v -> assertThat(v.valid())
        .as(() -> v.file() + ": " + v.failure()).isTrue());
  }
}
