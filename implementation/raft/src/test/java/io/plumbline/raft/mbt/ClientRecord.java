package io.plumbline.raft.mbt;

import io.plumbline.raft.sim.InvariantViolation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The walk's own record of client operations: writes and ReadIndex reads, each invoked at a
 * step and acknowledged (ok) at a later one, or left indeterminate when its member crashed. The
 * durability and read checks judge the cores from this record alone: a write counts as
 * acknowledged when the member the client asked applied it, and what a completed read must show
 * is fixed when the read is invoked, from the writes acknowledged by then.
 */
final class ClientRecord {
  /** A pending read: the writes it must show, who serves it, and its index once confirmed. */
  private record PendingRead(String member, Set<String> mustShow, int invokedAtStep, long incarnation) {}

  private final Map<String, String> pendingWrites = new HashMap<>(); // value -> member asked
  private final Map<String, Integer> ackStep = new HashMap<>();
  private final Set<String> acknowledged = new LinkedHashSet<>();
  private final Map<String, PendingRead> pendingReads = new HashMap<>();
  private final List<Integer> restartSteps = new ArrayList<>();
  long readsCompleted;
  /** Reads completed after a restart that showed a write acknowledged before that restart. */
  long readsShowingWritesAcknowledgedBeforeARestart;

  void writeInvoked(String value, String member) {
    pendingWrites.put(value, member);
  }

  /** {@code member} applied {@code value}: ok for the client that asked it. */
  void applied(String member, String value, int step) {
    if (member.equals(pendingWrites.get(value))) {
      pendingWrites.remove(value);
      acknowledged.add(value);
      ackStep.put(value, step);
    }
  }

  void readInvoked(String context, String member, int step, long incarnation) {
    pendingReads.put(context, new PendingRead(member, Set.copyOf(acknowledged), step, incarnation));
  }

  /** The member's reads waiting for it (none after it crashed: they are indeterminate). */
  boolean isPendingAt(String context, String member, long incarnation) {
    PendingRead r = pendingReads.get(context);
    return r != null && r.member().equals(member) && r.incarnation() == incarnation;
  }

  /**
   * ReadIndexLinearizable, judged from the record: the read returned the values {@code shown}
   * (what its member had applied when it answered), which must hold every write acknowledged
   * before the read was invoked.
   */
  void readCompleted(String context, List<String> shown, int step) {
    PendingRead r = pendingReads.remove(context);
    Set<String> seen = Set.copyOf(shown);
    List<String> missing = new ArrayList<>();
    for (String w : r.mustShow()) {
      if (!seen.contains(w)) {
        missing.add(w);
      }
    }
    if (!missing.isEmpty()) {
      throw new InvariantViolation("ReadIndexLinearizable", "client record: read " + context + " invoked at step "
          + r.invokedAtStep() + " on " + r.member() + " and answered at step " + step
          + " misses writes acknowledged before it started: " + missing);
    }
    readsCompleted++;
    int firstAck = r.mustShow().stream().mapToInt(ackStep::get).min().orElse(Integer.MAX_VALUE);
    if (restartSteps.stream().anyMatch(s -> s > firstAck && s < r.invokedAtStep())) {
      readsShowingWritesAcknowledgedBeforeARestart++;
    }
  }

  void restarted(String member, int step) {
    restartSteps.add(step);
    pendingWrites.values().removeIf(member::equals); // indeterminate: may or may not commit
  }

  /**
   * Durability after the run healed: every acknowledged write is in what {@code member} applied
   * (nothing acknowledged was lost to a crash).
   */
  void checkDurable(String member, List<String> applied) {
    Set<String> have = Set.copyOf(applied);
    for (String w : acknowledged) {
      if (!have.contains(w)) {
        throw new InvariantViolation("AcknowledgedWritesDurable", "write " + w
            + " was acknowledged at step " + ackStep.get(w) + " but " + member
            + " never applied it after the cluster healed");
      }
    }
  }

  int acknowledgedCount() {
    return acknowledged.size();
  }
}
