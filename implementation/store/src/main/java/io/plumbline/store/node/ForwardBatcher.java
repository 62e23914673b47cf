package io.plumbline.store.node;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Proposals a follower forwards to the leader, as etcd's followers forward MsgProp: every proposal
 * that arrived during one loop round goes to the leader in one {@code FRAME_PROPOSE} on the peer
 * stream — no call, no stream setup per batch. The leader answers only refusals
 * ({@code FRAME_PROPOSE_REFUSED}, by request id); the client is answered when THIS member applies
 * the entry (the entry's request id completes the future waiting in {@link StoreNode}). A batch lost
 * with a broken stream leaves its clients to their request timeout (indeterminate), as in etcd.
 * Loop thread only.
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

  /** Everything queued, as one frame for the leader; null when nothing is queued. */
  byte[] takeFrame(String self) {
    if (queued.isEmpty()) {
      return null;
    }
    List<byte[]> data = new ArrayList<>(queued.size());
    queued.forEach(f -> data.add(f.data()));
    queued = new ArrayList<>();
    return PeerFrames.proposals(self, data);
  }
}
