package io.plumbline.common.net;

/**
 * A child process could not bind a port it was told to use (its log says so). Launchers throw it
 * so that {@link Ports#withRetry} starts again on new ports.
 */
public final class PortTakenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PortTakenException(String message) {
    super(message);
  }
}
