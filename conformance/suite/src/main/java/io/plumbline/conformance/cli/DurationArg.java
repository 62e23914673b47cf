package io.plumbline.conformance.cli;

import io.plumbline.common.UserError;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations written as {@code 500ms}, {@code 30s}, {@code 2m}. */
final class DurationArg {
  private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m)");

  private DurationArg() {}

  static Duration parse(String flag, String text) {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      throw new UserError(flag + ": '" + text + "' is not a duration; expected e.g. 500ms, 30s or 2m");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      default -> Duration.ofMinutes(n);
    };
  }
}
