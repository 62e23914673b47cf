package io.plumbline.chaos.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.checker.Validity;
import io.plumbline.history.History;
import io.plumbline.history.Op;
import io.plumbline.history.OpType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each watch guarantee is caught when broken, judged against the clients' recorded writes: a watcher
 * that agrees with a faulty store but misses an acknowledged write is still caught.
 */
class WatchCheckerTest {
  // acknowledged: k0=10 at 2, a txn pair-a/pair-b=11 at 3, k0=12 at 4; indeterminate: k1=13
  private static final List<WatchWrite> WRITES = List.of(
      new WatchWrite(List.of("k0"), "10", 2, true),
      new WatchWrite(List.of("pair-a", "pair-b"), "11", 3, true),
      new WatchWrite(List.of("k0"), "12", 4, true),
      new WatchWrite(List.of("k1"), "13", -1, false));
  private static final WatchEventRecord A = new WatchEventRecord(2, "k0", "10", 1);
  private static final WatchEventRecord B = new WatchEventRecord(3, "pair-a", "11", 2);
  private static final WatchEventRecord B2 = new WatchEventRecord(3, "pair-b", "11", 2);
  private static final WatchEventRecord C = new WatchEventRecord(4, "k0", "12", 3);
  private static final List<WatchEventRecord> ALL = List.of(A, B, B2, C);

  private static List<String> problems(List<WatchEventRecord> seen) {
    return WatchChecker.problems("w", seen, WRITES, List.of(), 4);
  }

  @Test
  void everyAcknowledgedEventInOrderIsValid() {
    assertThat(problems(ALL)).isEmpty();
  }

  @Test
  void otherResponseBoundariesBetweenRevisionsAreValid() {
    List<WatchEventRecord> seen = List.of(A, new WatchEventRecord(3, "pair-a", "11", 1),
        new WatchEventRecord(3, "pair-b", "11", 1), new WatchEventRecord(4, "k0", "12", 7));
    assertThat(problems(seen)).isEmpty();
  }

  @Test
  void anIndeterminateWriteMayAppearOrNot() {
    WatchEventRecord d = new WatchEventRecord(5, "k1", "13", 4);
    List<WatchEventRecord> with = new ArrayList<>(ALL);
    with.add(d);
    assertThat(problems(with)).isEmpty();
    assertThat(problems(ALL)).isEmpty();
  }

  @Test
  void aLostAcknowledgedRevisionIsCaughtThoughTheStoreNeverSentIt() {
    // what the lost-watch-event store does: every watcher, even a fresh one, misses revision 3
    assertThat(problems(List.of(A, C))).singleElement().asString()
        .contains("reliable: 2 acknowledged event(s)").contains("rev 3 pair-a=11");
  }

  @Test
  void stoppingEarlyIsCaught() {
    assertThat(problems(List.of(A))).singleElement().asString().contains("reliable: 3 acknowledged event(s) up to rev 4");
  }

  @Test
  void aCompactedRangeIsExcusedForThatWatcherOnly() {
    assertThat(WatchChecker.problems("w", List.of(C), WRITES, List.<long[]>of(new long[] {1, 3}), 4)).isEmpty();
    assertThat(WatchChecker.problems("w", List.of(C), WRITES, List.<long[]>of(new long[] {1, 2}), 4))
        .anyMatch(p -> p.contains("reliable"));
  }

  @Test
  void aDuplicateIsCaught() {
    assertThat(problems(List.of(A, B, B2, B, C))).anyMatch(p -> p.contains("unique"));
  }

  @Test
  void goingBackIsCaught() {
    assertThat(problems(List.of(A, C, B, B2))).anyMatch(p -> p.contains("ordered"));
  }

  @Test
  void aRevisionSplitOverTwoResponsesIsCaught() {
    List<WatchEventRecord> seen = List.of(A, B, new WatchEventRecord(3, "pair-b", "11", 3), C);
    assertThat(problems(seen)).singleElement().asString().contains("atomic: revision 3 split over responses 2 and 3");
  }

  @Test
  void halfATxnIsCaught() {
    assertThat(problems(List.of(A, B, C))).anyMatch(p -> p.contains("atomic: 1 txn(s) delivered in part"));
  }

  @Test
  void anEventNoClientWroteIsCaught() {
    List<WatchEventRecord> seen = new ArrayList<>(ALL);
    seen.add(new WatchEventRecord(5, "k3", "99", 9));
    assertThat(problems(seen)).singleElement().asString().contains("phantom");
  }

  @Test
  void anEventAtAnotherRevisionThanAcknowledgedIsCaught() {
    List<WatchEventRecord> seen = List.of(A, B, B2, new WatchEventRecord(5, "k0", "12", 3));
    assertThat(problems(seen)).anyMatch(p -> p.contains("acknowledged that write at rev 4"));
  }

  @Test
  void aSkippedRevisionIsCaughtAcrossWatchers() {
    List<WatchWrite> skipped = List.of(new WatchWrite(List.of("k0"), "10", 2, true),
        new WatchWrite(List.of("k0"), "12", 4, true));
    List<WatchEventRecord> seen = List.of(A, new WatchEventRecord(4, "k0", "12", 2));
    assertThat(WatchChecker.problems("w", seen, skipped, List.of(), 4)).isEmpty();
    assertThat(WatchChecker.acrossWatchers(Map.of("w", seen), skipped)).singleElement().asString()
        .contains("contiguous: 1 revision(s)").contains("[3]");
  }

  @Test
  void twoWatchersDisagreeingOnAnIndeterminateWriteAreCaught() {
    WatchEventRecord d5 = new WatchEventRecord(5, "k1", "13", 4);
    WatchEventRecord d6 = new WatchEventRecord(6, "k1", "13", 4);
    assertThat(WatchChecker.acrossWatchers(Map.of("w1", List.of(A, B, B2, C, d5), "w2", List.of(A, B, B2, C, d6)),
        WRITES)).anyMatch(p -> p.contains("agreement"));
  }

  @Test
  void writesComeFromTheHistoryWithTheirRevisions() {
    List<Op> ev = List.of(
        new Op(0, "0", OpType.INVOKE, "put", "10", "k0", 1L, null, Map.of()),
        new Op(1, "0", OpType.OK, "put", List.of("10", 2L), "k0", 2L, null, Map.of()),
        new Op(2, "1", OpType.INVOKE, "put-pair", "11", "pair", 3L, null, Map.of()),
        new Op(3, "1", OpType.INFO, "put-pair", "11", "pair", 4L, null, Map.of()),
        new Op(4, "2", OpType.INVOKE, "put", "12", "k1", 5L, null, Map.of()),
        new Op(5, "2", OpType.FAIL, "put", "12", "k1", 6L, null, Map.of()));
    assertThat(WatchWrite.of(new History("t", ev))).containsExactly(
        new WatchWrite(List.of("k0"), "10", 2, true, 1L), new WatchWrite(List.of("pair-a", "pair-b"), "11", -1, false,
            3L));
  }

  @Test
  void tooFewAcknowledgedWritesIsUnknownNotValid() {
    assertThat(WatchChecker.verdict(List.of(), 3, WRITES, 0).validity()).isEqualTo(Validity.UNKNOWN);
    List<WatchWrite> many = new ArrayList<>(Collections.nCopies(WatchChecker.MIN_ACKNOWLEDGED_WRITES, WRITES.get(0)));
    assertThat(WatchChecker.verdict(List.of(), 3, many, 0).validity()).isEqualTo(Validity.TRUE);
    assertThat(WatchChecker.verdict(List.of("x"), 3, many, 0).validity()).isEqualTo(Validity.FALSE);
  }

  // Hostile watchers: each history below is one a faulty store could send.

  @Test
  void goingBackAtTheVeryStartIsCaught() {
    // the second event goes back to rev 2 after rev 4; from there on the revisions rise again
    assertThat(problems(List.of(C, A, B, B2))).anyMatch(p -> p.contains("ordered: rev 2 k0=10 after rev 4"));
  }

  /** The right value at the right revision, on a key that write never touched. */
  @Test
  void anEventOnAKeyItsWriteNeverTouchedIsCaught() {
    List<WatchEventRecord> seen = List.of(A, B, B2, C, new WatchEventRecord(4, "k1", "12", 3));
    assertThat(problems(seen)).anyMatch(p -> p.contains("phantom: rev 4 k1=12 was written by no client"));
  }

  /** The workload never deletes: a delete event is a phantom (and its null value breaks nothing). */
  @Test
  void aDeleteNoClientSentIsCaught() {
    List<WatchEventRecord> seen = List.of(A, B, B2, C, new WatchEventRecord(5, "k0", null, 4));
    assertThat(problems(seen)).singleElement().asString().contains("phantom: rev 5 k0=null");
  }

  /** After a reconnect the store replays revisions the watcher already had (it resumed from the right one). */
  @Test
  void eventsReplayedAfterAReconnectAreCaught() {
    List<WatchEventRecord> seen = List.of(A, B, B2, new WatchEventRecord(2, "k0", "10", 3),
        new WatchEventRecord(3, "pair-a", "11", 3), new WatchEventRecord(3, "pair-b", "11", 3), C);
    assertThat(problems(seen)).anyMatch(p -> p.contains("unique: rev 2 k0=10 delivered twice"))
        .anyMatch(p -> p.contains("ordered"));
  }

  /** An indeterminate write at the revision an acknowledged one owns: one revision, two writes. */
  @Test
  void anIndeterminateWriteAtAnAcknowledgedRevisionIsCaught() {
    List<WatchEventRecord> seen = List.of(A, B, B2, C, new WatchEventRecord(4, "k1", "13", 3));
    assertThat(problems(seen)).anyMatch(p -> p.contains("atomic: rev 4 k1=13 but the store acknowledged"));
  }

  /** A compacted start (the watch began at 1, the store compacted to 3) excuses 1..2 only. */
  @Test
  void aCompactedStartRevisionExcusesOnlyWhatWasCompacted() {
    assertThat(WatchChecker.problems("w", List.of(B, B2, C), WRITES, List.<long[]>of(new long[] {1, 2}), 4))
        .isEmpty();
    assertThat(WatchChecker.problems("w", List.of(C), WRITES, List.<long[]>of(new long[] {1, 2}), 4))
        .anyMatch(p -> p.contains("reliable: 2 acknowledged event(s)"));
  }

  /**
   * A store that answers "compacted" with a revision that never existed would excuse every event;
   * the workload is the store's only writer, so no revision lies beyond the last acknowledged one
   * plus one per indeterminate write.
   */
  @Test
  void aCompactionBeyondEveryRevisionThatCanExistIsCaught() {
    assertThat(WatchChecker.problems("w", List.of(), WRITES, List.<long[]>of(new long[] {1, 999}), 4))
        .singleElement().asString().contains("compacted: the store reported revisions 1..999 compacted")
        .contains("at most rev 5 can exist");
    assertThat(WatchChecker.problems("w", List.of(), WRITES, List.<long[]>of(new long[] {1, 4}), 4))
        .as("compacted to rev 5, which the indeterminate write may have made").isEmpty();
    assertThat(WatchChecker.problems("w", List.of(), WRITES, List.<long[]>of(new long[] {1, 5}), 4))
        .as("compacted to rev 6: one past what can exist").anyMatch(p -> p.contains("compacted"));
  }

  // Timed writes for the compaction rules: k0=10 invoked at 1 s (rev 2), the pair at 2 s (rev 3), k0=12 at 3 s
  // (rev 4), the indeterminate k1=13 at 4 s.
  private static final List<WatchWrite> TIMED = List.of(
      new WatchWrite(List.of("k0"), "10", 2, true, 1_000_000_000L),
      new WatchWrite(List.of("pair-a", "pair-b"), "11", 3, true, 2_000_000_000L),
      new WatchWrite(List.of("k0"), "12", 4, true, 3_000_000_000L),
      new WatchWrite(List.of("k1"), "13", -1, false, 4_000_000_000L));

  private static List<String> compactions(Watcher.Compaction c, Map<String, List<Watcher.Opened>> streams,
      Map<String, List<WatchEventRecord>> seen) {
    return WatchChecker.compactions("w", List.of(c), TIMED, streams, seen);
  }

  /**
   * A compaction at a revision that exists at the end of the run but did not yet when the cancel
   * came: at 2.5 s only the writes invoked before (revs 2 and 3) can have made revisions.
   */
  @Test
  void aCompactionToARevisionThatDidNotYetExistIsCaught() {
    assertThat(compactions(new Watcher.Compaction(1, 4, 2_500_000_000L), Map.of(), Map.of()))
        .singleElement().asString().contains("compaction to rev 4 at 2.500 s, but by then at most rev 3 existed");
    assertThat(compactions(new Watcher.Compaction(1, 3, 2_500_000_000L), Map.of(), Map.of())).isEmpty();
    assertThat(compactions(new Watcher.Compaction(1, 5, 4_500_000_000L), Map.of(), Map.of()))
        .as("rev 5: the indeterminate write invoked at 4 s may have made it").isEmpty();
    assertThat(compactions(new Watcher.Compaction(1, 5, 3_500_000_000L), Map.of(), Map.of()))
        .as("rev 5 at 3.5 s: the indeterminate write was not invoked yet").hasSize(1);
  }

  /** Compaction is for good: a watch opened after the cancel from below the compact revision cannot deliver below it. */
  @Test
  void aCompactionRefutedByALaterWatchIsCaught() {
    Watcher.Compaction c = new Watcher.Compaction(3, 4, 3_500_000_000L); // w told at 3.5 s: below rev 4 is gone
    Map<String, List<WatchEventRecord>> seen = Map.of("v", List.of(A, B, B2, C));
    Map<String, List<Watcher.Opened>> later = Map.of("v", List.of(new Watcher.Opened(1, 3_600_000_000L, 1)));
    assertThat(compactions(c, later, seen)).singleElement().asString()
        .contains("yet v's watch opened at 3.600 s from rev 1 delivered rev 2 k0=10: compaction is for good");
    Map<String, List<Watcher.Opened>> earlier = Map.of("v", List.of(new Watcher.Opened(1, 3_400_000_000L, 1)));
    assertThat(compactions(c, earlier, seen)).as("a stream opened before the cancel may stream on").isEmpty();
    Map<String, List<Watcher.Opened>> resumedAt4 = Map.of("v", List.of(new Watcher.Opened(1, 1_000_000_000L, 1),
        new Watcher.Opened(4, 3_600_000_000L, 3)));
    assertThat(compactions(c, resumedAt4, seen)).as("the later stream began at the compact revision").isEmpty();
  }

  /** etcd cancels a watch for compaction only when it starts below the compact revision. */
  @Test
  void aCompactedCancelAtOrBelowTheWatchStartIsCaught() {
    assertThat(compactions(new Watcher.Compaction(4, 4, 3_500_000_000L), Map.of(), Map.of())).singleElement()
        .asString().contains("a cancel at compact revision 4 for a watch that had everything below 4");
  }

  /** The minimum counts writes, not events: half as many two-key txns give as many events and half the writes. */
  @Test
  void theMinimumCountsAcknowledgedWritesNotEvents() {
    List<WatchWrite> pairs = new ArrayList<>(Collections.nCopies(WatchChecker.MIN_ACKNOWLEDGED_WRITES / 2 + 1,
        WRITES.get(1)));
    assertThat(WatchChecker.verdict(List.of(), 3, pairs, 0).validity()).isEqualTo(Validity.UNKNOWN);
  }

  @Test
  void noWatcherIsUnknownHoweverManyWrites() {
    List<WatchWrite> many = new ArrayList<>(Collections.nCopies(WatchChecker.MIN_ACKNOWLEDGED_WRITES, WRITES.get(0)));
    assertThat(WatchChecker.verdict(List.of(), 0, many, 0).validity()).isEqualTo(Validity.UNKNOWN);
  }

  /** Disagreement is caught whichever watcher is judged first (the higher or the lower revision). */
  @Test
  void disagreementIsCaughtInEitherOrderOfWatchers() {
    WatchEventRecord d5 = new WatchEventRecord(5, "k1", "13", 4);
    WatchEventRecord d6 = new WatchEventRecord(6, "k1", "13", 4);
    for (List<WatchEventRecord> first : List.of(List.of(A, B, B2, C, d5), List.of(A, B, B2, C, d6))) {
      Map<String, List<WatchEventRecord>> seenBy = new java.util.LinkedHashMap<>();
      seenBy.put("w1", first);
      seenBy.put("w2", first.contains(d5) ? List.of(A, B, B2, C, d6) : List.of(A, B, B2, C, d5));
      assertThat(WatchChecker.acrossWatchers(seenBy, WRITES)).anyMatch(p -> p.contains("w2 agreement"));
    }
  }
}
