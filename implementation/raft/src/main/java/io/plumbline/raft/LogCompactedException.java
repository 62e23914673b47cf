package io.plumbline.raft;

/**
 * Typed error of {@link RaftStorage}: the requested index was compacted away. The core reacts by
 * sending a snapshot instead of entries; it is never a bug.
 */
public final class LogCompactedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LogCompactedException(long index, long firstIndex) {
    super("index " + index + " compacted (first index " + firstIndex + ")", null, false, false);
  }
}
