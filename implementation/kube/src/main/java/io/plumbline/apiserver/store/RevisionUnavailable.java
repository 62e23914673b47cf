package io.plumbline.apiserver.store;

/**
 * A read at a revision the store cannot serve: compacted away ({@link #compacted()}) or not yet
 * written (a future revision). A definite answer, unlike {@link StoreFailure}.
 */
public final class RevisionUnavailable extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean compacted;

  public RevisionUnavailable(String message, boolean compacted) {
    super(message);
    this.compacted = compacted;
  }

  public boolean compacted() {
    return compacted;
  }
}
