package io.plumbline.chaos.plan;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A network partition as data: the links to cut among {@code members} members. Applying it (proxies,
 * iptables) is someone else's job.
 *
 * @param name what kind of plan produced it, for the nemesis timeline (e.g. {@code isolate 2})
 * @param members the cluster size the plan was made for
 * @param cut the links that must drop traffic while the plan is active
 */
public record PartitionPlan(String name, int members, SortedSet<Link> cut) {
  public PartitionPlan {
    cut = new TreeSet<>(cut);
    for (Link l : cut) {
      if (l.b() >= members) {
        throw new IllegalArgumentException("link " + l + " names a member outside 0.." + (members - 1));
      }
    }
  }

  /** True when traffic between {@code x} and {@code y} must be dropped. */
  public boolean isCut(int x, int y) {
    return x != y && cut.contains(new Link(x, y));
  }

  /** Members each member can still reach directly (itself included). */
  public Set<Integer> reachableFrom(int member) {
    Set<Integer> out = new TreeSet<>();
    for (int other = 0; other < members; other++) {
      if (!isCut(member, other)) {
        out.add(other);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return name + " cut=" + cut;
  }
}
