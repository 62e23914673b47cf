package io.plumbline.apiserver.store;

/**
 * The store did not answer in time or could not be reached. Always indefinite: a write that
 * failed this way may or may not have happened.
 */
public final class StoreFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean timeout;

  public StoreFailure(String message, boolean timeout, Throwable cause) {
    super(message, cause);
    this.timeout = timeout;
  }

  /** True when the call ran out of time (the API server answers 504), false otherwise (503). */
  public boolean isTimeout() {
    return timeout;
  }
}
