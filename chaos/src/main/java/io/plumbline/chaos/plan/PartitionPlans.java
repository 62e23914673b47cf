package io.plumbline.chaos.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * The partition plans Jepsen uses, as pure functions of (cluster size, seeded random source): no
 * I/O, no clocks, the same seed gives the same plan. Member indexes are {@code 0..n-1}.
 */
public final class PartitionPlans {
  private PartitionPlans() {}

  /** The cluster split into a random half and the rest (for odd n the first side is the smaller). */
  public static PartitionPlan randomHalves(int n, RandomGenerator rng) {
    List<Integer> order = shuffled(n, rng);
    Set<Integer> side = new TreeSet<>(order.subList(0, n / 2));
    return new PartitionPlan("halves " + side, n, between(n, side));
  }

  /** A random majority keeps quorum; the minority (n - majority) is cut off from it, not from itself. */
  public static PartitionPlan majorityMinority(int n, RandomGenerator rng) {
    List<Integer> order = shuffled(n, rng);
    Set<Integer> minority = new TreeSet<>(order.subList(0, (n - 1) / 2));
    return new PartitionPlan("minority " + minority, n, between(n, minority));
  }

  /** One member (e.g. the current leader) cut off from everyone else. */
  public static PartitionPlan isolate(int n, int member) {
    if (member < 0 || member >= n) {
      throw new IllegalArgumentException("member " + member + " is not in 0.." + (n - 1));
    }
    return new PartitionPlan("isolate " + member, n, between(n, Set.of(member)));
  }

  /**
   * Two halves joined by one bridge member that sees both sides (Jepsen's {@code bridge}); needs n
   * ≥ 3. Each side plus the bridge is a majority, which confuses leader election.
   */
  public static PartitionPlan bridge(int n, RandomGenerator rng) {
    if (n < 3) {
      throw new IllegalArgumentException("a bridge needs at least 3 members, not " + n);
    }
    List<Integer> order = shuffled(n, rng);
    int bridge = order.get(0);
    List<Integer> rest = order.subList(1, n);
    Set<Integer> left = new TreeSet<>(rest.subList(0, rest.size() / 2));
    Set<Integer> right = new TreeSet<>(rest.subList(rest.size() / 2, rest.size()));
    Set<Link> cut = new TreeSet<>();
    for (int x : left) {
      for (int y : right) {
        cut.add(new Link(x, y));
      }
    }
    return new PartitionPlan("bridge " + bridge + " " + left + "|" + right, n, new TreeSet<>(cut));
  }

  /**
   * Majorities ring (Jepsen's {@code majorities-ring}): members placed on a random ring, each sees
   * only its nearest neighbours so that it sees a majority (itself + ⌊n/2⌋ others), yet no two
   * members see the same majority. For n = 3 the ring rule would cut nothing (every pair is
   * adjacent), so the ring is opened into a line: the link between its two ends is cut, each end
   * sees itself and the middle (a majority), the middle sees all. Needs n ≥ 3: a plan that cuts
   * nothing is never made.
   */
  public static PartitionPlan majoritiesRing(int n, RandomGenerator rng) {
    if (n < 3) {
      throw new IllegalArgumentException("a majorities ring needs at least 3 members, not " + n);
    }
    List<Integer> ring = shuffled(n, rng);
    if (n == 3) {
      return new PartitionPlan("ring " + ring, n, new TreeSet<>(Set.of(new Link(ring.get(0), ring.get(2)))));
    }
    int majority = n / 2 + 1;
    int each = majority / 2; // neighbours kept on each side: self + 2 * each >= majority
    Set<Link> cut = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        int ringDistance = Math.min(j - i, n - (j - i));
        if (ringDistance > each) {
          cut.add(new Link(ring.get(i), ring.get(j)));
        }
      }
    }
    return new PartitionPlan("ring " + ring, n, new TreeSet<>(cut));
  }

  /** Every link between {@code side} and the other members. */
  static java.util.SortedSet<Link> between(int n, Set<Integer> side) {
    java.util.SortedSet<Link> cut = new TreeSet<>();
    for (int x : side) {
      for (int y = 0; y < n; y++) {
        if (!side.contains(y)) {
          cut.add(new Link(x, y));
        }
      }
    }
    return cut;
  }

  private static List<Integer> shuffled(int n, RandomGenerator rng) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    // Fisher–Yates with the injected source (Collections.shuffle wants a java.util.Random).
    for (int i = n - 1; i > 0; i--) {
      Collections.swap(order, i, rng.nextInt(i + 1));
    }
    return order;
  }
}
