package io.plumbline.apiserver.store;

import java.util.List;
import java.util.Optional;

/**
 * The store as a {@code dryRun=All} request sees it: reads go to the real store, and every write
 * is checked exactly as the store would check it (the key's precondition, then each
 * {@link WriteGuard}) but never made. A write that would commit reports the key's current mod
 * revision (0 for a create), as kube-apiserver's dry run leaves the resourceVersion unchanged.
 * Because the object service runs its whole path (defaults, validation, admission, cascades)
 * over this store, a dry run answers what the real request would, and persists nothing.
 */
public final class DryRunStore extends ForwardingObjectStore {
  public DryRunStore(ObjectStore real) {
    super(real);
  }

  @Override
  public WriteResult create(String key, byte[] value, List<WriteGuard> guards) {
    Optional<WriteResult> fenced = guardFailure(guards);
    if (fenced.isPresent()) {
      return fenced.get();
    }
    Optional<StoredValue> current = delegate().get(key);
    return current.isPresent() ? new WriteResult.PreconditionFailed(current.get())
        : new WriteResult.Committed(0);
  }

  @Override
  public WriteResult update(String key, byte[] value, long expectedModRevision,
      List<WriteGuard> guards) {
    return wouldWrite(key, expectedModRevision, guards);
  }

  @Override
  public WriteResult delete(String key, long expectedModRevision, List<WriteGuard> guards) {
    return wouldWrite(key, expectedModRevision, guards);
  }

  private WriteResult wouldWrite(String key, long expectedModRevision, List<WriteGuard> guards) {
    Optional<WriteResult> fenced = guardFailure(guards);
    if (fenced.isPresent()) {
      return fenced.get();
    }
    Optional<StoredValue> current = delegate().get(key);
    if (current.isEmpty() || current.get().modRevision() != expectedModRevision) {
      return new WriteResult.PreconditionFailed(current.orElse(null));
    }
    return new WriteResult.Committed(expectedModRevision);
  }

  /** The first guard that does not hold, checked before the key as the etcd store reports it. */
  private Optional<WriteResult> guardFailure(List<WriteGuard> guards) {
    for (WriteGuard guard : guards) {
      long at = delegate().get(guard.key()).map(StoredValue::modRevision).orElse(0L);
      if (at != guard.modRevision()) {
        return Optional.of(new WriteResult.GuardFailed(guard));
      }
    }
    return Optional.empty();
  }
}
