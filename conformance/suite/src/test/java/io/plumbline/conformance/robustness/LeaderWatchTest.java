package io.plumbline.conformance.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A leader lost inside a batch is one finding, whether a member is leaderless or the term rose meanwhile. */
class LeaderWatchTest {
  private static final FuzzRequest FAST = new FuzzRequest(Methods.PUT, List.of(ByteString.EMPTY), "kv");
  private static final FuzzRequest SLOW = new FuzzRequest(Methods.TXN, List.of(ByteString.EMPTY), "txn");

  @Test
  void steadyLeadershipIsNoFinding() {
    LeaderWatch w = new LeaderWatch(3);
    w.sent(FAST, 1);
    assertThat(w.probe(new Liveness.Report(7, 3, List.of()), "x")).isEmpty();
    assertThat(w.reported()).isFalse();
  }

  @Test
  void aHigherTermIsALostLeaderEvenWithTheSameLeader() {
    LeaderWatch w = new LeaderWatch(3);
    w.sent(FAST, 1);
    w.sent(SLOW, 900);
    Finding f = w.probe(new Liveness.Report(7, 4, List.of()), "requests 1..2 of batch 0").orElseThrow();
    assertThat(f.kind()).isEqualTo("lost-leader");
    assertThat(f.summary()).isEqualTo("the Raft term rose from 3 to 4 at requests 1..2 of batch 0");
    assertThat(f.request()).isSameAs(SLOW);
    assertThat(w.probe(new Liveness.Report(7, 5, List.of()), "later")).as("one finding per batch").isEmpty();
  }

  @Test
  void aMemberWithoutLeaderIsALostLeader() {
    LeaderWatch w = new LeaderWatch(3);
    w.sent(FAST, 1);
    assertThat(w.probe(new Liveness.Report(0, 3, List.of("http://m2 knows no leader")), "now"))
        .hasValueSatisfying(f -> assertThat(f.summary()).startsWith("a member knew no leader"));
  }
}
