package io.plumbline.history;

import io.plumbline.common.UserError;

/** Input that is not a well-formed history: one line naming {@code file:line} and what was expected. */
public final class MalformedHistoryException extends UserError {
  private static final long serialVersionUID = 1L;

  public MalformedHistoryException(String source, int line, String problem) {
    super(line > 0 ? source + ":" + line + ": " + problem : source + ": " + problem);
  }
}
