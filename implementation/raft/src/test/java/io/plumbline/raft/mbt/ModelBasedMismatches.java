package io.plumbline.raft.mbt;

import io.plumbline.raft.InjectedBug;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The model-based tests as checks for other packages: every edge of the quick MBT state graph
 * (TLC dumps it once per JVM, shared with {@link ModelBasedTest}), or the persist/send split's
 * behaviours ({@link ModelBasedSplitTest}), replayed on cores with the given bugs; the first
 * mismatch, if any.
 */
public final class ModelBasedMismatches {
  /** The config whose state graph is replayed. */
  public static final String CONFIG = "MCEtcdRaftMBTQuick";

  private ModelBasedMismatches() {}

  /** The persist/send split's behaviours, as {@link ModelBasedSplitTest} replays them. */
  public static final String SPLIT_CONFIG = MbtModels.SPLIT_CONFIG;

  /**
   * The first spec/core mismatch in the persist/send split's random behaviours (without crashes,
   * then with them; {@link ModelBasedSplitTest}'s traces, generated once per JVM), or empty.
   */
  public static Optional<String> firstSplitMismatch(Set<InjectedBug> bugs) throws Exception {
    for (var traces : List.of(ModelBasedSplitTest.noCrashTraces(), ModelBasedSplitTest.crashTraces())) {
      TraceReplay.Result r = TraceReplay.run(traces, bugs, 1, s -> {}, true);
      if (!r.stats().mismatches.isEmpty()) {
        ReplayStats.Mismatch m = r.stats().mismatches.get(0);
        return Optional.of(m.action() + ": " + String.join("; ", m.differences()));
      }
    }
    return Optional.empty();
  }

  /** The first spec/core mismatch (action and differences), or empty when every edge agrees. */
  public static Optional<String> firstMismatch(Set<InjectedBug> bugs) throws Exception {
    GraphReplay.Result r = GraphReplay.run(MbtModels.graph(CONFIG), bugs, 1, s -> {});
    if (r.stats().mismatches.isEmpty()) {
      return Optional.empty();
    }
    ReplayStats.Mismatch m = r.stats().mismatches.get(0);
    return Optional.of(m.action() + ": " + String.join("; ", m.differences()));
  }
}
