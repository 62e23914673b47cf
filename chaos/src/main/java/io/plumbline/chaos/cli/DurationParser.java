package io.plumbline.chaos.cli;

import io.plumbline.common.UserError;
import java.time.Duration;

/** Parses {@code 60s}, {@code 2m}, {@code 500ms} for CLI flags. */
final class DurationParser {
  private DurationParser() {}

  static Duration parse(String flag, String text) {
    String t = text.trim();
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      if (t.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      }
    } catch (NumberFormatException e) {
      // fall through to the one error below
    }
    throw new UserError(flag + ": '" + text + "' is not a duration; expected e.g. 60s, 2m or 500ms");
  }
}
