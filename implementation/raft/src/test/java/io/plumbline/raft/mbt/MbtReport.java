package io.plumbline.raft.mbt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The model-based test report: a JSON file a person can open, and a short terminal summary. */
final class MbtReport {
  private MbtReport() {}

  /** Writes {@code report.json} with both parts; returns the summary lines. */
  static List<String> write(Path file, String graphConfig, GraphReplay.Result graph,
      TraceReplay.Result sim) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("model", "spec/raft/" + graphConfig + ".cfg");
    g.put("states", graph.states());
    g.put("edges", graph.edges());
    g.put("edgesCovered", graph.edgesCovered());
    g.put("statesVisited", graph.statesVisited());
    g.put("walks", graph.walks());
    g.put("seconds", Math.round(graph.seconds() * 10) / 10.0);
    stats(g, graph.stats());
    json.put("stateGraph", g);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("model", "spec/raft/" + MbtModels.SIMULATION_CONFIG + ".cfg (bounds of MCEtcdRaft.cfg)");
    s.put("behaviours", sim.traces());
    s.put("behavioursPassed", sim.tracesPassed());
    s.put("seconds", Math.round(sim.seconds() * 10) / 10.0);
    stats(s, sim.stats());
    json.put("simulation", s);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    return List.of(
        String.format("MBT state graph %s: %d/%d edges covered by %d walks (%d steps), %d/%d states"
            + " visited, %d mismatches, %.1fs", graphConfig, graph.edgesCovered(), graph.edges(),
            graph.walks(), graph.stats().steps, graph.statesVisited(), graph.states(),
            graph.stats().mismatches.size(), graph.seconds()),
        "  actions: " + graph.stats().actions,
        String.format("MBT simulation: %d/%d behaviours of the CI model replayed (%d steps),"
            + " %d mismatches, %.1fs", sim.tracesPassed(), sim.traces(), sim.stats().steps,
            sim.stats().mismatches.size(), sim.seconds()),
        "  actions: " + sim.stats().actions,
        "report: " + file);
  }

  private static void stats(Map<String, Object> out, ReplayStats stats) {
    out.put("steps", stats.steps);
    out.put("stutteringSteps", stats.stutters);
    out.put("actions", stats.actions);
    out.put("documentedDeviations", stats.deviations);
    out.put("specBuiltDeliveries", stats.specBuiltDeliveries);
    out.put("mismatches", stats.mismatches.stream().map(m -> Map.of(
        "path", m.path(), "step", m.step(), "action", m.action(),
        "differences", m.differences(), "after", m.before())).toList());
  }
}
