package io.plumbline.apiserver.store;

import java.util.List;
import java.util.Optional;

/**
 * A view over another store that passes every call through; a subclass overrides only the calls
 * it changes (the dry run's writes, a test's hooked update). Closing the view leaves the store it
 * wraps open: the store's owner closes it.
 */
public abstract class ForwardingObjectStore implements ObjectStore {
  private final ObjectStore delegate;

  protected ForwardingObjectStore(ObjectStore delegate) {
    this.delegate = delegate;
  }

  /** The store this view wraps. */
  protected final ObjectStore delegate() {
    return delegate;
  }

  @Override
  public Optional<StoredValue> get(String key) {
    return delegate.get(key);
  }

  @Override
  public ListResult list(String prefix) {
    return delegate.list(prefix);
  }

  @Override
  public ListPage listPage(String prefix, String fromKey, long revision, int limit) {
    return delegate.listPage(prefix, fromKey, revision, limit);
  }

  @Override
  public WriteResult create(String key, byte[] value, List<WriteGuard> guards) {
    return delegate.create(key, value, guards);
  }

  @Override
  public WriteResult update(String key, byte[] value, long expectedModRevision, List<WriteGuard> guards) {
    return delegate.update(key, value, expectedModRevision, guards);
  }

  @Override
  public WriteResult delete(String key, long expectedModRevision, List<WriteGuard> guards) {
    return delegate.delete(key, expectedModRevision, guards);
  }

  @Override
  public StoreWatch watch(String prefix, long afterRevision, StoreWatchListener listener) {
    return delegate.watch(prefix, afterRevision, listener);
  }

  @Override
  public void close() {}
}
