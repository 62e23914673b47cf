package io.plumbline.raft.catalogue;

import static io.plumbline.raft.InjectedBug.*;

import io.plumbline.raft.InjectedBug;
import java.util.List;

/**
 * The core's mutation catalogue: every {@link InjectedBug}, where the mistake comes from, and the
 * check of the build expected to catch it. {@link CoreMutationCatalogueTest} runs each entry and
 * fails when its check does not catch the bug; the table it writes is the one in
 * implementation/README.md ("Mutation catalogue").
 */
final class CoreMutationCatalogue {
  /** One entry: the bug, its origin (paper section or etcd history) and the check that catches it. */
  record Entry(InjectedBug bug, String origin, CoreCheck check) {}

  /** 3 members, seeds 1..20 of 3,000 ticks: about 1 s of CPU per seed on the correct core. */
  static final CoreCheck SIMULATION = new CoreCheck.SimulationSeeds(3, 3000, 20, false);
  /** The same seeds with Readys held out (hosts step their cores between ready and advance). */
  static final CoreCheck READY_OUT = new CoreCheck.SimulationSeeds(3, 3000, 20, true);
  static final CoreCheck MBT = new CoreCheck.ModelBased();
  static final CoreCheck WALK = new CoreCheck.ModelBasedWalk();
  static final CoreCheck SPLIT = new CoreCheck.ModelBasedSplit();
  static final CoreCheck MIX = new CoreCheck.ModelBasedMix();

  static final List<Entry> ENTRIES = List.of(
      new Entry(VOTE_TWICE_IN_TERM, "§5.2 one vote per term", SIMULATION),
      new Entry(VOTE_REFUSED_ON_REPEATED_REQUEST, "etcd canVote: r.Vote == m.From grants a repeated request (a lost grant, a duplicated request)",
          CoreCheck.REPEATED_VOTE_REQUEST),
      new Entry(HARD_STATE_NOT_SYNCED, "§5.2/Fig. 2 persist before responding; etcd MustSync", SPLIT),
      new Entry(VOTE_GRANTED_BEFORE_PERSIST, "Fig. 2 respond only after updating stable storage", SPLIT),
      new Entry(APPEND_ACKED_BEFORE_PERSIST, "Fig. 2 respond only after updating stable storage; etcd MsgAppResp after the append is persisted", SPLIT),
      new Entry(APPEND_WITHOUT_PREV_TERM_CHECK, "§5.3 consistency check", SIMULATION),
      new Entry(TRUNCATE_WITHOUT_CONFLICT, "§5.3 truncate only on conflict (Fig. 2, rule 3)", SIMULATION),
      new Entry(TRUNCATE_COMMITTED, "etcd: append below the commit index", SIMULATION),
      new Entry(ACK_BEYOND_LAST_NEW, "§5.3 success means the log matches through the new entries; etcd MsgAppResp carries lastnewi",
          CoreCheck.DIVERGENT_APPEND),
      new Entry(COMMIT_PREVIOUS_TERM_BY_COUNT, "§5.4.2, Figure 8",
          new CoreCheck.GoldenScenario("figure8.txt")),
      new Entry(COMMIT_INDEX_BACKWARDS, "etcd: commitTo never decreases", SIMULATION),
      new Entry(COMMIT_BEYOND_LAST_NEW, "§5.3 rule 5; etcd commitTo(min(committed, lastnewi))",
          CoreCheck.DIVERGENT_APPEND),
      new Entry(COMMIT_INDEX_MEDIAN, "§5.3 committed means stored on a majority; etcd quorum.MajorityConfig.CommittedIndex",
          CoreCheck.QUORUM_OF_OTHER_SIZES),
      new Entry(LEADER_IGNORES_HIGHER_TERM, "§5.1 step down on a higher term", SIMULATION),
      new Entry(ACCEPT_STALE_TERM_APPEND, "§5.1 reject stale terms",
          new CoreCheck.GoldenScenario("stale-leader.txt")),
      new Entry(STALE_ANSWERS_COUNTED, "§5.1 reject stale terms; etcd Step drops lower-term messages",
          CoreCheck.STALE_ANSWERS),
      new Entry(READ_INDEX_WITHOUT_QUORUM, "thesis §6.4 step 3 (heartbeat round)", WALK),
      new Entry(READ_INDEX_BEFORE_OWN_TERM_COMMIT, "thesis §6.4 step 1 (own-term commit)", SIMULATION),
      new Entry(READ_INDEX_SELF_COUNTED_TWICE, "thesis §6.4 step 3 (a quorum of acknowledgements, the leader's once)",
          CoreCheck.QUORUM_OF_OTHER_SIZES),
      new Entry(READ_INDEX_ACK_PER_MESSAGE, "thesis §6.4 step 3 (a quorum of members); etcd readOnly.recvAck keeps the acknowledging ids in a set",
          CoreCheck.QUORUM_OF_OTHER_SIZES),
      new Entry(READ_INDEX_RELEASES_LATER_READS, "thesis §6.4 (the round begins after the read arrived); etcd readOnly.advance releases through the acknowledged context only",
          MIX),
      new Entry(PRE_VOTE_RAISES_TERM, "thesis §9.6 PreVote", MBT),
      new Entry(LEADER_KEEPS_LEADING_WITHOUT_QUORUM, "thesis §6.2 CheckQuorum", MBT),
      new Entry(PRE_CANDIDATE_IGNORES_LEADER, "thesis §9.6 PreVote does not disrupt a live leader; etcd becomeFollower on MsgApp/MsgHeartbeat of the term",
          CoreCheck.PRE_CANDIDATE_HEARS_LEADER),
      new Entry(PRE_VOTE_KEEPS_ELECTION_ELAPSED, "etcd tickElection zeroes electionElapsed before MsgHup (a PreCandidate waits a timeout between rounds)",
          CoreCheck.PRE_VOTE_ANSWERS_A_TICK_APART),
      new Entry(RESTART_FORGETS_VOTE, "Fig. 2 persistent state (votedFor)", WALK),
      new Entry(RESTART_FORGETS_TERM, "Fig. 2 persistent state (currentTerm)", WALK),
      new Entry(RESTART_APPLIED_TO_COMMIT, "etcd#13766 (v3.5.0-3.5.2: consistent index ahead of the applied state, writes lost after a crash); etcd Config.Applied is the application's, not the HardState's commit",
          MIX),
      new Entry(APPLY_UNCOMMITTED_ENTRIES, "§5.3 apply only committed entries", WALK),
      new Entry(APPLIED_TO_COMMIT_INDEX, "Ready contract: apply every committed entry once, in order; etcd pages committed entries (MaxCommittedSizePerPage)",
          CoreCheck.PAGED_APPLY),
      new Entry(STABLE_TO_LAST_INDEX, "Ready contract: persist every entry before it counts as stable; etcd unstable.stableTo checks the Ready's last entry",
          READY_OUT),
      new Entry(ADVANCE_RECORDS_CURRENT_HARD_STATE, "Fig. 2 respond only after updating stable storage; etcd RawNode.Advance records the Ready's HardState",
          READY_OUT),
      new Entry(STABLE_TO_FIRST_ENTRY, "Ready contract: advance acknowledges the whole Ready; etcd unstable.stableTo takes the Ready's last entry (a cost bug: the work budget)",
          SIMULATION),
      new Entry(STABLE_WITH_CURRENT_LAST_TERM, "Ready contract: persist every entry before it counts as stable; etcd unstable.stableTo checks the handed-out entry's term",
          READY_OUT),
      new Entry(SNAPSHOT_READY_NOT_APPLIED, "Ready contract: apply every committed entry once; etcd RawNode.Advance appliedTo the Ready's last committed entry",
          READY_OUT),
      new Entry(SNAPSHOT_APPLIED_TO_COMMIT, "Ready contract: apply every committed entry once; etcd RawNode.Advance appliedSnapTo the Ready's snapshot index",
          READY_OUT),
      new Entry(INSTALL_OLDER_SNAPSHOT, "§7 InstallSnapshot; etcd restore guard",
          new CoreCheck.GoldenScenario("stale-snapshot.txt")),
      new Entry(SNAPSHOT_OVER_MATCHING_LOG, "§7 InstallSnapshot: keep the entries after a matching snapshot; etcd raftLog.restore's matchTerm guard",
          CoreCheck.SNAPSHOT_OVER_MATCHING_LOG),
      new Entry(SNAPSHOT_NOT_MARKED_APPLIED, "Ready contract: advance marks an installed snapshot applied; etcd RawNode.Advance appliedSnapTo",
          CoreCheck.READY_LOOP_ENDS),
      new Entry(NEWER_SNAPSHOT_MARKED_STABLE, "Ready contract: persist every snapshot before it counts as stable; etcd unstable.stableSnapTo checks the index",
          READY_OUT),
      new Entry(RESTORE_KEEPS_UNSTABLE_TAIL, "§7 InstallSnapshot: discard the entire log unless it matches the snapshot; etcd unstable.restore",
          CoreCheck.SNAPSHOT_OVER_UNSTABLE_TAIL),
      new Entry(HEARTBEAT_RESENDS_ONLY_COMMITTED, "etcd stepLeader MsgHeartbeatResp: sendAppend when pr.Match < raftLog.lastIndex() (a lost append is resent)",
          CoreCheck.LOST_APPEND_RESENT));

  private CoreMutationCatalogue() {}
}
