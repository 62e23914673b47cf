package io.plumbline.store.node;

import io.plumbline.store.mvcc.StoreError;
import io.plumbline.store.transport.PeerClient;
import io.plumbline.store.transport.PeerMethods;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Proposals a follower forwards to the leader, batched as etcd's followers forward MsgProp over
 * the peer stream: every proposal that arrived during one loop round goes in one
 * {@code PROPOSE_BATCH} call. The leader only answers whether it accepted each one; the client is
 * answered when THIS member applies the entry (the entry's request id completes the future waiting
 * in {@link StoreNode}), so there is no per-request call and no result travelling back. Loop
 * thread only.
 *
 * <p>Wire format: request {@code [int n]([int len][command bytes])*n}; reply one byte per
 * proposal: 0 accepted, else 1 + the {@link StoreError} ordinal of why not.
 */
final class ForwardBatcher {
  private record Forward(byte[] data, CompletableFuture<Object> result) {}

  private List<Forward> queued = new ArrayList<>();

  void add(byte[] data, CompletableFuture<Object> result) {
    queued.add(new Forward(data, result));
  }

  boolean isEmpty() {
    return queued.isEmpty();
  }

  /** Takes everything queued (to propose locally after this member became leader). */
  List<byte[]> drainData(List<CompletableFuture<Object>> results) {
    List<byte[]> out = new ArrayList<>();
    for (Forward f : queued) {
      out.add(f.data());
      results.add(f.result());
    }
    queued = new ArrayList<>();
    return out;
  }

  /** Sends one batch to the leader; proposals it refused (or a failed call) fail their futures. */
  void flush(PeerClient leader, long timeoutMs) {
    if (queued.isEmpty()) {
      return;
    }
    List<Forward> batch = queued;
    queued = new ArrayList<>();
    List<byte[]> data = new ArrayList<>(batch.size());
    batch.forEach(f -> data.add(f.data()));
    leader.call(PeerMethods.PROPOSE_BATCH, encode(data), timeoutMs).whenComplete((reply, err) -> {
      for (int i = 0; i < batch.size(); i++) {
        if (err != null) {
          batch.get(i).result().completeExceptionally(err); // indeterminate: the leader may have it
        } else if (reply[i] != 0) {
          batch.get(i).result().completeExceptionally(StoreError.values()[reply[i] - 1].exception());
        }
      }
    });
  }

  static byte status(StoreError refused) {
    return refused == null ? 0 : (byte) (refused.ordinal() + 1);
  }

  static byte[] encode(List<byte[]> commands) {
    int size = 4;
    for (byte[] c : commands) {
      size += 4 + c.length;
    }
    ByteBuffer b = ByteBuffer.allocate(size).putInt(commands.size());
    for (byte[] c : commands) {
      b.putInt(c.length).put(c);
    }
    return b.array();
  }

  static List<byte[]> decode(byte[] payload) {
    ByteBuffer b = ByteBuffer.wrap(payload);
    int n = b.getInt();
    List<byte[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] c = new byte[b.getInt()];
      b.get(c);
      out.add(c);
    }
    return out;
  }
}
