package io.plumbline.conformance.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each watch guarantee's verifier passes a good stream and fails a hand-made bad one with evidence. */
class WatchVerifierTest {
  private static final ObservedEvent A2 = new ObservedEvent("PUT", "a", "1", 2, null);
  private static final ObservedEvent B3 = new ObservedEvent("PUT", "b", "1", 3, null);
  private static final ObservedEvent C3 = new ObservedEvent("PUT", "c", "1", 3, null); // same txn as B3
  private static final ObservedEvent A4 = new ObservedEvent("PUT", "a", "2", 4, "1");
  private static final ObservedEvent DEL5 = new ObservedEvent("DELETE", "b", null, 5, "1");
  private static final List<ObservedEvent> WRITES = List.of(A2, B3, C3, A4, DEL5);

  private static ObservedResponse resp(int seq, ObservedEvent... events) {
    return new ObservedResponse(seq, List.of(events), false, 0);
  }

  private static ObservedResponse progress(int seq, long revision) {
    return new ObservedResponse(seq, List.of(), true, revision);
  }

  private static final List<ObservedResponse> GOOD = List.of(resp(0, A2), resp(1, B3, C3), progress(2, 3),
      resp(3, A4), resp(4, DEL5), progress(5, 5));

  @Test
  void aCorrectStreamPassesEveryGuarantee() {
    assertThat(WatchVerifier.ordered(GOOD)).isEmpty();
    assertThat(WatchVerifier.unique(GOOD)).isEmpty();
    assertThat(WatchVerifier.atomic(GOOD)).isEmpty();
    assertThat(WatchVerifier.reliable(WRITES, GOOD)).isEmpty();
    assertThat(WatchVerifier.prevKv(WRITES, GOOD)).isEmpty();
    assertThat(WatchVerifier.bookmarks(WRITES, GOOD)).isEmpty();
    assertThat(WatchVerifier.resumed(List.of(A4, DEL5), List.of(resp(0, A4), resp(1, DEL5)))).isEmpty();
    assertThat(WatchVerifier.filtered("NODELETE", WRITES, e -> e.type().equals("PUT"),
        List.of(resp(0, A2), resp(1, B3, C3), resp(2, A4)))).isEmpty();
  }

  @Test
  void aGapIsALostEvent() {
    List<ObservedResponse> gap = List.of(resp(0, A2), resp(1, B3, C3), resp(2, DEL5));
    assertThat(WatchVerifier.reliable(WRITES, gap)).containsExactly("missing event PUT a @4 (a gap in the stream)");
  }

  @Test
  void aDuplicatedEventBreaksUniqueness() {
    List<ObservedResponse> dup = List.of(resp(0, A2), resp(1, B3, C3), resp(2, A4), resp(3, A4), resp(4, DEL5));
    assertThat(WatchVerifier.unique(dup)).singleElement().asString().contains("PUT a @4 delivered twice (responses 2 and 3)");
  }

  @Test
  void aRevisionSplitAcrossResponsesBreaksAtomicity() {
    List<ObservedResponse> split = List.of(resp(0, A2), resp(1, B3), resp(2, C3), resp(3, A4), resp(4, DEL5));
    assertThat(WatchVerifier.atomic(split)).containsExactly("revision 3 split across responses 1 and 2");
  }

  @Test
  void aRevisionGoingBackBreaksOrder() {
    List<ObservedResponse> back = List.of(resp(0, A2), resp(1, A4), resp(2, B3, C3), resp(3, DEL5));
    assertThat(WatchVerifier.ordered(back)).first().asString().contains("event at revision 3 (b) after an event at revision 4");
  }

  @Test
  void aProgressNotificationAheadOfAnEventBreaksBookmarks() {
    List<ObservedResponse> early = List.of(resp(0, A2), progress(1, 4), resp(2, B3, C3), resp(3, A4), resp(4, DEL5));
    assertThat(WatchVerifier.bookmarks(WRITES, early)).singleElement().asString()
        .contains("progress notification at revision 4 (response 1) arrived before event PUT b @3");
  }

  @Test
  void aWrongPrevKvIsCaught() {
    ObservedEvent wrongPrev = new ObservedEvent("PUT", "a", "2", 4, "0");
    List<ObservedResponse> s = List.of(resp(0, A2), resp(1, B3, C3), resp(2, wrongPrev), resp(3, DEL5));
    assertThat(WatchVerifier.prevKv(WRITES, s)).containsExactly("PUT a @4 has prev_kv 0; the value before was 1");
  }

  @Test
  void aResumedWatchThatSkipsOrRepeatsIsCaught() {
    assertThat(WatchVerifier.resumed(List.of(A4, DEL5), List.of(resp(0, DEL5)))).singleElement().asString()
        .contains("the resumed watch delivered 1 events");
    assertThat(WatchVerifier.resumed(List.of(A4, DEL5), List.of(resp(0, B3, C3), resp(1, A4), resp(2, DEL5))))
        .hasSize(1);
  }

  @Test
  void aFilterThatLetsTheWrongTypeThroughIsCaught() {
    assertThat(WatchVerifier.filtered("NOPUT", WRITES, e -> e.type().equals("DELETE"), List.of(resp(0, A2), resp(1, DEL5))))
        .containsExactly("NOPUT watch delivered PUT a @2");
    assertThat(WatchVerifier.filtered("NOPUT", WRITES, e -> e.type().equals("DELETE"), List.of())).hasSize(1);
  }

  @Test
  void anEventNoWriteMadeIsCaught() {
    ObservedEvent ghost = new ObservedEvent("PUT", "z", "9", 6, null);
    List<ObservedResponse> s = List.of(resp(0, A2), resp(1, B3, C3), resp(2, A4), resp(3, DEL5), resp(4, ghost));
    assertThat(WatchVerifier.reliable(WRITES, s)).containsExactly("unexpected event PUT z @6 (no such write)");
  }
}
