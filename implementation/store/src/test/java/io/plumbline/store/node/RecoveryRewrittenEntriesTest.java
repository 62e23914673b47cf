package io.plumbline.store.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import io.plumbline.raft.MemoryStorage;
import io.plumbline.raft.SplitMixRandom;
import io.plumbline.store.mvcc.MvccStore;
import io.plumbline.store.sim.DiskFaults;
import io.plumbline.store.sim.SimDisk;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A follower's WAL holds an index twice when a new leader overwrote its uncommitted suffix (etcd's WAL too:
 * a later entry record for an index replaces the earlier ones from there on). Recovery must rebuild the log
 * the member last had: the later record wins and the old suffix after it is gone, or a restarted member
 * applies an entry the cluster never committed.
 */
class RecoveryRewrittenEntriesTest {
  private static Entry e(long term, long index, String data) {
    return new Entry(term, index, data.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aLaterRecordForAnIndexReplacesTheEarlierSuffix() throws Exception {
    SimDisk disk = new SimDisk(new SplitMixRandom(1), DiskFaults.NONE);
    disk.append(List.of(e(1, 1, "a"), e(1, 2, "b"), e(1, 3, "old 3"), e(1, 4, "old 4")), new HardState(1, "n1", 2),
        true);
    disk.append(List.of(e(2, 3, "new 3")), new HardState(2, "n2", 3), true); // term 2's leader overwrote from 3
    MemoryStorage s = Recovery.open(disk, new MvccStore(1), "n1", false).storage();
    assertThat(s.lastIndex()).as("the old entry 4 went with the overwritten suffix").isEqualTo(3);
    assertThat(s.entries(1, 4, Long.MAX_VALUE)).containsExactly(e(1, 1, "a"), e(1, 2, "b"), e(2, 3, "new 3"));
    assertThat(s.initialState()).isEqualTo(new HardState(2, "n2", 3));
  }
}
