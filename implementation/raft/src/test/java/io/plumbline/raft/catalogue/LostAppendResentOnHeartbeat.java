package io.plumbline.raft.catalogue;

import io.plumbline.raft.InjectedBug;
import io.plumbline.raft.RaftCore;
import io.plumbline.raft.Role;
import io.plumbline.raft.TestCluster;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * A lost append is resent when the follower's heartbeat answer shows it lacks the entry (etcd
 * MsgHeartbeatResp: sendAppend when the follower's match is below the leader's last index): in
 * three members n1 leads, proposes x, and both appends carrying x are lost; n3 is then cut off and
 * n2 answers n1's heartbeats. No new proposal comes, so x commits only if a heartbeat answer brings
 * it to n2 again. Simulation and Ready-out seeds 1..20 pass with the bug (a liveness loss their
 * workload, which keeps proposing, does not show); only pinned-seed fingerprints noticed the edit.
 */
final class LostAppendResentOnHeartbeat {
  private LostAppendResentOnHeartbeat() {}

  /** What the check objects to on the three members with {@code bugs}, or empty. */
  static Optional<String> run(Set<InjectedBug> bugs) {
    TestCluster c = new TestCluster(3, cfg -> cfg.withInjectedBugs(bugs));
    RaftCore n1 = c.cores.get("n1");
    n1.campaign();
    c.deliverAll(m -> true);
    if (n1.role() != Role.Leader) {
      return Optional.of("setup: n1 is " + n1.role() + ", not the leader");
    }
    long x = n1.propose("x".getBytes(StandardCharsets.UTF_8)).index();
    c.deliverAll(m -> false); // hand out the Ready: the appends carrying x are queued
    c.drop(m -> true); // and lost
    for (int round = 0; round < 3 && n1.commitIndex() < x; round++) {
      n1.tick();
      c.deliverAll(m -> !m.to().equals("n3") && !m.from().equals("n3"));
    }
    if (n1.commitIndex() < x) {
      return Optional.of("lost append never resent: n1 proposed x at index " + x + ", both appends"
          + " were lost, n2 answered 3 heartbeat rounds (n3 cut off) and x is still uncommitted"
          + " (commit index " + n1.commitIndex() + ", n2 holds up to " + c.cores.get("n2").lastIndex()
          + ")");
    }
    return Optional.empty();
  }
}
