package io.plumbline.spec.tlc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects TLC's action coverage ({@code -coverage}): for every action of the next-state relation,
 * how many distinct states it found. TLC prints a full report every interval and once at the end.
 * Its counts are cumulative (measured: {@code Step_DropStaleMessage} of {@code MCEtcdRaftUpToDate}
 * reads 6 in the one-minute report and 36 in the final one), so an action a whole report shows
 * with a distinct state has fired, whatever a later report says: {@link #latest()} keeps, for each
 * action, the highest count of any whole report. A correct model once came out VACUOUS at load
 * 28 with an action at 0 that every direct run credits with 36; keeping the highest count means a
 * damaged last report cannot make a live action look dead, and it never makes a dead action look
 * live (a dead action is 0 in every report).
 *
 * <p>An action line reads {@code <ElectionTimeout line 331, col 1 to line 331, col 18 of module
 * EtcdRaft>: 32:64703}: distinct states found, then states generated. An action with 0 distinct
 * states never led to a new state within the model's bounds — the sign of a vacuous model.
 */
final class ActionCoverage {
  /** Code of the message that opens a coverage report ("The coverage statistics at ..."). */
  static final int REPORT_START = 2201;
  /** Code of one action's line in a coverage report (TLC's "next" coverage). */
  static final int ACTION = 2772;
  /** Code of the message that closes a coverage report. */
  static final int REPORT_END = 2202;

  private static final Pattern LINE =
      Pattern.compile("^<(\\S+) line .*>: ([\\d,]+):([\\d,]+)$");

  private Map<String, Long> building = new LinkedHashMap<>();
  private Map<String, Long> latest = Map.of();
  private int reports;

  /** Feeds one TLC message; other codes are ignored. */
  void accept(TlcMessage m) {
    if (m.code() == REPORT_START) {
      building = new LinkedHashMap<>();
    } else if (m.code() == ACTION) {
      Matcher line = LINE.matcher(m.text().strip());
      if (line.matches()) {
        // One action may appear more than once (used in several disjuncts): add its counts up.
        building.merge(line.group(1), Long.parseLong(line.group(2).replace(",", "")), Long::sum);
      }
    } else if (m.code() == REPORT_END) {
      // Only whole reports count: TLC may be stopped in the middle of one.
      Map<String, Long> merged = new LinkedHashMap<>(latest);
      building.forEach((action, distinct) -> merged.merge(action, distinct, Math::max));
      latest = merged;
      reports++;
    }
  }

  /**
   * Action name to the most distinct states any whole report credited it with (empty before any
   * report).
   */
  Map<String, Long> latest() {
    return latest;
  }

  /** How many whole reports arrived. */
  int reports() {
    return reports;
  }
}
