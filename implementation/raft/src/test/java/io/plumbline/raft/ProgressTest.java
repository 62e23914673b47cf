package io.plumbline.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Flow control state machine, the in-flight window, config validation and the random source. */
class ProgressTest {

  @Test
  void probeSendsOneAppendAtATimeThenReplicatePipelines() {
    Progress p = new Progress(5, 2);
    assertThat(p.isPaused()).isFalse();
    p.probeSent = true;
    assertThat(p.isPaused()).isTrue();
    assertThat(p.maybeUpdate(4)).isTrue();
    assertThat(p.isPaused()).isFalse();
    p.becomeReplicate();
    assertThat(p.next).isEqualTo(5);
    p.inflights.add(5);
    p.inflights.add(6);
    assertThat(p.isPaused()).isTrue();
    p.inflights.freeLE(5);
    assertThat(p.inflights.count()).isEqualTo(1);
    assertThat(p.isPaused()).isFalse();
  }

  @Test
  void rejectionsBackOffButStaleOnesAreIgnored() {
    Progress p = new Progress(10, 4);
    assertThat(p.maybeDecrTo(8, 3)).isFalse(); // not the append we sent last (next-1 = 9)
    assertThat(p.maybeDecrTo(9, 3)).isTrue();
    assertThat(p.next).isEqualTo(4);
    assertThat(p.maybeDecrTo(3, 0)).isTrue();
    assertThat(p.next).isEqualTo(1);
    p.maybeUpdate(6);
    p.becomeReplicate();
    assertThat(p.maybeDecrTo(5, 0)).isFalse(); // at or below match: stale
    assertThat(p.maybeDecrTo(9, 0)).isTrue();
    assertThat(p.next).isEqualTo(7);
  }

  @Test
  void snapshotStatePausesUntilProbedAgainPastTheSnapshot() {
    Progress p = new Progress(3, 4);
    p.becomeSnapshot(20);
    assertThat(p.isPaused()).isTrue();
    p.becomeProbe();
    assertThat(p.next).isEqualTo(21);
    assertThat(p.toString()).contains("Probe");
  }

  @Test
  void inflightsRingWrapsAndRefusesOverflow() {
    Inflights in = new Inflights(2);
    in.add(1);
    in.add(2);
    assertThatThrownBy(() -> in.add(3)).isInstanceOf(IllegalStateException.class);
    in.freeFirstOne();
    in.add(3);
    in.freeLE(2);
    assertThat(in.count()).isEqualTo(1);
    in.freeLE(3);
    assertThat(in.count()).isZero();
    in.freeFirstOne();
    assertThat(in.count()).isZero();
  }

  @Test
  void configRejectsNonsense() {
    List<String> peers = List.of("a", "b");
    RaftConfig ok = RaftConfig.defaults("a", peers);
    assertThat(ok.quorum()).isEqualTo(2);
    assertThat(RaftConfig.defaults("a", List.of("a", "b", "c")).quorum()).isEqualTo(2);
    assertThatThrownBy(() -> RaftConfig.defaults("z", peers)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RaftConfig.defaults("a", List.of("a", "a")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ok.withHeartbeatTimeoutTicks(10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ok.withHeartbeatTimeoutTicks(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ok.withFlowControl(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ok.withFlowControl(1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(ok.injectedBugs()).isEmpty();
    assertThat(ok.withInjectedBugs(Set.of(InjectedBug.VOTE_TWICE_IN_TERM))
        .has(InjectedBug.VOTE_TWICE_IN_TERM)).isTrue();
  }

  @Test
  void seededRandomIsReproducibleAndInRange() {
    SplitMixRandom a = new SplitMixRandom(42);
    SplitMixRandom b = new SplitMixRandom(42);
    for (int i = 0; i < 1000; i++) {
      int x = a.nextInt(7);
      assertThat(x).isEqualTo(b.nextInt(7)).isBetween(0, 6);
    }
    assertThat(new SplitMixRandom(1).nextLong()).isNotEqualTo(new SplitMixRandom(2).nextLong());
    assertThat(a.chance(0)).isFalse();
    assertThat(a.chance(1)).isTrue();
    assertThatThrownBy(() -> a.nextInt(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void valueTypesCopyTheirBytes() {
    byte[] data = {1, 2};
    Entry e = new Entry(1, 1, data);
    data[0] = 9;
    assertThat(e.data()[0]).isEqualTo((byte) 1);
    assertThat(e).isEqualTo(new Entry(1, 1, new byte[] {1, 2})).hasSameHashCodeAs(new Entry(1, 1, new byte[] {1, 2}));
    assertThat(e.size()).isEqualTo(2 + Entry.OVERHEAD_BYTES);
    assertThat(new Entry(1, 1, null).value()).isEmpty();
    assertThat(new Snapshot(1, 1, data)).isEqualTo(new Snapshot(1, 1, data.clone()));
    assertThat(new ReadState(1, data)).isEqualTo(new ReadState(1, data.clone()));
  }
}
