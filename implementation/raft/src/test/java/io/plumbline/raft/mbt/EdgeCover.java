package io.plumbline.raft.mbt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Paths from initial states that together take every edge of a graph (a greedy cover by walks):
 * for the first edge not yet taken, walk the shortest path from an initial state to its source,
 * take it, then keep taking untaken edges out of the current state until there is none.
 */
final class EdgeCover {
  private EdgeCover() {}

  /**
   * The walks, each a list of edge indexes.
   *
   * @param nodes number of nodes
   * @param edges {source, target} per edge
   * @param initial initial nodes
   */
  static List<int[]> walks(int nodes, List<int[]> edges, List<Integer> initial) {
    int[][] out = outEdges(nodes, edges);
    int[] parentEdge = shortestPathTree(nodes, edges, out, initial);
    boolean[] taken = new boolean[edges.size()];
    int[] cursor = new int[nodes];
    List<int[]> walks = new ArrayList<>();
    for (int e = 0; e < edges.size(); e++) {
      if (taken[e] || (parentEdge[edges.get(e)[0]] == -2)) {
        continue; // taken already, or unreachable from an initial state
      }
      List<Integer> walk = pathTo(edges.get(e)[0], parentEdge, edges);
      walk.add(e);
      walk.forEach(x -> taken[x] = true);
      int at = edges.get(e)[1];
      for (int next = untaken(out, cursor, taken, at); next >= 0;
          next = untaken(out, cursor, taken, at)) {
        taken[next] = true;
        walk.add(next);
        at = edges.get(next)[1];
      }
      walks.add(walk.stream().mapToInt(Integer::intValue).toArray());
    }
    return walks;
  }

  private static int untaken(int[][] out, int[] cursor, boolean[] taken, int node) {
    while (cursor[node] < out[node].length && taken[out[node][cursor[node]]]) {
      cursor[node]++;
    }
    return cursor[node] < out[node].length ? out[node][cursor[node]] : -1;
  }

  private static int[][] outEdges(int nodes, List<int[]> edges) {
    int[] count = new int[nodes];
    edges.forEach(e -> count[e[0]]++);
    int[][] out = new int[nodes][];
    for (int n = 0; n < nodes; n++) {
      out[n] = new int[count[n]];
    }
    int[] fill = new int[nodes];
    for (int e = 0; e < edges.size(); e++) {
      int src = edges.get(e)[0];
      out[src][fill[src]++] = e;
    }
    return out;
  }

  /** BFS from the initial nodes: the edge into each node on a shortest path (-1 initial, -2 unreached). */
  private static int[] shortestPathTree(int nodes, List<int[]> edges, int[][] out, List<Integer> initial) {
    int[] parent = new int[nodes];
    Arrays.fill(parent, -2);
    Deque<Integer> queue = new ArrayDeque<>();
    for (int n : initial) {
      parent[n] = -1;
      queue.add(n);
    }
    while (!queue.isEmpty()) {
      int n = queue.poll();
      for (int e : out[n]) {
        int t = edges.get(e)[1];
        if (parent[t] == -2) {
          parent[t] = e;
          queue.add(t);
        }
      }
    }
    return parent;
  }

  private static List<Integer> pathTo(int node, int[] parentEdge, List<int[]> edges) {
    List<Integer> path = new ArrayList<>();
    for (int n = node; parentEdge[n] >= 0; n = edges.get(parentEdge[n])[0]) {
      path.add(0, parentEdge[n]);
    }
    return path;
  }
}
