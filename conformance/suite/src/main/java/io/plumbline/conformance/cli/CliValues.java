package io.plumbline.conformance.cli;

import io.plumbline.common.UserError;
import io.plumbline.history.Values;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the values of {@code check-history}'s flags. */
final class CliValues {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

  private CliValues() {}

  /** {@code 500ms}, {@code 60s}, {@code 2m}, {@code 1h}, or plain seconds. */
  static Duration duration(String flag, String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      throw new UserError(flag + ": expected a duration such as 500ms, 60s or 2m, got '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
  }

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
