package io.plumbline.conformance;

/** A client call that ended with an error, already classified by {@link ErrorTable}. */
public final class CallError extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient ErrorTable.ClientError error;
  private final String call;

  public CallError(String call, ErrorTable.ClientError error, Throwable cause) {
    super(call + " -> " + error, cause);
    this.call = call;
    this.error = error;
  }

  public ErrorTable.ClientError error() {
    return error;
  }

  /** What was called, e.g. {@code put /p/k = v}. */
  public String call() {
    return call;
  }
}
