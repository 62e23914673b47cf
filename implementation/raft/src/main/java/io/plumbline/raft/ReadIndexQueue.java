package io.plumbline.raft;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The leader's pending ReadIndex reads, in arrival order, with the heartbeat acknowledgements
 * each collected. A quorum for one read also confirms every earlier read (their rounds began
 * before it), so they complete together. Lost (and must be retried) when leadership changes.
 */
final class ReadIndexQueue {
  private static final class Pending {
    final long index;
    final byte[] context;
    final Set<String> acks = new HashSet<>();
    /** {@link InjectedBug#READ_INDEX_ACK_PER_MESSAGE}: acknowledgements counted per message. */
    int messages;

    Pending(long index, byte[] context) {
      this.index = index;
      this.context = context;
    }
  }

  private final Map<ByteBuffer, Pending> byContext = new HashMap<>();
  private final List<ByteBuffer> order = new ArrayList<>();
  private final boolean ackPerMessage;
  private final boolean releaseAll;

  /** An empty queue; of {@code config} only its injected bugs are read. */
  ReadIndexQueue(RaftConfig config) {
    ackPerMessage = config.has(InjectedBug.READ_INDEX_ACK_PER_MESSAGE);
    releaseAll = config.has(InjectedBug.READ_INDEX_RELEASES_LATER_READS);
  }

  int size() {
    return order.size();
  }

  /** Records a read at {@code index}; a context already pending is ignored. */
  void add(long index, byte[] context) {
    ByteBuffer key = ByteBuffer.wrap(context.clone());
    if (!byContext.containsKey(key)) {
      byContext.put(key, new Pending(index, context.clone()));
      order.add(key);
    }
  }

  /** Counts {@code from}'s acknowledgement of the round for {@code context}; 0 if unknown. */
  int ack(String from, byte[] context) {
    Pending p = byContext.get(ByteBuffer.wrap(context));
    if (p == null) {
      return 0;
    }
    p.acks.add(from);
    p.messages++;
    return ackPerMessage ? p.messages : p.acks.size();
  }

  /** Removes and returns every read up to and including {@code context}, oldest first. */
  List<ReadState> releaseThrough(byte[] context) {
    int at = order.indexOf(ByteBuffer.wrap(context));
    List<ReadState> out = new ArrayList<>();
    if (at < 0) {
      return out;
    }
    List<ByteBuffer> released = order.subList(0, releaseAll ? order.size() : at + 1);
    for (ByteBuffer key : released) {
      Pending p = byContext.remove(key);
      out.add(new ReadState(p.index, p.context));
    }
    released.clear();
    return out;
  }

  /** The newest pending context, carried by heartbeats so acks confirm every pending read; or null. */
  byte[] lastContext() {
    return order.isEmpty() ? null : byContext.get(order.get(order.size() - 1)).context.clone();
  }
}
