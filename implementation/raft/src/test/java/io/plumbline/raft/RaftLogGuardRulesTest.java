package io.plumbline.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards of the log and of the in-memory storage at their exact boundaries, found by PIT
 * (implementation/HUNTS.md, "PIT survivors of the small core classes"): no test wrote at exactly
 * the commit index or appended entries ending exactly at the compaction point.
 */
class RaftLogGuardRulesTest {

  private static List<Entry> entries(long term, long first, int n) {
    List<Entry> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Entry(term, first + i, ("v" + (first + i)).getBytes()));
    }
    return out;
  }

  /**
   * etcd raftLog.maybeAppend panics "entry %d conflict with committed entry" and unstable
   * truncateAndAppend never reaches below the commit index: a committed entry is never
   * overwritten, not even the one at exactly the commit index.
   */
  @Test
  void theEntryAtTheCommitIndexIsNeverOverwritten() {
    RaftLog log = new RaftLog(new MemoryStorage());
    log.append(entries(1, 1, 2));
    log.commitTo(2);
    assertThatThrownBy(() -> log.maybeAppend(1, 1, 2, entries(2, 2, 1)))
        .as("an append whose entry 2 conflicts with the committed entry 2")
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> log.append(entries(2, 2, 1)))
        .as("a write starting at the commit index 2")
        .isInstanceOf(IllegalStateException.class);
    assertThat(log.termOrNone(2)).as("term of the committed entry 2").isEqualTo(1);
    assertThat(log.lastIndex()).isEqualTo(2);
  }

  /**
   * MemoryStorage.append: entries the storage compacted already are skipped, also when the last
   * of them is exactly the compaction point (etcd MemoryStorage.Append: "shortcut if there is no
   * new entry"); the entries after the compaction point stay, and of a batch that straddles the
   * compaction point only the part after it is written.
   */
  @Test
  void appendingEntriesEndingAtTheCompactionPointKeepsTheLog() {
    MemoryStorage disk = new MemoryStorage();
    disk.append(entries(1, 1, 5));
    disk.createSnapshot(3, "s3".getBytes());
    disk.compact(3);
    disk.append(entries(1, 2, 2)); // entries 2 and 3, both compacted
    assertThat(disk.firstIndex()).isEqualTo(4);
    assertThat(disk.lastIndex()).as("last index after appending compacted entries").isEqualTo(5);
    assertThat(disk.entries(4, 6, Long.MAX_VALUE)).extracting(Entry::index).containsExactly(4L, 5L);
    disk.append(entries(2, 2, 4)); // entries 2..5 of term 2: 2 and 3 compacted, 4 and 5 replaced
    assertThat(disk.entries(4, 6, Long.MAX_VALUE)).extracting(Entry::term).containsExactly(2L, 2L);
    assertThat(disk.firstIndex()).isEqualTo(4);
  }
}
