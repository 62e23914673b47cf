package io.plumbline.raft;

import java.util.Set;

/**
 * Opens the core's package-private spec actions to the model-based tests in {@code
 * io.plumbline.raft.mbt}, which call each action separately (with the core's {@code stepwise}
 * hook on) exactly when the spec takes it. Test code only.
 */
public final class ModelBasedTestHooks {
  private ModelBasedTestHooks() {}

  /** Turns on {@code RaftCore.stepwiseForModelBasedTests}: no action chains into the next. */
  public static void stepwise(RaftCore core) {
    core.stepwiseForModelBasedTests();
  }

  /** Spec {@code BecomeCandidate(i)}. */
  public static void becomeCandidate(RaftCore core) {
    core.becomeCandidate();
  }

  /** Spec {@code BecomeLeader(i)}. */
  public static void becomeLeader(RaftCore core) {
    core.becomeLeader();
  }

  /** Spec {@code AppendEntries(i, j)}; false when flow control held the message back. */
  public static boolean sendAppend(RaftCore core, String to) {
    return core.sendAppend(to, true);
  }

  /** Spec {@code AdvanceCommitIndex(i)}; whether the commit index advanced. */
  public static boolean maybeCommit(RaftCore core) {
    return core.maybeCommit();
  }

  /** Spec {@code Heartbeat(i, j)}, carrying the pending ReadIndex context (spec HeartbeatContext). */
  public static void sendHeartbeat(RaftCore core, String to) {
    core.sendHeartbeat(to, core.pendingReadContext());
  }

  /** Spec {@code ReadIndexComplete(i, r)}: the read's index, or -1 when no quorum acknowledged it. */
  public static long completeRead(RaftCore core, byte[] context) {
    return core.completeReadForModelBasedTests(context);
  }

  /**
   * Spec {@code Restart(i)}, after the restarted core's first Ready was applied: its commit index
   * becomes the spec's (0), its applied index stays (see {@code RaftCore.forgetCommitIndexForModelBasedTests}).
   */
  public static void forgetCommitIndex(RaftCore core) {
    core.forgetCommitIndexForModelBasedTests();
  }

  /** Spec {@code CheckQuorum(i)}. */
  public static void checkQuorum(RaftCore core) {
    core.checkQuorum();
  }

  /** Spec {@code UpdateTerm(i, j, m)}: become a follower of {@code term} led by {@code leader}. */
  public static void updateTerm(RaftCore core, long term, String leader) {
    core.becomeFollower(term, leader);
  }

  /** The members whose (pre-)vote the core counts as granted. */
  public static Set<String> grantedVotes(RaftCore core) {
    return core.grantedVotes();
  }

  /** The leader's view of {@code peer}: match, next, whether it is probing, recent activity. */
  public record PeerProgress(long match, long next, boolean probing, boolean recentActive) {}

  /** The leader's progress of {@code peer}, or null when the core does not lead. */
  public static PeerProgress progress(RaftCore core, String peer) {
    Progress pr = core.progressOf(peer);
    return pr == null ? null
        : new PeerProgress(pr.match, pr.next, pr.state == Progress.State.Probe, pr.recentActive);
  }
}
