package io.plumbline.raft;

/**
 * Deliberate bugs of the real core, one per plausible mistake from the Raft literature and etcd's
 * history, used only by tests to prove that the checks bite (the catalogue in
 * implementation/README.md, "Mutation catalogue", names the check that catches each). Set through
 * {@link RaftConfig#withInjectedBugs}; no command-line flag or file format can set them, and the
 * default configuration has none. Each is consulted at exactly the spot it mutates, after a check
 * that the set is empty, so a real configuration pays one branch on an empty set.
 */
public enum InjectedBug {
  // ---- vote handling
  /** A member grants its vote to every up-to-date candidate, even twice in one term. */
  VOTE_TWICE_IN_TERM,
  /**
   * {@link Ready#mustSync()} ignores term and vote changes (only entries force an fsync), so a
   * vote is answered before it is durable and a crash forgets it (etcd's MustSync rule).
   */
  HARD_STATE_NOT_SYNCED,
  /**
   * A Ready that grants a vote carries the vote response but not the changed hard state, which
   * waits for the next Ready: the grant is sent before the vote is durable, and a crash between
   * the two Readys forgets it (Fig. 2: "respond to RPCs only after updating stable storage").
   */
  VOTE_GRANTED_BEFORE_PERSIST,
  /**
   * A Ready that acknowledges an append carries the acknowledgement but not the new entries, which
   * wait for the next Ready: the leader counts an entry the follower has not made durable, and a
   * crash between the two Readys loses it (Fig. 2: "respond to RPCs only after updating stable
   * storage"; etcd sends MsgAppResp only after the entries are persisted).
   */
  APPEND_ACKED_BEFORE_PERSIST,

  /**
   * A member refuses a repeated vote request from the candidate it voted for in this term, as if a
   * vote, once given, could not be given again: when the grant is lost (or a duplicate's refusal
   * overtakes it), the candidate counts a refusal from a member that voted for it, and with one
   * member down the election fails (etcd canVote: {@code r.Vote == m.From} grants again).
   */
  VOTE_REFUSED_ON_REPEATED_REQUEST,

  // ---- log matching and truncation
  /** A follower appends when it has an entry at prevLogIndex, whatever its term (§5.3's check skipped). */
  APPEND_WITHOUT_PREV_TERM_CHECK,
  /**
   * A follower truncates its log after the message's last entry even when nothing conflicts, so a
   * delayed shorter append erases entries it already acknowledged (§5.3: "if an existing entry
   * conflicts ... delete it and all that follow" — only then).
   */
  TRUNCATE_WITHOUT_CONFLICT,
  /**
   * A follower handles an append below its commit index like any other (etcd's
   * {@code m.Index < committed} guard missing) and cuts its log after the message's entries,
   * committed ones included, lowering its commit index.
   */
  TRUNCATE_COMMITTED,
  /**
   * A follower acknowledges an append with its last index, not the last entry the append verified
   * (prevLogIndex + entries): a divergent suffix behind a verified prefix counts as replicated at
   * the leader (etcd's MsgAppResp carries lastnewi).
   */
  ACK_BEYOND_LAST_NEW,

  // ---- commit rules
  /** A leader commits an entry of an earlier term by counting replicas (Raft paper, Figure 8). */
  COMMIT_PREVIOUS_TERM_BY_COUNT,
  /** A follower takes a heartbeat's commit index even when it is below its own. */
  COMMIT_INDEX_BACKWARDS,
  /**
   * A follower commits up to min(leader commit, its last index) instead of min(leader commit, the
   * last entry the message verified): an unverified, divergent suffix beyond the message's entries
   * counts as committed (§5.3 receiver rule 5; etcd {@code commitTo(min(committed, lastnewi))}).
   */
  COMMIT_BEYOND_LAST_NEW,
  /**
   * The leader commits the median of the match indexes ({@code matches[n / 2]} of the sorted
   * array) instead of the largest index a majority holds: the same with 3 or 5 members, one member
   * short with 2 or 4 (Raft §5.3/§5.4: committed means stored on a majority).
   */
  COMMIT_INDEX_MEDIAN,

  // ---- term handling
  /** A leader ignores messages of a higher term instead of stepping down (§5.1). */
  LEADER_IGNORES_HIGHER_TERM,
  /** A follower accepts AppendEntries from a leader of an older term (skips the stale-term drop). */
  ACCEPT_STALE_TERM_APPEND,
  /**
   * Answers of an older term (vote, append and heartbeat responses) skip the stale-term drop and
   * are handled as if of the current term: a vote for an earlier candidacy or an acknowledgement
   * to an earlier leadership counts in a later one (§5.1: stale-term messages are rejected).
   */
  STALE_ANSWERS_COUNTED,

  // ---- ReadIndex
  /** A leader serves ReadIndex immediately at its commit index, without a quorum round. */
  READ_INDEX_WITHOUT_QUORUM,
  /**
   * A new leader serves ReadIndex before it has committed an entry of its own term, at a commit
   * index that may miss entries an earlier leader committed (thesis §6.4, step 1).
   */
  READ_INDEX_BEFORE_OWN_TERM_COMMIT,
  /**
   * A ReadIndex round counts the leader's own acknowledgement once more when a heartbeat answer
   * arrives: with 3 members one follower's answer is still a quorum, with 5 a leader cut off with
   * one follower serves reads a new leader's writes have overtaken (thesis §6.4 step 3).
   */
  READ_INDEX_SELF_COUNTED_TWICE,
  /**
   * A ReadIndex round counts acknowledgement messages, not members: a duplicated heartbeat answer
   * counts twice, so a leader of five cut off with one follower serves a read on n1 + n2 + n2's
   * copy while a new leader of the other three may have committed writes the read misses (thesis
   * §6.4 step 3: a quorum of members; etcd readOnly.recvAck records the acks in a set of ids).
   */
  READ_INDEX_ACK_PER_MESSAGE,
  /**
   * A quorum's acknowledgement of one read's round releases every pending read, also those that
   * arrived after that round began: the leader may have been deposed in between, and a read it
   * accepted afterwards is served at its stale commit index (thesis §6.4: the round must begin
   * after the read arrived; etcd readOnly.advance releases only through the acknowledged context).
   */
  READ_INDEX_RELEASES_LATER_READS,

  // ---- PreVote and CheckQuorum
  /** A PreCandidate raises its real term (and drops its vote) when it starts a pre-vote (thesis §9.6). */
  PRE_VOTE_RAISES_TERM,
  /** CheckQuorum resets the activity marks but a leader that lost its quorum stays leader. */
  LEADER_KEEPS_LEADING_WITHOUT_QUORUM,
  /**
   * A PreCandidate that receives an append or heartbeat of its own term from that term's leader
   * takes it as its leader but stays PreCandidate, so pre-vote grants that come in afterwards
   * start an election against the live leader (thesis §9.6: PreVote must not disrupt a working
   * leader; etcd makes a (pre-)candidate a follower on MsgApp/MsgHeartbeat of its term).
   */
  PRE_CANDIDATE_IGNORES_LEADER,
  /**
   * The election timer is not zeroed when it fires and starts a pre-vote round, so a PreCandidate
   * (whose round, unlike becomeCandidate, resets nothing) starts a new round on every tick, clearing
   * the grants it has counted: when the answers arrive on different ticks it never gets a quorum
   * (etcd tickElection zeroes electionElapsed before it steps MsgHup).
   */
  PRE_VOTE_KEEPS_ELECTION_ELAPSED,

  // ---- durability and restart
  /** A restarted member reads its term but not its vote from the hard state. */
  RESTART_FORGETS_VOTE,
  /** A restarted member takes its term from the last log entry, not the hard state (and no vote). */
  RESTART_FORGETS_TERM,
  /**
   * A restarted member marks everything up to its hard state's commit index applied, as if the
   * application had made those entries durable (etcd's {@code Config.Applied} taken from the
   * HardState's commit; etcd v3.5.0-3.5.2 lost writes after a crash when its consistent index ran
   * ahead of the applied state, etcd#13766): the application, which restarts from its snapshot,
   * is never handed those entries, and a read answered after the restart misses writes committed
   * before it. An application that takes its applied index from the entries it is handed (the
   * store's) shows nothing else.
   */
  RESTART_APPLIED_TO_COMMIT,
  /** Ready hands out entries up to the last index, not the commit index, for applying. */
  APPLY_UNCOMMITTED_ENTRIES,
  /**
   * {@link RaftCore#advance} marks everything up to the commit index applied, not the last
   * committed entry the Ready handed out: when {@code maxCommittedSizePerReady} split the committed
   * entries over several Readys, the rest are never applied (etcd pages committed entries).
   */
  APPLIED_TO_COMMIT_INDEX,
  /**
   * {@link RaftCore#advance} marks the log stable up to its current last index, not the last entry
   * of the Ready it acknowledges: an entry appended while the Ready was being handled (a proposal
   * stepped in between, as etcd's RawNode allows) leaves the unstable tail unpersisted.
   */
  STABLE_TO_LAST_INDEX,
  /**
   * {@link RaftCore#advance} records the core's current hard state as persisted, not the one the
   * Ready handed out: a term or vote that changed while the Ready was being handled (a vote granted
   * in between, as etcd's RawNode allows) is never written, though its grant goes out, so a restart
   * forgets the vote (etcd RawNode.Advance takes the Ready's HardState).
   */
  ADVANCE_RECORDS_CURRENT_HARD_STATE,
  /**
   * {@link RaftCore#advance} marks the log stable only up to the Ready's first entry, not its last:
   * every later Ready hands the rest of the tail out again, so a drain persists the tail once per
   * entry (quadratic work), and never ends when that first entry is no longer in the unstable
   * tail. Safe in what it persists; a cost bug, for the simulator's work budget (etcd
   * unstable.stableTo takes the Ready's last entry).
   */
  STABLE_TO_FIRST_ENTRY,
  /**
   * {@link RaftCore#advance} marks the Ready's last entry stable with the log's current last term,
   * not that entry's: when a new leader's entries replaced the tail while the Ready was out, an
   * unpersisted entry of that term at the same index counts as persisted and is never written
   * (etcd unstable.stableTo checks the term of the entry the Ready handed out).
   */
  STABLE_WITH_CURRENT_LAST_TERM,
  /**
   * {@link RaftCore#advance} of a Ready that installs a snapshot does not mark its committed entries
   * applied (as if such a Ready never had any): when the commit index passed the snapshot while
   * the Ready was out, those entries are handed out a second time.
   */
  SNAPSHOT_READY_NOT_APPLIED,
  /**
   * {@link RaftCore#advance} of a Ready that installs a snapshot marks everything up to the commit
   * index applied, not the snapshot's index: when the commit index passed the snapshot while the
   * Ready was out, the entries between are never handed out.
   */
  SNAPSHOT_APPLIED_TO_COMMIT,

  // ---- snapshots
  /** A follower installs any snapshot the leader sends, even one older than its commit index. */
  INSTALL_OLDER_SNAPSHOT,
  /**
   * A follower whose log already holds the snapshot's last entry (same index and term) still
   * installs the snapshot, discarding the entries after it, which it may have acknowledged
   * (etcd's restore keeps a matching log and only moves the commit index forward).
   */
  SNAPSHOT_OVER_MATCHING_LOG,
  /**
   * {@link RaftCore#advance} does not mark an installed snapshot applied: the core keeps reporting
   * a Ready (commit index past applied) whose committed entries are compacted away, so every
   * "while (hasReady())" loop would spin forever on empty Readys.
   */
  SNAPSHOT_NOT_MARKED_APPLIED,
  /**
   * {@link RaftCore#advance} of a Ready that carried a snapshot marks whatever snapshot is pending
   * stable, not only the one it handed out: a newer snapshot that arrived while the Ready was being
   * handled is never persisted, though its acknowledgement goes out (etcd unstable.stableSnapTo
   * checks the index).
   */
  NEWER_SNAPSHOT_MARKED_STABLE,
  /**
   * Installing a snapshot whose last entry the log does not match drops only the unpersisted
   * entries it covers and keeps those after it, which belong to another leader's history: the
   * follower then acknowledges them as if they were the sender's (etcd unstable.restore empties
   * the unstable tail).
   */
  RESTORE_KEEPS_UNSTABLE_TAIL,

  // ---- flow control
  /**
   * A heartbeat answer makes the leader send entries only to a follower that lacks committed ones,
   * not to one that lacks uncommitted entries: an append lost in the network is then resent only
   * when a new proposal comes, and with a member down the entry it carried never commits (etcd
   * MsgHeartbeatResp: sendAppend when {@code pr.Match < raftLog.lastIndex()}).
   */
  HEARTBEAT_RESENDS_ONLY_COMMITTED
}
