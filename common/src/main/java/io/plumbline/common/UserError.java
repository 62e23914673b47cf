package io.plumbline.common;

/**
 * A problem with what the user gave us (a flag, a file, a value), as opposed to a bug.
 *
 * <p>The CLI prints only {@link #getMessage()} on one line and exits with {@link #exitCode()}
 * (2 by default, the code every plumbline command uses for usage and input errors). Messages name
 * what and where: {@code history.edn:12: expected a map, found a vector}.
 */
public class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** Exit code for usage and input errors. */
  public static final int USAGE_EXIT_CODE = 2;

  private final int exitCode;

  public UserError(String message) {
    this(message, USAGE_EXIT_CODE);
  }

  public UserError(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
    this.exitCode = USAGE_EXIT_CODE;
  }

  public int exitCode() {
    return exitCode;
  }
}
