package io.plumbline.store.mvcc;

/** Carries a {@link StoreError} out of a request; the gRPC layer turns it into etcd's status. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient StoreError error;

  public StoreException(StoreError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  public StoreError error() {
    return error;
  }
}
