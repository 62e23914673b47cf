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
  /** A client's concurrency: at most this many writes in flight. */
  static final int MAX_OUTSTANDING_WRITES = 64;

  /** Outstanding write value → {index, term} of its latest accepted proposal. */
  private final Map<String, long[]> outstanding = new LinkedHashMap<>();
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
    if (leader == null || outstanding.size() >= MAX_OUTSTANDING_WRITES) {
      return null;
    }
    SubmitResult res = leader.core.propose(value.getBytes(StandardCharsets.UTF_8));
    if (res.accepted()) {
      outstanding.put(value, new long[] {res.index(), res.term()});
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

  /**
   * Re-proposes to {@code leader} each outstanding write whose entry it does not hold (the
   * proposal was lost with a crashed or deposed leader); returns whether any was sent.
   */
  boolean retryOutstanding(RaftCore leader) {
    boolean sent = false;
    for (Map.Entry<String, long[]> w : outstanding.entrySet()) {
      long[] at = w.getValue();
      if (leader.termAt(at[0]) != at[1]) {
        SubmitResult res = leader.propose(w.getKey().getBytes(StandardCharsets.UTF_8));
        if (res.accepted()) {
          w.setValue(new long[] {res.index(), res.term()});
          sent = true;
        }
      }
    }
    return sent;
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
