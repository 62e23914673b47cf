package io.plumbline.raft.mbt;

import io.plumbline.raft.InjectedBug;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Replays TLC simulation traces (random behaviours) on fresh cores, one trace at a time. */
final class TraceReplay {
  private TraceReplay() {}

  /** The outcome over all traces. */
  record Result(int traces, int tracesPassed, ReplayStats stats, double seconds) {}

  static Result run(List<Path> traces, Set<InjectedBug> bugs, int maxMismatches,
      Consumer<String> progress) {
    return run(traces, bugs, maxMismatches, progress, false);
  }

  /** As above; {@code split}: the traces come from a model with the persist/send split. */
  static Result run(List<Path> traces, Set<InjectedBug> bugs, int maxMismatches,
      Consumer<String> progress, boolean split) {
    long start = System.nanoTime();
    ReplayStats stats = new ReplayStats();
    Replayer replayer = new Replayer(bugs, stats, split);
    int passed = 0;
    for (int k = 0; k < traces.size() && stats.mismatches.size() < maxMismatches; k++) {
      List<SpecState> states = read(traces.get(k));
      List<String> noLabels = new ArrayList<>(Collections.nCopies(states.size(), (String) null));
      if (replayer.replay("trace " + traces.get(k).getFileName(), states, noLabels)) {
        passed++;
      }
      if ((k + 1) % Math.max(1, traces.size() / 5) == 0) {
        progress.accept(String.format("  %d/%d traces, %d steps, %d mismatches",
            k + 1, traces.size(), stats.steps, stats.mismatches.size()));
      }
    }
    return new Result(traces.size(), passed, stats, (System.nanoTime() - start) / 1e9);
  }

  private static List<SpecState> read(Path file) {
    try {
      return SimulationTrace.read(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
