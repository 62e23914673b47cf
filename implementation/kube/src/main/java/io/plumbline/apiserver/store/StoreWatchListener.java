package io.plumbline.apiserver.store;

import java.util.List;

/** Receives a watch's events in revision order. Called from the store's threads; keep it quick. */
public interface StoreWatchListener {
  /** Changes, in revision order. */
  void onEvents(List<StoreEvent> events);

  /** Everything up to {@code revision} has been delivered (an etcd progress notification). */
  void onProgress(long revision);

  /** The requested start revision was compacted away; the watch is over. */
  void onCompacted(long compactRevision);

  /** The watch ended for another reason. */
  void onFailure(Throwable cause);
}
