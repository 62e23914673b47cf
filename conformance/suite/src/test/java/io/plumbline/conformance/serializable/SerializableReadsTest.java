package io.plumbline.conformance.serializable;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SerializableReadsTest {
  // writes of 1, 2, 3 acknowledged at t=10, 20, 30 with revisions 101, 102, 103
  private static final List<CounterWrite> WRITES = List.of(new CounterWrite(1, 5, 10, 101),
      new CounterWrite(2, 15, 20, 102), new CounterWrite(3, 25, 30, 103));

  private static CounterRead ser(long invoke, long complete, long value, long rev) {
    return new CounterRead(true, "m1", invoke, complete, value, rev);
  }

  private static CounterRead lin(long invoke, long complete, long value, long rev) {
    return new CounterRead(false, "m2", invoke, complete, value, rev);
  }

  @Test
  void staleButCommittedSerializableReadsPass() {
    List<CounterRead> reads = List.of(ser(22, 23, 1, 101), lin(24, 26, 2, 102), ser(31, 32, 2, 102), lin(33, 34, 3, 103));
    assertThat(SerializableReads.committed(WRITES, reads)).isEmpty();
    assertThat(SerializableReads.notNewerThanLaterLinearizable(reads)).isEmpty();
    assertThat(SerializableReads.linearizableNotStale(WRITES, reads)).isEmpty();
  }

  @Test
  void aValueNeverWrittenOrAtTheWrongRevisionIsNotACommittedState() {
    assertThat(SerializableReads.committed(WRITES, List.of(ser(1, 2, 7, 107)))).singleElement().asString()
        .contains("no write of 7 was ever sent");
    assertThat(SerializableReads.committed(WRITES, List.of(ser(21, 22, 2, 105)))).singleElement().asString()
        .contains("committed at revision 102, not 105");
    assertThat(SerializableReads.committed(WRITES, List.of(ser(1, 2, 3, 103)))).singleElement().asString()
        .contains("sent only after the read completed");
  }

  @Test
  void aSerializableReadNewerThanALaterLinearizableReadIsCaught() {
    List<CounterRead> reads = List.of(ser(26, 27, 3, 103), lin(28, 29, 2, 102));
    assertThat(SerializableReads.notNewerThanLaterLinearizable(reads)).singleElement().asString()
        .contains("serializable get at m1 -> 3 @103 but a later linearizable get at m2 -> 2 @102");
  }

  @Test
  void aStaleLinearizableReadIsCaught() {
    assertThat(SerializableReads.linearizableNotStale(WRITES, List.of(lin(31, 32, 2, 102)))).singleElement().asString()
        .contains("stale, the write of 3 was acknowledged before this read was sent");
  }
}
