package io.plumbline.apiserver.store;

import java.util.List;
import java.util.Optional;

/**
 * Everything the API server needs from an etcd-compatible store, and nothing more: linearizable
 * reads, conditional single-key writes and prefix watches. Every write accepts {@link WriteGuard}s
 * so fencing is added in exactly one place. Failures to reach the store throw {@link StoreFailure}.
 */
public interface ObjectStore extends AutoCloseable {
  /** The key's current value, read linearizably. */
  Optional<StoredValue> get(String key);

  /** Every key under {@code prefix}, in key order, at one revision. */
  ListResult list(String prefix);

  /**
   * At most {@code limit} keys (0: no limit) from {@code fromKey} (inclusive) to the end of
   * {@code prefix}, at {@code revision} (0: the current one). Throws {@link RevisionUnavailable}
   * when that revision is compacted or in the future.
   */
  ListPage listPage(String prefix, String fromKey, long revision, int limit);

  /** Writes {@code value} only if {@code key} does not exist. */
  WriteResult create(String key, byte[] value, List<WriteGuard> guards);

  /** Writes {@code value} only if {@code key} is still at {@code expectedModRevision}. */
  WriteResult update(String key, byte[] value, long expectedModRevision, List<WriteGuard> guards);

  /** Deletes {@code key} only if it is still at {@code expectedModRevision}. */
  WriteResult delete(String key, long expectedModRevision, List<WriteGuard> guards);

  /** Watches {@code prefix} for changes after {@code afterRevision} (exclusive). */
  StoreWatch watch(String prefix, long afterRevision, StoreWatchListener listener);

  @Override
  void close();
}
