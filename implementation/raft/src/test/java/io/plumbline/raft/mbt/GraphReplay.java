package io.plumbline.raft.mbt;

import io.plumbline.raft.InjectedBug;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Covers every edge of a dumped state graph by walks and replays each walk on fresh cores. */
final class GraphReplay {
  private GraphReplay() {}

  /** The outcome: how much of the graph was replayed, and the replay statistics. */
  record Result(int states, int edges, int edgesCovered, int statesVisited, int walks,
      ReplayStats stats, double seconds) {}

  /**
   * Replays walks covering every edge of {@code g}; stops early after {@code maxMismatches}
   * mismatching walks. An edge counts as covered when a walk through it replayed without mismatch.
   */
  static Result run(StateGraph g, Set<InjectedBug> bugs, int maxMismatches, Consumer<String> progress) {
    long start = System.nanoTime();
    List<int[]> walks = EdgeCover.walks(g.stateCount(), g.edges, g.initial);
    ReplayStats stats = new ReplayStats();
    Replayer replayer = new Replayer(bugs, stats);
    BitSet covered = new BitSet(g.edgeCount());
    BitSet visited = new BitSet(g.stateCount());
    Map<Integer, SpecState> cache = lruCache(20_000);
    for (int w = 0; w < walks.size() && stats.mismatches.size() < maxMismatches; w++) {
      int[] walk = walks.get(w);
      List<SpecState> states = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      int first = g.edges.get(walk[0])[0];
      states.add(cache.computeIfAbsent(first, n -> SpecState.parse(g.stateTexts.get(n))));
      for (int e : walk) {
        int to = g.edges.get(e)[1];
        states.add(cache.computeIfAbsent(to, n -> SpecState.parse(g.stateTexts.get(n))));
        labels.add(g.edgeLabels.get(e));
      }
      if (replayer.replay("walk " + (w + 1) + " of " + walks.size(), states, labels)) {
        visited.set(first);
        for (int e : walk) {
          covered.set(e);
          visited.set(g.edges.get(e)[1]);
        }
      }
      if ((w + 1) % Math.max(1, walks.size() / 10) == 0) {
        progress.accept(String.format("  %d/%d walks, %d/%d edges covered, %d mismatches",
            w + 1, walks.size(), covered.cardinality(), g.edgeCount(), stats.mismatches.size()));
      }
    }
    return new Result(g.stateCount(), g.edgeCount(), covered.cardinality(), visited.cardinality(),
        walks.size(), stats, (System.nanoTime() - start) / 1e9);
  }

  private static <K, V> Map<K, V> lruCache(int capacity) {
    return new LinkedHashMap<>(capacity, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }
}
