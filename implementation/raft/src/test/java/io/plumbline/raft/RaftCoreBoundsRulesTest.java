package io.plumbline.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Every queue of the core has a bound (STYLE, "typed configuration": every queue and batch has a
 * bound), and the bound is exact: a leader cut off from its followers takes exactly the bound's
 * worth of proposals or reads, refuses the next one as {@code OVERLOADED} (etcd: {@code
 * ErrProposalDropped} past {@code MaxUncommittedEntriesSize}), and takes more once the followers
 * drain the queue. Found by PIT (implementation/README, "PIT"): no test reached either bound.
 */
class RaftCoreBoundsRulesTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** At most {@link RaftCore#MAX_UNCOMMITTED_ENTRIES} uncommitted entries; a commit makes room. */
  @Test
  void aLeaderHoldsExactlyTheBoundOfUncommittedEntries() {
    TestCluster c = new TestCluster(3).elect("n1");
    RaftCore n1 = c.get("n1");
    long commit = n1.commitIndex();
    for (int i = 0; i < RaftCore.MAX_UNCOMMITTED_ENTRIES; i++) {
      assertThat(n1.propose(b("e" + i)).status()).as("proposal %d", i)
          .isEqualTo(SubmitResult.Status.ACCEPTED);
    }
    SubmitResult over = n1.propose(b("over"));
    assertThat(over.status()).isEqualTo(SubmitResult.Status.OVERLOADED);
    assertThat(over.leaderHint()).as("the leader names itself: retry here later").isEqualTo("n1");
    assertThat(n1.lastIndex()).isEqualTo(commit + RaftCore.MAX_UNCOMMITTED_ENTRIES);
    c.stabilize();
    assertThat(n1.commitIndex()).isEqualTo(n1.lastIndex());
    assertThat(n1.propose(b("after")).status()).as("after the followers caught up")
        .isEqualTo(SubmitResult.Status.ACCEPTED);
  }

  /** At most {@link RaftCore#MAX_PENDING_READS} reads wait for their round; served reads make room. */
  @Test
  void aLeaderHoldsExactlyTheBoundOfPendingReads() {
    TestCluster c = new TestCluster(3).elect("n1");
    RaftCore n1 = c.get("n1");
    for (int i = 0; i < RaftCore.MAX_PENDING_READS; i++) {
      assertThat(n1.readIndex(b("r" + i)).status()).as("read %d", i)
          .isEqualTo(SubmitResult.Status.ACCEPTED);
    }
    SubmitResult over = n1.readIndex(b("over"));
    assertThat(over.status()).isEqualTo(SubmitResult.Status.OVERLOADED);
    assertThat(over.leaderHint()).isEqualTo("n1");
    c.stabilize();
    assertThat(c.reads.get("n1")).hasSize(RaftCore.MAX_PENDING_READS);
    assertThat(n1.readIndex(b("after")).status()).as("after the rounds were acknowledged")
        .isEqualTo(SubmitResult.Status.ACCEPTED);
  }
}
