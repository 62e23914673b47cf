package io.plumbline.history;

import java.util.Locale;

/**
 * The four kinds of history event, as in Jepsen. {@code FAIL} means the operation certainly did
 * not take effect; {@code INFO} (and an invocation that never completes) is indeterminate: it may
 * take effect at any instant after its invocation, or never.
 */
public enum OpType {
  INVOKE,
  OK,
  FAIL,
  INFO;

  /** The lower-case name used in every file format ({@code invoke}, {@code ok}, ...). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; returns null when it is not one of the four. */
  public static OpType parse(String s) {
    return switch (s) {
      case "invoke" -> INVOKE;
      case "ok" -> OK;
      case "fail" -> FAIL;
      case "info" -> INFO;
      default -> null;
    };
  }
}
