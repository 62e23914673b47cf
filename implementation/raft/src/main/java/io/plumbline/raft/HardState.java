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

  /**
   * The record's own equality, written out: every Ready compares hard states, and the generated
   * method goes through method handles, which the simulator's C1-compiled code does not inline.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof HardState h && term == h.term && commit == h.commit && java.util.Objects.equals(vote, h.vote);
  }

  /** The value the generated method gives (31-fold over the components in order). */
  @Override
  public int hashCode() {
    return (Long.hashCode(term) * 31 + java.util.Objects.hashCode(vote)) * 31 + Long.hashCode(commit);
  }
}
