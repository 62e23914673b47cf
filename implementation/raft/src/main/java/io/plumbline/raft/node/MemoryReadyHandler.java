package io.plumbline.raft.node;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import io.plumbline.raft.MemoryStorage;
import io.plumbline.raft.Message;
import io.plumbline.raft.ReadState;
import io.plumbline.raft.Snapshot;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@link ReadyLoop} side of a member whose disk is a {@link MemoryStorage} (every write is
 * durable at once) and whose network and state machine are whatever the caller collects messages,
 * applied entries and served reads into: the in-memory clusters of unit tests and benchmarks.
 */
public final class MemoryReadyHandler implements ReadyLoop.Handler<RuntimeException> {
  private final MemoryStorage disk;
  private final Consumer<Message> send;
  private final Consumer<Entry> apply;
  private final Consumer<ReadState> reads;

  /** {@code send}, {@code apply} and {@code reads} receive each item in the order the Ready lists it. */
  public MemoryReadyHandler(MemoryStorage disk, Consumer<Message> send, Consumer<Entry> apply,
      Consumer<ReadState> reads) {
    this.disk = disk;
    this.send = send;
    this.apply = apply;
    this.reads = reads;
  }

  @Override
  public HardState persistedHardState() {
    return disk.initialState();
  }

  @Override
  public long stableLastIndex() {
    return disk.lastIndex();
  }

  @Override
  public void installSnapshot(Snapshot s) {
    disk.applySnapshot(s);
  }

  @Override
  public void persist(List<Entry> entries, HardState hardState, boolean mustSync) {
    disk.append(entries);
    if (hardState != null) {
      disk.setHardState(hardState);
    }
  }

  @Override
  public void send(List<Message> messages) {
    messages.forEach(send);
  }

  @Override
  public void apply(List<Entry> committed) {
    committed.forEach(apply);
  }

  @Override
  public void readStates(List<ReadState> states) {
    states.forEach(reads);
  }
}
