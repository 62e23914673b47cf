package io.plumbline.raft;

/**
 * Deliberate safety bugs, used only by tests to prove the simulation's checks bite. Set through
 * {@link RaftConfig#withInjectedBugs}; no command-line flag or file format can set them, and the
 * default configuration has none.
 */
public enum InjectedBug {
  /** A follower accepts AppendEntries from a leader of an older term (skips the stale-term drop). */
  ACCEPT_STALE_TERM_APPEND,
  /** A leader commits an entry of an earlier term by counting replicas (Raft paper, Figure 8). */
  COMMIT_PREVIOUS_TERM_BY_COUNT,
  /** A member grants its vote to every up-to-date candidate, even twice in one term. */
  VOTE_TWICE_IN_TERM,
  /** A leader serves ReadIndex immediately at its commit index, without a quorum round. */
  READ_INDEX_WITHOUT_QUORUM
}
