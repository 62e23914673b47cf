package io.plumbline.spec.tlc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A snapshot of TLC's search, from its periodic "Progress(...)" report or its final statistics.
 *
 * @param depth BFS depth reached so far (-1 when unknown)
 * @param generated states generated
 * @param distinct distinct states found
 * @param queue states left on the queue
 * @param distinctPerMinute TLC's own rate over the last interval (-1 when unknown)
 */
public record TlcProgress(long depth, long generated, long distinct, long queue, long distinctPerMinute) {

  /** Nothing known yet. */
  public static final TlcProgress NONE = new TlcProgress(-1, 0, 0, 0, -1);

  private static final Pattern PROGRESS = Pattern.compile(
      "Progress\\(([\\d,]+)\\) at .*?: ([\\d,]+) states generated \\(([\\d,]+) s/min\\), "
          + "([\\d,]+) distinct states found \\(([\\d,]+) ds/min\\), ([\\d,]+) states left on queue");
  private static final Pattern STATS = Pattern.compile(
      "([\\d,]+) states generated, ([\\d,]+) distinct states found, ([\\d,]+) states left on queue");
  private static final Pattern SIMULATION = Pattern.compile("([\\d,]+) states generated");
  private static final Pattern DEPTH = Pattern.compile("depth of the complete state graph search is ([\\d,]+)");

  /** Parses a TLC progress message (code 2200), or returns null when the text does not match. */
  public static TlcProgress fromProgress(String text) {
    Matcher m = PROGRESS.matcher(text);
    if (!m.find()) {
      return null;
    }
    return new TlcProgress(num(m.group(1)), num(m.group(2)), num(m.group(4)), num(m.group(6)),
        num(m.group(5)));
  }

  /**
   * Parses a simulation's progress message (code 2209): only the states generated are known
   * (TLC reports -1 distinct states there), or returns null when the text does not match.
   */
  public static TlcProgress fromSimulationProgress(String text) {
    Matcher m = SIMULATION.matcher(text);
    return m.find() ? new TlcProgress(-1, num(m.group(1)), -1, -1, -1) : null;
  }

  /** Updates counts from a final statistics message (code 2199); depth and rate are kept. */
  public TlcProgress withStats(String text) {
    Matcher m = STATS.matcher(text);
    if (!m.find()) {
      return this;
    }
    return new TlcProgress(depth, num(m.group(1)), num(m.group(2)), num(m.group(3)), distinctPerMinute);
  }

  /** Updates depth from TLC's final depth message (code 2194). */
  public TlcProgress withDepth(String text) {
    Matcher m = DEPTH.matcher(text);
    return m.find() ? new TlcProgress(num(m.group(1)), generated, distinct, queue, distinctPerMinute) : this;
  }

  private static long num(String digits) {
    return Long.parseLong(digits.replace(",", ""));
  }
}
