package io.plumbline.raft.mbt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EdgeCoverTest {

  @Test
  void walksStartAtInitialStatesFollowEdgesAndCoverEveryEdge() {
    // 0 -> 1 -> 2 -> 0, 1 -> 3, 3 -> 3? no self loops; 0 -> 3, 3 -> 2 ; node 4 only reachable from nowhere
    List<int[]> edges = List.of(new int[] {0, 1}, new int[] {1, 2}, new int[] {2, 0},
        new int[] {1, 3}, new int[] {0, 3}, new int[] {3, 2}, new int[] {4, 0});
    List<int[]> walks = EdgeCover.walks(5, edges, List.of(0));
    Set<Integer> covered = new HashSet<>();
    for (int[] walk : walks) {
      assertEquals(0, edges.get(walk[0])[0], "a walk starts at the initial state");
      for (int k = 0; k + 1 < walk.length; k++) {
        assertEquals(edges.get(walk[k])[1], edges.get(walk[k + 1])[0], "a walk is connected");
      }
      for (int e : walk) {
        covered.add(e);
      }
    }
    assertEquals(Set.of(0, 1, 2, 3, 4, 5), covered, "every reachable edge, not the unreachable 4->0");
  }

  @Test
  void aChainIsOneWalk() {
    List<int[]> edges = new ArrayList<>();
    for (int n = 0; n < 10; n++) {
      edges.add(new int[] {n, n + 1});
    }
    assertEquals(1, EdgeCover.walks(11, edges, List.of(0)).size());
  }
}
