package io.plumbline.raft.sim;

import io.plumbline.raft.RaftCore;
import io.plumbline.raft.Role;
import io.plumbline.raft.SplitMixRandom;
import io.plumbline.raft.SubmitResult;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workload: writes unique values and ReadIndex reads through whichever member it finds
 * leading. A write is outstanding from an accepted proposal until its value is applied somewhere
 * (acknowledged); outstanding writes are re-proposed during convergence.
 */
final class SimClient {
  private final SplitMixRandom random;
  private final List<SimNode> nodes;
  private final SafetyChecker checker;
  private final double writeRate;
  private final double readRate;
  private final Map<String, Long> outstanding = new LinkedHashMap<>();
  private long nextWrite;
  private long nextRead;
  long acknowledged;
  long readsServed;

  SimClient(SplitMixRandom random, List<SimNode> nodes, SafetyChecker checker,
      double writeRate, double readRate) {
    this.random = random;
    this.nodes = nodes;
    this.checker = checker;
    this.writeRate = writeRate;
    this.readRate = readRate;
  }

  /** One tick of traffic; returns the member that was asked, or null. */
  SimNode step() {
    SimNode asked = null;
    if (random.chance(writeRate)) {
      asked = write("w" + nextWrite++);
    }
    if (random.chance(readRate)) {
      SimNode r = read("r" + nextRead++);
      asked = asked == null ? r : asked;
    }
    return asked;
  }

  private SimNode write(String value) {
    SimNode leader = findLeader();
    if (leader == null) {
      return null;
    }
    SubmitResult res = leader.core.propose(value.getBytes(StandardCharsets.UTF_8));
    if (res.accepted()) {
      outstanding.putIfAbsent(value, res.index());
    }
    return leader;
  }

  private SimNode read(String context) {
    SimNode leader = findLeader();
    if (leader == null) {
      return null;
    }
    checker.onReadStarted(context);
    leader.core.readIndex(context.getBytes(StandardCharsets.UTF_8));
    return leader;
  }

  /** Asks a random live member; follows its leader hint once, as a real client would. */
  private SimNode findLeader() {
    SimNode n = nodes.get(random.nextInt(nodes.size()));
    if (!n.up) {
      return null;
    }
    if (n.core.role() == Role.Leader) {
      return n;
    }
    String hint = n.core.lead();
    for (SimNode m : nodes) {
      if (m.id.equals(hint) && m.up && m.core.role() == Role.Leader) {
        return m;
      }
    }
    return null;
  }

  /** Re-proposes every outstanding write to {@code leader}; returns whether any was sent. */
  boolean retryOutstanding(RaftCore leader) {
    for (String value : List.copyOf(outstanding.keySet())) {
      leader.propose(value.getBytes(StandardCharsets.UTF_8));
    }
    return !outstanding.isEmpty();
  }

  void onApplied(String value) {
    if (outstanding.remove(value) != null) {
      acknowledged++;
    }
  }

  void onReadServed() {
    readsServed++;
  }

  int outstanding() {
    return outstanding.size();
  }
}
