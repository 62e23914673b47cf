package io.plumbline.conformance.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RevisionSequenceTest {
  private static final List<WriteObservation> WRITES = List.of(
      new WriteObservation("put a", 11, true),
      new WriteObservation("txn {put b, put c}", 12, true),
      new WriteObservation("delete absent", 12, false),
      new WriteObservation("put d", 14, true)); // 13 came from another client

  @Test
  void contiguousRevisionsWithOtherClientsWritesPass() {
    assertThat(RevisionSequence.verify(10, WRITES, List.of(11L, 12L, 12L, 13L, 14L))).isEmpty();
  }

  @Test
  void aSkippedRevisionIsCaught() {
    List<WriteObservation> skip = List.of(new WriteObservation("put a", 11, true), new WriteObservation("put b", 13, true));
    assertThat(RevisionSequence.verify(10, skip, List.of(11L, 13L)))
        .containsExactly("revision 12 was skipped: no write transaction produced it (revisions 10..13 must be contiguous)");
  }

  @Test
  void aSkipRightAfterTheStartIsCaught() {
    List<WriteObservation> skip = List.of(new WriteObservation("put a", 12, true), new WriteObservation("put b", 13, true));
    assertThat(RevisionSequence.verify(10, skip, List.of(12L, 13L)))
        .containsExactly("revision 11 was skipped: no write transaction produced it (revisions 10..13 must be contiguous)");
  }

  @Test
  void aRevisionGoingBackIsCaught() {
    List<WriteObservation> back = List.of(new WriteObservation("put a", 12, true), new WriteObservation("put b", 11, true));
    assertThat(RevisionSequence.verify(10, back, List.of(11L, 12L)))
        .contains("revision went back: put b answered revision 11 after revision 12");
  }

  @Test
  void aWriteThatDidNotRaiseTheRevisionIsCaught() {
    List<WriteObservation> same = List.of(new WriteObservation("put a", 11, true), new WriteObservation("put b", 11, true));
    assertThat(RevisionSequence.verify(10, same, List.of(11L)))
        .containsExactly("put b changed the store but answered the old revision 11");
  }

  @Test
  void aWriteTheWatchNeverDeliveredIsCaught() {
    assertThat(RevisionSequence.verify(10, WRITES, List.of(11L, 13L, 14L)))
        .contains("revision 12 was skipped: no write transaction produced it (revisions 10..14 must be contiguous)",
            "txn {put b, put c} at revision 12 never appeared in the watch");
  }
}
