package io.plumbline.store.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.PutRequest;
import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import io.plumbline.raft.Message;
import io.plumbline.raft.Snapshot;
import io.plumbline.raft.SplitMixRandom;
import io.plumbline.store.mvcc.MvccStore;
import io.plumbline.store.sim.DiskFaults;
import io.plumbline.store.sim.SimDisk;
import io.plumbline.store.wal.WalReplay;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * What the node shell owes its disk, checked on three store nodes driven tick by tick (simulated clock,
 * network and disk) through an election, writes and snapshots: a member sends nothing but a leader's
 * replication while an entry, term or vote it appended is not yet fsynced (the Ready contract); a WAL cut
 * after a snapshot keeps every persisted entry after the snapshot's index; and a crash and restart
 * recovers every entry the member persisted.
 */
class DiskContractTest {
  private final Map<String, ContractDisk> disks = new LinkedHashMap<>();
  private final List<String> violations = new ArrayList<>();
  private TickedCluster sim;

  /** A {@link SimDisk} that remembers what was persisted and whether anything that vouches is unsynced. */
  private final class ContractDisk implements NodeDisk {
    final String name;
    final SimDisk inner;
    final TreeMap<Long, Entry> persisted = new TreeMap<>();
    long syncedTerm;
    String syncedVote;
    boolean unsynced; // entries, or a new term or vote, appended without an fsync
    int cutsKeepingEntries;

    ContractDisk(String name, long seed) {
      this.name = name;
      this.inner = new SimDisk(new SplitMixRandom(seed), DiskFaults.NONE);
    }

    @Override
    public Snapshot loadNewestSnapshot() {
      return inner.loadNewestSnapshot();
    }

    @Override
    public void openWal(WalReplay sink) throws java.io.IOException {
      inner.openWal(sink);
    }

    @Override
    public void append(List<Entry> entries, HardState hs, boolean sync) throws java.io.IOException {
      inner.append(entries, hs, sync);
      if (!entries.isEmpty()) {
        persisted.tailMap(entries.get(0).index(), true).clear();
        entries.forEach(e -> persisted.put(e.index(), e));
      }
      boolean vouches = !entries.isEmpty()
          || (hs != null && (hs.term() != syncedTerm || !Objects.equals(hs.vote(), syncedVote)));
      if (sync) {
        unsynced = false;
        if (hs != null) {
          syncedTerm = hs.term();
          syncedVote = hs.vote();
        }
      } else if (vouches) {
        unsynced = true;
      }
    }

    @Override
    public void saveSnapshot(Snapshot s) {
      inner.saveSnapshot(s);
    }

    @Override
    public void cutWal(long index, long term, HardState hs, List<Entry> kept) {
      List<Entry> after = List.copyOf(persisted.tailMap(index, false).values());
      if (!kept.equals(after)) {
        violations.add(name + ": the WAL cut at snapshot " + index + " keeps entries "
            + kept.stream().map(Entry::index).toList() + " of the persisted " + after.stream().map(Entry::index).toList());
      }
      cutsKeepingEntries += after.isEmpty() ? 0 : 1;
      inner.cutWal(index, term, hs, kept);
    }

    @Override
    public void close() {}
  }

  /** Records a member that sends anything but a leader's replication while it has unsynced state. */
  private List<Message> vouchOnlyForWhatIsSynced(String self, String peer, List<Message> batch) {
    for (Message m : batch) {
      if (!m.type().isLeaderReplication() && disks.get(self).unsynced) {
        violations.add(self + " sent " + m.type() + " at term " + m.term() + " before fsyncing what it appended");
      }
    }
    return batch;
  }

  @Test
  void membersVouchOnlyForWhatIsSyncedAndCutsAndRestartsKeepEveryPersistedEntry() throws Exception {
    sim = new TickedCluster(List.of("n1", "n2", "n3"), c -> c.withSnapshotCount(7, 3), (n, seed) -> {
      disks.put(n, new ContractDisk(n, seed));
      return disks.get(n);
    }, seed -> seed, this::vouchOnlyForWhatIsSynced);
    StoreNode leader = sim.stepUntilLeader(500);
    assertThat(leader).as("a leader within 500 ticks").isNotNull();
    List<CompletableFuture<Object>> puts = new ArrayList<>();
    for (int i = 0; i < 60; i++) { // two writes a tick: entries are in flight whenever a snapshot is taken
      for (int j = 0; j < 2; j++) {
        puts.add(leader.propose(Command.Type.PUT, PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("k" + j))
            .setValue(ByteString.copyFromUtf8("v" + i)).build()));
      }
      sim.step();
    }
    for (int i = 0; i < 30; i++) {
      sim.step();
    }
    assertThat(puts).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    assertThat(violations).as("disk contract violations").isEmpty();
    assertThat(disks.values().stream().mapToInt(d -> d.cutsKeepingEntries).sum())
        .as("WAL cuts that had entries after the snapshot to keep").isPositive();
    for (ContractDisk d : disks.values()) {
      d.inner.crash();
      Recovery.Recovered r = Recovery.open(d.inner, new MvccStore(1), d.name, false);
      long last = d.persisted.lastKey();
      assertThat(r.storage().lastIndex()).as("%s's last index after a restart", d.name).isEqualTo(last);
      long from = Math.max(r.storage().firstIndex(), d.persisted.firstKey());
      assertThat(r.storage().entries(from, last + 1, Long.MAX_VALUE))
          .as("%s's entries after a restart", d.name).isEqualTo(List.copyOf(d.persisted.subMap(from, true, last, true).values()));
    }
  }
}
