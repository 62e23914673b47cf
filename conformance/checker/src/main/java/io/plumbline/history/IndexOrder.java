package io.plumbline.history;

/**
 * The order of a file's events is taken as their real-time order, so events that carry an index (Jepsen's
 * {@code :index}, the {@code "index"} plumbline writes) must list it rising: a file re-sorted, or two files
 * pasted together, would otherwise be judged in an order that never happened. Events without an integer
 * index are not constrained.
 */
final class IndexOrder {
  private final String source;
  private Long last;
  private int lastLine;

  IndexOrder(String source) {
    this.source = source;
  }

  /** Checks the event on {@code line} whose index field holds {@code index} (null or not an integer: no index). */
  void check(int line, Object index) {
    if (!(index instanceof Long i)) {
      return;
    }
    if (last != null && i <= last) {
      throw new MalformedHistoryException(source, line, "index " + i + " after index " + last + " on line " + lastLine
          + "; expected rising indexes (the order of the lines is taken as real-time order)");
    }
    last = i;
    lastLine = line;
  }
}
