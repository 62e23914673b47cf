package io.plumbline.raft.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.spec.trace.TraceFile;
import io.plumbline.spec.trace.TraceFileReader;
import io.plumbline.spec.trace.TraceVerdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof 3 of issue 4: traces of the simulated cores, under every fault the simulator injects, are
 * behaviours of EtcdRaft — checked by TLC on TraceEtcdRaft.tla, 20 seeds in one TLC run.
 */
class SimulationTraceValidationTest {
  static final int SEEDS = 20;
  /** Long enough for elections, commits, reads, crashes and partitions; short enough for CI. */
  static final int TICKS = 100;

  @Test
  void twentySimulationTracesAreBehavioursOfEtcdRaft(@TempDir Path dir) {
    List<Path> traces = new ArrayList<>();
    long crashes = 0;
    long partitions = 0;
    for (long seed = 1; seed <= SEEDS; seed++) {
      SimulationTraces.Run run = SimulationTraces.simulate(dir, seed, TICKS, Set.of());
      assertThat(run.result().ok()).as(run.result().detail()).isTrue();
      crashes += run.result().crashes();
      partitions += run.result().partitions();
      traces.add(run.trace());
    }
    assertThat(crashes).as("crashes across the seeds").isPositive();
    assertThat(partitions).as("partitions across the seeds").isPositive();
    assertThat(actionsIn(traces)).as("the traces exercise the protocol").contains("BecomeLeader",
        "AdvanceCommitIndex", "ClientRequest", "HandleAppendEntriesRequest", "Restart",
        "ReadIndexComplete", "UpdateTerm", "DropStaleMessage", "CheckQuorum");

    List<TraceVerdict> verdicts = SimulationTraces.validate(traces);

    assertThat(verdicts).hasSize(SEEDS);
    assertThat(verdicts).allSatisfy(v -> assertThat(v.valid())
        .as(() -> v.file() + ": " + v.failure()).isTrue());
  }

  private static Set<String> actionsIn(List<Path> traces) {
    Set<String> actions = new HashSet<>();
    for (Path p : traces) {
      TraceFile f = TraceFileReader.read(p);
      f.events().forEach(e -> actions.add(e.name()));
    }
    return actions;
  }
}
