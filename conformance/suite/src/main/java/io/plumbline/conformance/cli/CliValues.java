package io.plumbline.conformance.cli;

import io.plumbline.common.UserError;
import io.plumbline.history.Values;

/** Parses the values of {@code check-history}'s flags. */
final class CliValues {
  private CliValues() {}

  /**
   * An initial value: {@code nil}/{@code null}; an integer; a JSON value ({@code "a"},
   * {@code {"x":0}}); an EDN value ({@code {:x 0 :y 0}}, {@code :k}); otherwise the text as a string.
   */
  static Object initValue(String text) {
    String s = text.strip();
    if (s.equals("nil") || s.equals("null")) {
      return null;
    }
    if (s.matches("-?\\d+")) {
      return Long.parseLong(s);
    }
    try {
      if (s.startsWith("{:") || s.startsWith(":") || s.startsWith("[:") || s.startsWith("#{")) {
        return Values.parseEdn(s);
      }
      if (s.startsWith("{") || s.startsWith("[") || s.startsWith("\"")) {
        return Values.parseJson(s);
      }
    } catch (IllegalArgumentException e) {
      throw new UserError("--init: expected a JSON or EDN value, got '" + text + "'");
    }
    return s;
  }
}
