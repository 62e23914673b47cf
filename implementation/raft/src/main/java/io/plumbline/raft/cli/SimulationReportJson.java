package io.plumbline.raft.cli;

import io.plumbline.raft.sim.SimResult;
import io.plumbline.raft.sim.SimulationRunner;
import java.util.List;
import java.util.Locale;

/** The JSON report {@code simulate --json FILE} writes: summary, per-failure seed and replay. */
final class SimulationReportJson {
  private SimulationReportJson() {}

  static String summary(SimulationRunner.Summary s, int nodes, int ticks, String flags) {
    return String.format(Locale.ROOT, "{\"seeds\":%d,\"nodes\":%d,\"ticksPerSeed\":%d,"
            + "\"failed\":%d,\"seconds\":%.3f,\"seedsPerSecond\":%.2f,\"ticksPerSecond\":%.0f,"
            + "\"messages\":%d,\"writesAcknowledged\":%d,\"readsServed\":%d,\"failures\":%s}%n",
        s.seeds(), nodes, ticks, s.failures().size(), s.seconds(), s.seedsPerSecond(),
        s.ticksPerSecond(), s.messages(), s.writes(), s.reads(), failures(s.failures(), nodes, ticks, flags));
  }

  static String single(SimResult r, int nodes, int ticks, String flags) {
    return String.format(Locale.ROOT, "{\"seed\":%d,\"nodes\":%d,\"ok\":%b,\"ticks\":%d,"
            + "\"digest\":\"%s\",\"messages\":%d,\"writesAcknowledged\":%d,\"readsServed\":%d,"
            + "\"leaders\":%d,\"crashes\":%d,\"partitions\":%d,\"failures\":%s}%n",
        r.seed(), nodes, r.ok(), r.ticks(), r.digest(), r.messagesDelivered(),
        r.writesAcknowledged(), r.readsServed(), r.leadersElected(), r.crashes(), r.partitions(),
        failures(r.ok() ? List.of() : List.of(r), nodes, ticks, flags));
  }

  private static String failures(List<SimResult> failures, int nodes, int ticks, String flags) {
    StringBuilder b = new StringBuilder("[");
    for (SimResult r : failures) {
      b.append(b.length() > 1 ? "," : "").append(String.format(Locale.ROOT,
          "{\"seed\":%d,\"invariant\":%s,\"tick\":%d,\"detail\":%s,\"replay\":%s}", r.seed(),
          quote(r.invariant()), r.failedAtTick(), quote(r.detail()),
          quote(SimulateCommand.replayCommand(r.seed(), nodes, ticks, flags))));
    }
    return b.append(']').toString();
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
