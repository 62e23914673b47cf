package io.plumbline.chaos.generator;

/**
 * An operation a generator wants performed.
 *
 * @param process the client process to run it on, or {@link #ANY} to let the runner pick a free one
 * @param f the function, e.g. {@code read}, {@code cas}
 * @param key the key, or null
 * @param value the argument
 * @param timeNanos earliest time (on the run's clock) at which it may be invoked
 */
public record Invocation(int process, String f, Object key, Object value, long timeNanos) {
  /** Process value meaning "any free process". */
  public static final int ANY = -1;

  public Invocation at(long t) {
    return new Invocation(process, f, key, value, t);
  }

  public Invocation on(int p) {
    return new Invocation(p, f, key, value, timeNanos);
  }
}
