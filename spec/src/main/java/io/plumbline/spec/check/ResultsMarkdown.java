package io.plumbline.spec.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The model table of the spec README, written by {@code spec check --markdown FILE} from a real
 * run, so that its numbers are never typed by hand: model, suite, bounds, expected result, what
 * TLC gave, distinct states, depth, seconds, and the machine's load when the model finished.
 */
public final class ResultsMarkdown {
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private ResultsMarkdown() {}

  /** Writes the table for {@code reports} to {@code file}. */
  public static void write(Path file, List<ModelReport> reports, RunSettings settings) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, render(reports, settings, Instant.now()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The table, preceded by one line saying when and how it was measured. */
  public static String render(List<ModelReport> reports, RunSettings settings, Instant when) {
    StringBuilder out = new StringBuilder();
    out.append(String.format("Measured %s UTC by `%s`: %d TLC worker(s), TLC heap %s%s.%n%n",
        MINUTE.format(when),
        settings.command(), settings.workers(), settings.heap(),
        settings.timeLimitSeconds() > 0
            ? ", time limit " + minutes(settings.timeLimitSeconds()) + " per model" : ""));
    out.append("| model | suite | bounds | expected | result | distinct states | depth | time (s) "
        + "| load |\n");
    out.append("|---|---|---|---|---|---:|---:|---:|---:|\n");
    for (ModelReport r : reports) {
      out.append(String.format("| `%s` | %s | %s | %s | %s | %,d | %s | %.1f | %s |%n",
          r.entry().name(), r.entry().suite().label(), cell(r.entry().bounds()),
          r.entry().expected(), result(r), r.result().stats().distinct(), depth(r),
          r.seconds(), load(r.loadAfter())));
    }
    long good = reports.stream().filter(r -> r.verdict().asExpected()).count();
    double total = reports.stream().mapToDouble(ModelReport::seconds).sum();
    out.append(String.format("%n%d of %d models gave their expected result; %.1f s in total. "
        + "`load` is the 1-minute load average when the model finished (2 cores).%n", good,
        reports.size(), total));
    return out.toString();
  }

  /** What TLC gave, in words a reader of the table understands without the verdict list. */
  static String result(ModelReport r) {
    return switch (r.verdict()) {
      case PASS -> r.simulation().map(reach -> "pass (simulation " + r.entry().simulation().orElseThrow()
          + ": " + reach.summary() + ")").orElse("pass (complete)");
      case EXPECTED_VIOLATION_FOUND -> "violation:" + r.result().violated() + " found";
      case TIME_LIMIT_NO_ERROR -> String.format(
          "no error, **not exhausted**: %,d states, depth %s after %s (%,d on the queue)%s",
          r.result().stats().distinct(), depth(r), duration(r.seconds()), r.result().stats().queue(),
          notFiredYet(r));
      case ERROR -> "**error**";
      case VACUOUS -> "**VACUOUS**: " + cell(String.join("; ", r.vacuity()));
      default -> "**" + r.verdict().label() + "**"
          + (r.result().violated().isEmpty() ? "" : " (" + r.result().violated() + ")");
    };
  }

  /** A time-limited run's actions that had not fired by TLC's last coverage report. */
  private static String notFiredYet(ModelReport r) {
    List<String> dead = Vacuity.deadActions(r.result(), r.entry().allowedDead());
    return dead.isEmpty() ? "" : "; not fired yet: " + String.join(", ", dead);
  }

  private static String depth(ModelReport r) {
    long d = r.result().stats().depth();
    return d < 0 ? "-" : Long.toString(d);
  }

  /** A run's length as "45 s" or "3 min 5 s". */
  private static String duration(double seconds) {
    long s = Math.round(seconds);
    return s < 60 ? s + " s" : s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
  }

  private static String load(OptionalDouble load) {
    return load.isPresent() ? String.format("%.1f", load.getAsDouble()) : "-";
  }

  private static String minutes(long seconds) {
    return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
  }

  /** Markdown table cells cannot hold a pipe. */
  private static String cell(String text) {
    return text.replace("|", "\\|");
  }

  /**
   * How the run was made, for the table's first line.
   *
   * @param command the command line that produced the table
   * @param workers TLC worker threads
   * @param heap TLC's heap
   * @param timeLimitSeconds the per-model time limit, 0 for none
   */
  public record RunSettings(String command, int workers, String heap, long timeLimitSeconds) {}
}
