package io.plumbline.raft.mbt;

import io.plumbline.raft.InjectedBug;
import java.util.Optional;
import java.util.Set;

/**
 * The model-based test as a check for other packages: every edge of the quick MBT state graph
 * (TLC dumps it once per JVM, shared with {@link ModelBasedTest}) replayed on cores with the
 * given bugs; the first mismatch, if any.
 */
public final class ModelBasedMismatches {
  /** The config whose state graph is replayed. */
  public static final String CONFIG = "MCEtcdRaftMBTQuick";

  private ModelBasedMismatches() {}

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
