package io.plumbline.raft.mbt;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import io.plumbline.raft.Message;
import io.plumbline.raft.ReadState;
import io.plumbline.raft.Ready;
import io.plumbline.raft.Snapshot;
import io.plumbline.raft.node.ReadyLoop;
import io.plumbline.raft.sim.ChainHash;
import io.plumbline.raft.sim.InvariantViolation;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One Ready of a walk member, carried out by the {@link ReadyLoop} in the contract's order, with
 * the scheduler free to deliver what the loop sent early (only what {@code maySendBeforePersist}
 * allows) before the sender persists, and to crash the member when the loop is about to persist:
 * whatever it already sent is in the network or delivered, nothing of this Ready reached the disk. Each part reports to the walk's checker and client record.
 */
final class WalkReadyHandler implements ReadyLoop.Handler<WalkReadyHandler.Crash> {
  /** The member crashed inside a Ready. */
  static final class Crash extends Exception {
    Crash() {
      super(null, null, false, false);
    }
  }

  private final SplitReadyWalk walk;
  private final WalkMember m;
  private List<Message> sentEarly = List.of();
  private boolean persisted;

  private final boolean early;

  private WalkReadyHandler(SplitReadyWalk walk, WalkMember m, Ready rd) {
    this.walk = walk;
    this.m = m;
    this.early = rd.maySendBeforePersist(persistedHardState()); // as the ReadyLoop decides
  }

  /** Handles every pending Ready of {@code m}, one handler per Ready; m is busy meanwhile. */
  static void drain(SplitReadyWalk walk, WalkMember m) throws Crash {
    walk.busy.add(m.id);
    try {
      while (m.core.hasReady()) {
        Ready rd = m.core.ready();
        ReadyLoop.handle(m.core, rd, new WalkReadyHandler(walk, m, rd));
      }
    } finally {
      walk.busy.remove(m.id);
    }
  }

  @Override
  public HardState persistedHardState() {
    return m.disk.cache().initialState();
  }

  @Override
  public long stableLastIndex() {
    return m.disk.cache().lastIndex();
  }

  @Override
  public void installSnapshot(Snapshot s) {
    throw new IllegalStateException("the walk never compacts, so no snapshot is ever sent: " + s);
  }

  @Override
  public void persist(List<Entry> entries, HardState hardState, boolean mustSync) throws Crash {
    if (walk.crashNow()) {
      walk.stats.crashesAtPersist++;
      if (!sentEarly.isEmpty()) {
        walk.stats.crashesAfterEarlySend++;
        walk.sentUnpersisted.addAll(sentEarly);
      }
      throw new Crash();
    }
    m.disk.persist(entries, hardState, mustSync);
    persisted = true;
    walk.checker.onPersisted(m.index, null, entries);
    walk.checker.afterStep(m.index, m.core);
  }

  @Override
  public void send(List<Message> messages) {
    // What the member sends vouches for its state: a vote granted, a term, an acknowledged entry.
    walk.checker.afterStep(m.index, m.core);
    walk.network.addAll(messages);
    if (early && !persisted) {
      sentEarly = messages;
      walk.maybeDeliverBeforePersist(messages);
    }
  }

  @Override
  public void apply(List<Entry> committed) {
    walk.checker.beforeApply(m.index, committed.get(committed.size() - 1).index());
    for (Entry e : committed) {
      if (e.index() != m.appliedIndex + 1) {
        throw new InvariantViolation("AppliedPrefix", m.id + " applies " + e.index() + " after "
            + m.appliedIndex);
      }
      m.appliedHash = ChainHash.extend(m.appliedHash, e);
      m.appliedIndex = e.index();
      walk.checker.onApplied(m.index, e.index(), m.appliedHash);
      if (e.dataLength() > 0) {
        m.applied.add(e.value());
        walk.client.applied(m.id, e.value(), walk.step);
      }
    }
    serveWaitingReads();
  }

  @Override
  public void readStates(List<ReadState> states) {
    for (ReadState rs : states) {
      String context = new String(rs.context(), StandardCharsets.UTF_8);
      if (walk.client.isPendingAt(context, m.id, m.incarnation)) {
        m.waitingReads.put(context, rs.index());
      }
    }
    serveWaitingReads(); // the client record judges first, the checker's view of commits second
    for (ReadState rs : states) {
      walk.checker.onReadState(m.index, rs);
    }
  }

  /** A confirmed read is answered once the member applied up to its index: with what it applied. */
  private void serveWaitingReads() {
    m.waitingReads.entrySet().removeIf(w -> {
      if (!walk.client.isPendingAt(w.getKey(), m.id, m.incarnation)) {
        return true;
      }
      if (w.getValue() > m.appliedIndex) {
        return false;
      }
      walk.client.readCompleted(w.getKey(), List.copyOf(m.applied), walk.step);
      return true;
    });
  }
}
