package io.plumbline.raft.mbt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Model-based tests of the Raft core from {@code spec/raft/EtcdRaft.tla}: TLC dumps a model's whole
 * state graph, walks covering every edge are replayed on real cores, and so are random behaviours
 * of the CI model; after every step the abstraction of the cores must equal the spec's state.
 * Alone: {@code mvn -B -ntp -pl implementation/raft -am verify -Dtest=ModelBasedTest
 * -Dsurefire.failIfNoSpecifiedTests=false} (add {@code -Dplumbline.mbt.graph=MCEtcdRaftMBT} for the
 * full MBT model). Report: {@code implementation/raft/target/mbt/report.json}.
 */
class ModelBasedTest {
  /** Every action the models can take (no reads, restarts, loss or duplication in them). */
  private static final Set<String> GRAPH_ACTIONS = Set.of("ElectionTimeout", "HandlePreVoteRequest",
      "HandlePreVoteResponse", "BecomeCandidate", "HandleRequestVoteRequest",
      "HandleRequestVoteResponse", "BecomeLeader", "AppendEntries", "HandleAppendEntriesRequest",
      "HandleAppendEntriesResponse", "AdvanceCommitIndex", "Heartbeat", "HandleHeartbeatRequest",
      "HandleHeartbeatResponse", "CheckQuorum", "UpdateTerm", "IgnoreVoteRequestInLease");

  @Test
  void everyEdgeOfTheStateGraphAndOneThousandRandomBehavioursReplayOnTheCore() throws Exception {
    String config = MbtModels.graphConfig();
    System.out.println("MBT: TLC dumps the state graph of spec/raft/" + config + ".cfg");
    GraphReplay.Result graph = GraphReplay.run(MbtModels.graph(config), Set.of(), 20, System.out::println);
    System.out.println("MBT: TLC simulates " + MbtModels.traceCount() + " behaviours of the CI model");
    List<Path> traces = MbtModels.traces();
    TraceReplay.Result sim = TraceReplay.run(traces, Set.of(), 20, System.out::println);
    Path report = MbtModels.workRoot().resolve("report.json");
    MbtReport.write(report, config, graph, sim).forEach(System.out::println);

    String mismatches = java.util.stream.Stream.concat(graph.stats().mismatches.stream(),
        sim.stats().mismatches.stream()).map(ReplayStats.Mismatch::report)
        .collect(Collectors.joining("\n"));
    assertTrue(mismatches.isEmpty(), mismatches);
    assertEquals(graph.edges(), graph.edgesCovered(), "every edge replayed");
    assertEquals(graph.states(), graph.statesVisited(), "every state visited");
    assertTrue(graph.stats().actions.keySet().containsAll(GRAPH_ACTIONS), graph.stats().actions.toString());
    assertTrue(traces.size() >= MbtModels.traceCount(), traces.size() + " traces");
    assertEquals(traces.size(), sim.tracesPassed());
    assertTrue(sim.stats().actions.containsKey("ClientRequest"), sim.stats().actions.toString());
  }
}
