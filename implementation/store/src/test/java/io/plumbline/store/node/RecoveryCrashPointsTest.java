package io.plumbline.store.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.PutRequest;
import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import io.plumbline.raft.Snapshot;
import io.plumbline.store.mvcc.MvccSnapshot;
import io.plumbline.store.mvcc.MvccStore;
import io.plumbline.store.wal.WalReplay;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash at any point of taking a snapshot (save the snapshot file, write the new WAL segment, remove the
 * old segments) loses nothing that was durable: restart recovers the newest snapshot, the entries after
 * it and the hard state, on the production disk ({@link FileNodeDisk}).
 */
class RecoveryCrashPointsTest {
  @TempDir Path dir;

  private enum CrashPoint { AFTER_SNAPSHOT_SAVED, AFTER_NEW_SEGMENT_BEFORE_OLD_REMOVED, AFTER_CUT }

  private static final WalReplay IGNORE = new WalReplay() {
    @Override
    public void entry(Entry e) {}

    @Override
    public void hardState(HardState hs) {}

    @Override
    public void snapshot(long index, long term) {}
  };

  private static Entry e(long index) {
    return new Entry(1, index, ("command " + index).getBytes(StandardCharsets.UTF_8));
  }

  private static HardState hs(long commit) {
    return new HardState(1, "n1", commit);
  }

  /** The store after {@code puts} puts, as a snapshot holds it. */
  private static byte[] state(int puts) {
    MvccStore m = new MvccStore(1);
    for (int i = 0; i < puts; i++) {
      m.put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("k" + i)).build());
    }
    return MvccSnapshot.write(m);
  }

  /** Entries 1..6 durable; a snapshot at 2 with the WAL cut there; then a snapshot at 4, up to the crash point. */
  private void writeUntil(CrashPoint p) throws IOException {
    try (FileNodeDisk d = new FileNodeDisk(dir)) {
      d.openWal(IGNORE);
      d.append(List.of(e(1), e(2), e(3)), hs(2), true);
      d.saveSnapshot(new Snapshot(2, 1, state(1)));
      d.cutWal(2, 1, hs(2), List.of(e(3)));
      d.append(List.of(e(4), e(5), e(6)), hs(6), true);
      d.saveSnapshot(new Snapshot(4, 1, state(3)));
      if (p == CrashPoint.AFTER_SNAPSHOT_SAVED) {
        return;
      }
      Map<Path, byte[]> old = new HashMap<>();
      try (Stream<Path> s = Files.list(dir.resolve("wal"))) {
        for (Path seg : s.toList()) {
          old.put(seg, Files.readAllBytes(seg));
        }
      }
      d.cutWal(4, 1, hs(6), List.of(e(5), e(6)));
      if (p == CrashPoint.AFTER_NEW_SEGMENT_BEFORE_OLD_REMOVED) {
        for (Map.Entry<Path, byte[]> seg : old.entrySet()) {
          Files.write(seg.getKey(), seg.getValue());
        }
      }
    }
  }

  private void recoversEverything(CrashPoint p) throws IOException {
    writeUntil(p);
    MvccStore m = new MvccStore(1);
    try (FileNodeDisk d = new FileNodeDisk(dir)) {
      Recovery.Recovered r = Recovery.open(d, m, "n1", false);
      assertThat(r.snapshotIndex()).as("the newest snapshot (%s)", p).isEqualTo(4);
      assertThat(MvccSnapshot.write(m)).as("the store is the snapshot's (%s)", p).isEqualTo(state(3));
      assertThat(r.storage().firstIndex()).isEqualTo(5);
      assertThat(r.storage().entries(5, r.storage().lastIndex() + 1, Long.MAX_VALUE))
          .as("the entries after the snapshot (%s)", p).containsExactly(e(5), e(6));
      assertThat(r.storage().initialState()).as("the hard state (%s)", p).isEqualTo(hs(6));
    }
  }

  @Test
  void aCrashAfterTheSnapshotIsSavedBeforeTheWalIsCut() throws IOException {
    recoversEverything(CrashPoint.AFTER_SNAPSHOT_SAVED);
  }

  @Test
  void aCrashAfterTheNewSegmentIsWrittenBeforeTheOldOnesAreRemoved() throws IOException {
    recoversEverything(CrashPoint.AFTER_NEW_SEGMENT_BEFORE_OLD_REMOVED);
  }

  @Test
  void aCrashAfterTheCut() throws IOException {
    recoversEverything(CrashPoint.AFTER_CUT);
  }
}
