package io.plumbline.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Size limits of the log's reads, as etcd's {@code limitSize}: a batch (an AppendEntries, the
 * committed entries of one Ready) takes entries while their total size stays at most the limit,
 * and always at least one. Exactly at the limit is inside: a limit of two entries' bytes gives two
 * entries, wherever they live (storage, the unstable tail, or both). Found by PIT
 * (implementation/README, "PIT"): every earlier test used a limit below one entry's size.
 */
class RaftLogRulesTest {

  /** Entries first..first+n-1 of term 1, each with a payload of 10 bytes. */
  private static List<Entry> entries(long first, int n) {
    List<Entry> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Entry(1, first + i, "0123456789".getBytes()));
    }
    return out;
  }

  private static final long SIZE = entries(1, 1).get(0).size();

  /** A log whose entries 1..persisted are in storage and persisted+1..total in the unstable tail. */
  private static RaftLog log(int persisted, int total) {
    MemoryStorage disk = new MemoryStorage();
    disk.append(entries(1, persisted));
    RaftLog log = new RaftLog(disk);
    log.append(entries(persisted + 1, total - persisted));
    return log;
  }

  private static List<Long> indexes(List<Entry> es) {
    return es.stream().map(Entry::index).toList();
  }

  @Test
  void unstableEntriesFillTheLimitExactly() {
    RaftLog log = log(0, 4);
    assertThat(indexes(log.entriesFrom(1, 2 * SIZE))).containsExactly(1L, 2L);
    assertThat(indexes(log.entriesFrom(1, 2 * SIZE - 1))).containsExactly(1L);
    assertThat(indexes(log.entriesFrom(1, 1))).as("at least one").containsExactly(1L);
  }

  @Test
  void storedEntriesFillTheLimitExactly() {
    RaftLog log = log(4, 4);
    assertThat(indexes(log.entriesFrom(1, 2 * SIZE))).containsExactly(1L, 2L);
    assertThat(indexes(log.entriesFrom(1, 2 * SIZE - 1))).containsExactly(1L);
    assertThat(indexes(log.entriesFrom(1, 1))).as("at least one").containsExactly(1L);
  }

  /** Storage serves 1..2 within the limit, then the unstable tail adds 3 up to the limit. */
  @Test
  void aBatchAcrossStorageAndTheUnstableTailFillsTheLimitExactly() {
    RaftLog log = log(2, 4);
    assertThat(indexes(log.entriesFrom(1, 3 * SIZE))).containsExactly(1L, 2L, 3L);
    assertThat(indexes(log.entriesFrom(1, 3 * SIZE - 1))).containsExactly(1L, 2L);
    assertThat(indexes(log.entriesFrom(1, 2 * SIZE - 1))).as("storage's limit reached")
        .containsExactly(1L);
  }

  /** A Ready's committed entries obey {@code maxCommittedSizePerReady} the same way. */
  @Test
  void committedEntriesOfOneReadyFillTheLimitExactly() {
    RaftLog log = log(4, 4);
    log.commitTo(4);
    assertThat(indexes(log.nextCommittedEntries(3 * SIZE))).containsExactly(1L, 2L, 3L);
    log.appliedTo(3);
    assertThat(indexes(log.nextCommittedEntries(3 * SIZE))).containsExactly(4L);
  }
}
