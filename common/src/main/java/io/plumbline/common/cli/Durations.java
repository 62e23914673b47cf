package io.plumbline.common.cli;

import io.plumbline.common.UserError;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The one parser of durations on the command line: {@code 500ms}, {@code 30s}, {@code 2m}, {@code
 * 1h}; a bare number is seconds. A
 * command either types its option as {@link Duration} with {@code converter =
 * Durations.Converter.class},
 * or parses a string option with {@link #parse} when the error must name the flag first.
 */
public final class Durations {
  private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h)?");

  private Durations() {}

  /** {@code text} as a duration; a {@link UserError} naming {@code flag} otherwise. */
  public static Duration parse(String flag, String text) {
    Duration d = parseOrNull(text);
    if (d == null) {
      throw new UserError(flag + ": " + problem(text));
    }
    return d;
  }

  /** picocli's converter for {@link Duration} options. */
  public static final class Converter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
      Duration d = parseOrNull(text);
      if (d == null) {
        throw new TypeConversionException(problem(text));
      }
      return d;
    }
  }

  private static Duration parseOrNull(String text) {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      return null;
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException tooLong) {
      return null;
    }
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
  }

  private static String problem(String text) {
    return "'" + text + "' is not a duration; expected e.g. 500ms, 30s or 2m";
  }
}
