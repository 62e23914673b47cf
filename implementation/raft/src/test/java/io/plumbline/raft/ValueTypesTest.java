package io.plumbline.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Value types: equality by content, readable text, and the seeded random source's contract. */
class ValueTypesTest {

  @Test
  void entriesDifferByTermIndexOrDataAndPrintReadably() {
    Entry e = new Entry(2, 3, "x".getBytes());
    assertThat(e).isNotEqualTo(new Entry(1, 3, "x".getBytes()))
        .isNotEqualTo(new Entry(2, 4, "x".getBytes())).isNotEqualTo(new Entry(2, 3, "y".getBytes()))
        .isNotEqualTo("3/2:x");
    Set<Integer> hashes = new HashSet<>(List.of(e.hashCode(), new Entry(1, 3, "x".getBytes()).hashCode(),
        new Entry(2, 4, "x".getBytes()).hashCode(), new Entry(2, 3, "y".getBytes()).hashCode()));
    assertThat(hashes).hasSize(4);
    assertThat(e.toString()).isEqualTo("3/2:x");
    assertThat(new Entry(2, 3, null).toString()).isEqualTo("3/2");
    assertThat(e.value()).isEqualTo("x");
  }

  @Test
  void snapshotsAndReadStatesCompareByContent() {
    Snapshot s = new Snapshot(4, 2, new byte[] {1});
    assertThat(s).isNotEqualTo(new Snapshot(5, 2, new byte[] {1}))
        .isNotEqualTo(new Snapshot(4, 3, new byte[] {1})).isNotEqualTo(new Snapshot(4, 2, new byte[] {2}))
        .isNotEqualTo("x");
    assertThat(s.hashCode()).isNotEqualTo(new Snapshot(5, 2, new byte[] {1}).hashCode())
        .isNotEqualTo(new Snapshot(4, 3, new byte[] {1}).hashCode());
    assertThat(s.toString()).isEqualTo("snapshot@4/2");
    assertThat(s.isEmpty()).isFalse();
    assertThat(Snapshot.EMPTY.isEmpty()).isTrue();
    assertThat(new Snapshot(1, 1, null).data()).isEmpty();
    ReadState r = new ReadState(7, "c".getBytes());
    assertThat(r).isNotEqualTo(new ReadState(8, "c".getBytes())).isNotEqualTo(new ReadState(7, "d".getBytes()))
        .isNotEqualTo("x");
    assertThat(r.hashCode()).isNotEqualTo(new ReadState(8, "c".getBytes()).hashCode())
        .isNotEqualTo(new ReadState(7, "d".getBytes()).hashCode());
    assertThat(r.toString()).isEqualTo("read(c)@7");
    byte[] ctx = r.context();
    ctx[0] = 'z';
    assertThat(new String(r.context())).isEqualTo("c");
  }

  @Test
  void messagesPrintTheirTypeSpecificFields() {
    Message m = new Message(MessageType.HeartbeatRequest, "n1", "n2", 3, 0, 0, List.of(), 2, false,
        0, "r".getBytes(), null);
    assertThat(m.toString()).isEqualTo("n1->n2 HeartbeatRequest term=3 commit=2 ctx=r");
    assertThat(m.hasContext()).isTrue();
    assertThat(Message.of(MessageType.HeartbeatResponse, "a", "b", 1).hasContext()).isFalse();
    assertThat(Message.of(MessageType.HeartbeatResponse, "a", "b", 1).context()).isNull();
  }

  @Test
  void randomSourceSplitsIntoIndependentStreamsAndHonoursProbabilities() {
    SplitMixRandom r = new SplitMixRandom(3);
    SplitMixRandom child = r.split();
    assertThat(child.nextLong()).isNotEqualTo(r.nextLong());
    SplitMixRandom again = new SplitMixRandom(3);
    assertThat(again.split().nextLong()).isEqualTo(new SplitMixRandom(3).split().nextLong());
    int hits = 0;
    SplitMixRandom p = new SplitMixRandom(9);
    for (int i = 0; i < 10_000; i++) {
      hits += p.chance(0.25) ? 1 : 0;
    }
    assertThat(hits).isBetween(2300, 2700);
    int[] counts = new int[4];
    for (int i = 0; i < 4000; i++) {
      counts[p.nextInt(4)]++;
    }
    assertThat(java.util.Arrays.stream(counts).min().getAsInt()).isGreaterThan(800);
    assertThat(new SplitMixRandom(0).nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
  }
}
