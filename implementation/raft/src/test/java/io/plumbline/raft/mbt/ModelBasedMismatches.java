package io.plumbline.raft.mbt;

import io.plumbline.raft.InjectedBug;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
      TraceReplay.Result r = splitReplay(traces, bugs);
      if (!r.stats().mismatches.isEmpty()) {
        ReplayStats.Mismatch m = r.stats().mismatches.get(0);
        return Optional.of(m.action() + ": " + String.join("; ", m.differences()));
      }
    }
    return Optional.empty();
  }

  private static final Map<List<Path>, TraceReplay.Result> CORRECT_SPLIT_REPLAYS = new HashMap<>();

  /**
   * The split replay of {@code traces} on cores with {@code bugs} (stopping at the first
   * mismatch); on the correct core done once per JVM, as {@link ModelBasedSplitTest} and the
   * catalogue's control both need it.
   */
  static synchronized TraceReplay.Result splitReplay(List<Path> traces, Set<InjectedBug> bugs) {
    if (!bugs.isEmpty()) {
      return TraceReplay.run(traces, bugs, 1, s -> {}, true);
    }
    return CORRECT_SPLIT_REPLAYS.computeIfAbsent(traces,
        t -> TraceReplay.run(t, Set.of(), 1, s -> {}, true));
  }

  /** The behaviours with reads across crash/restart, as {@link ModelBasedMixTest} replays them. */
  public static final String MIX_CONFIG = MbtModels.MIX_CONFIG;

  /**
   * The first spec/core mismatch, a wrong read answer included, in the behaviours with reads
   * across crash/restart ({@link ModelBasedMixTest}'s traces, generated once per JVM), or empty.
   */
  public static Optional<String> firstMixMismatch(Set<InjectedBug> bugs) throws Exception {
    TraceReplay.Result r = TraceReplay.run(ModelBasedMixTest.traces(), bugs, 1, s -> {});
    if (r.stats().mismatches.isEmpty()) {
      return Optional.empty();
    }
    ReplayStats.Mismatch m = r.stats().mismatches.get(0);
    return Optional.of(m.action() + ": " + String.join("; ", m.differences()));
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
