package io.plumbline.raft;

/**
 * The state that must survive a crash besides the log: the spec's {@code currentTerm} and
 * {@code votedFor}, plus the commit index (which may be lost without harm: it is relearned).
 *
 * @param vote the member voted for in {@code term}, or null
 */
public record HardState(long term, String vote, long commit) {
  public static final HardState EMPTY = new HardState(0, null, 0);

  /** Whether a change from {@code prev} to this state needs an fsync (term or vote changed). */
  boolean needsSyncSince(HardState prev) {
    return term != prev.term || !java.util.Objects.equals(vote, prev.vote);
  }
}
