package io.plumbline.raft.sim;

import io.plumbline.raft.Entry;
import io.plumbline.raft.MemoryStorage;
import io.plumbline.raft.RaftConfig;
import io.plumbline.raft.RaftCore;
import io.plumbline.raft.RandomSource;
import io.plumbline.raft.Ready;
import io.plumbline.raft.Snapshot;
import io.plumbline.raft.TraceSink;
import java.nio.ByteBuffer;

/**
 * One simulated member: a core, its disk, and its state machine. The state machine's state is
 * the chain hash of the applied sequence, which is also what its snapshots contain.
 */
final class SimNode {
  final String id;
  final int index;
  private final RaftConfig config;
  private final RandomSource random;
  private final TraceSink trace;
  final SimDisk disk = new SimDisk();
  RaftCore core;
  boolean up = true;
  long appliedIndex;
  long appliedHash;
  /** A Ready the host took and has not finished yet (Ready-out mode), or null. */
  Ready held;
  /** How many more steps the core takes before the host finishes {@link #held}. */
  int holdSteps;
  /** Whether {@link #held}'s messages already went out ({@code maySendBeforePersist}). */
  boolean heldSentEarly;

  SimNode(String id, int index, RaftConfig config, RandomSource random, TraceSink trace) {
    this.id = id;
    this.index = index;
    this.config = config;
    this.random = random;
    this.trace = trace;
    this.core = RaftCore.restart(config, disk.cache(), random, trace);
  }

  void crash() {
    up = false;
  }

  /** Restart from the durable part of the disk; the state machine restores its snapshot. */
  MemoryStorage restart() {
    held = null; // a Ready that was out is lost with the process
    MemoryStorage recovered = disk.crashAndRecover();
    core = RaftCore.recover(config, recovered, random, trace);
    restoreSnapshot(recovered.snapshot());
    up = true;
    return recovered;
  }

  void restoreSnapshot(Snapshot s) {
    appliedIndex = s.index();
    appliedHash = s.isEmpty() ? 0 : ByteBuffer.wrap(s.data()).getLong();
  }

  /** Applies one committed entry; returns the new chain hash. */
  long apply(Entry e) {
    if (e.index() != appliedIndex + 1) {
      throw new InvariantViolation("AppliedPrefix", id + " applies " + e.index()
          + " after " + appliedIndex);
    }
    appliedHash = ChainHash.extend(appliedHash, e);
    appliedIndex = e.index();
    return appliedHash;
  }

  /** Snapshots the state machine and compacts the log when it grew past {@code threshold}. */
  void maybeCompact(long threshold, long keep) {
    if (appliedIndex - disk.cache().firstIndex() > threshold) {
      byte[] data = ByteBuffer.allocate(Long.BYTES).putLong(appliedHash).array();
      disk.compact(appliedIndex, data, keep);
    }
  }
}
