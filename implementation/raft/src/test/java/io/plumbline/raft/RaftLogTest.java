package io.plumbline.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The log: matching, conflict truncation, fast back-off, commit rules, stable/unstable split. */
class RaftLogTest {

  private static List<Entry> terms(long first, long... terms) {
    List<Entry> out = new java.util.ArrayList<>();
    for (int i = 0; i < terms.length; i++) {
      out.add(new Entry(terms[i], first + i, ("v" + (first + i)).getBytes()));
    }
    return out;
  }

  private static RaftLog logWith(long... terms) {
    RaftLog log = new RaftLog(new MemoryStorage());
    log.append(terms(1, terms));
    return log;
  }

  @Test
  void maybeAppendRejectsOnMismatchAndTruncatesOnlyTheConflictingSuffix() {
    RaftLog log = logWith(1, 1, 2, 2);
    assertThat(log.maybeAppend(4, 3, 0, terms(5, 3))).isEqualTo(-1);
    assertThat(log.maybeAppend(2, 1, 2, terms(3, 3, 3))).isEqualTo(4);
    assertThat(log.term(3)).isEqualTo(3);
    assertThat(log.term(4)).isEqualTo(3);
    assertThat(log.committed).isEqualTo(2);
    assertThat(log.maybeAppend(1, 1, 9, terms(2, 1))).isEqualTo(2);
    assertThat(log.lastIndex()).isEqualTo(4); // matching prefix: nothing truncated
    assertThat(log.committed).isEqualTo(2); // min(leaderCommit, last new index)
  }

  @Test
  void truncatingACommittedEntryIsABug() {
    RaftLog log = logWith(1, 1);
    log.commitTo(2);
    assertThatThrownBy(() -> log.maybeAppend(1, 1, 0, terms(2, 2)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("committed");
    assertThatThrownBy(() -> log.commitTo(3)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void findConflictByTermSkipsAWholeTerm() {
    RaftLog log = logWith(1, 1, 2, 2, 2, 4);
    assertThat(log.findConflictByTerm(6, 3)).containsExactly(5, 2);
    assertThat(log.findConflictByTerm(6, 1)).containsExactly(2, 1);
    assertThat(log.findConflictByTerm(6, 0)).containsExactly(0, 0);
    assertThat(log.findConflictByTerm(4, 5)).containsExactly(4, 2);
  }

  @Test
  void upToDateComparesLastTermThenLength() {
    RaftLog log = logWith(1, 2);
    assertThat(log.isUpToDate(1, 3)).isTrue();
    assertThat(log.isUpToDate(2, 2)).isTrue();
    assertThat(log.isUpToDate(1, 2)).isFalse();
    assertThat(log.isUpToDate(9, 1)).isFalse();
  }

  @Test
  void maybeCommitRequiresTheGivenTerm() {
    RaftLog log = logWith(1, 2);
    assertThat(log.maybeCommit(2, 1)).isFalse();
    assertThat(log.maybeCommit(1, 1)).isTrue();
    assertThat(log.maybeCommit(1, 1)).isFalse();
    assertThat(log.maybeCommit(2, -1)).isTrue();
    assertThat(log.committed).isEqualTo(2);
  }

  @Test
  void stableToMovesEntriesOutOfTheUnstableTail() {
    MemoryStorage storage = new MemoryStorage();
    RaftLog log = new RaftLog(storage);
    log.append(terms(1, 1, 1, 1));
    assertThat(log.unstableEntries()).hasSize(3);
    storage.append(terms(1, 1, 1));
    log.stableTo(2, 1);
    assertThat(log.unstableEntries()).extracting(Entry::index).containsExactly(3L);
    log.stableTo(3, 9); // wrong term: ignored
    assertThat(log.hasUnstableEntries()).isTrue();
    assertThat(log.slice(1, 4, Long.MAX_VALUE)).extracting(Entry::index).containsExactly(1L, 2L, 3L);
    assertThat(log.slice(1, 4, 1)).hasSize(1);
  }

  @Test
  void committedEntriesAreHandedOutOnceFromAppliedOn() {
    RaftLog log = logWith(1, 1, 1);
    log.commitTo(2);
    assertThat(log.nextCommittedEntries(Long.MAX_VALUE)).extracting(Entry::index).containsExactly(1L, 2L);
    log.appliedTo(2);
    assertThat(log.nextCommittedEntries(Long.MAX_VALUE)).isEmpty();
    log.appliedTo(1);
    assertThat(log.applied).isEqualTo(2);
  }

  @Test
  void restoreFromSnapshotReplacesTheLog() {
    RaftLog log = logWith(1, 1);
    log.restore(new Snapshot(5, 3, new byte[] {1}));
    assertThat(log.firstIndex()).isEqualTo(6);
    assertThat(log.lastIndex()).isEqualTo(5);
    assertThat(log.term(5)).isEqualTo(3);
    assertThat(log.committed).isEqualTo(5);
    assertThat(log.pendingSnapshot().index()).isEqualTo(5);
    assertThat(log.termOrNone(4)).isEqualTo(RaftLog.NO_TERM);
    assertThatThrownBy(() -> log.term(4)).isInstanceOf(LogCompactedException.class);
    log.stableSnapshotTo(5);
    assertThat(log.pendingSnapshot()).isNull();
  }

  @Test
  void memoryStorageCompactsAndRefusesCompactedReads() {
    MemoryStorage s = new MemoryStorage();
    s.append(terms(1, 1, 1, 2, 2));
    s.createSnapshot(3, new byte[] {7});
    s.compact(3);
    assertThat(s.firstIndex()).isEqualTo(4);
    assertThat(s.lastIndex()).isEqualTo(4);
    assertThat(s.term(3)).isEqualTo(2);
    assertThatThrownBy(() -> s.term(2)).isInstanceOf(LogCompactedException.class);
    assertThatThrownBy(() -> s.entries(3, 4, 100)).isInstanceOf(LogCompactedException.class);
    assertThatThrownBy(() -> s.term(5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.compact(4)).isInstanceOf(IllegalArgumentException.class);
    s.append(terms(4, 3, 3));
    assertThat(s.entries(4, 6, Long.MAX_VALUE)).extracting(Entry::term).containsExactly(3L, 3L);
    assertThatThrownBy(() -> s.append(terms(9, 3))).isInstanceOf(IllegalArgumentException.class);
    MemoryStorage copy = s.copy();
    s.append(terms(6, 4));
    assertThat(copy.lastIndex()).isEqualTo(5);
  }
}
