package io.plumbline.raft.catalogue;

import io.plumbline.raft.InjectedBug;
import io.plumbline.raft.mbt.ModelBasedMismatches;
import io.plumbline.raft.mbt.WalkSeeds;
import io.plumbline.raft.scenario.ScenarioViolations;
import io.plumbline.raft.sim.SimOptions;
import io.plumbline.raft.sim.SimulationRunner;
import java.util.Optional;
import java.util.Set;

/**
 * A check of the build that a catalogue entry expects to catch its bug: it runs on cores with the
 * given bugs and returns what it objects to (empty when it sees nothing wrong). The same check on
 * the correct core must object to nothing ({@link CoreMutationCatalogueTest} runs that control).
 */
sealed interface CoreCheck {
  /** The check's name as the table shows it. */
  String name();

  /** What the check objects to on cores with {@code bugs}, or empty. */
  Optional<String> run(Set<InjectedBug> bugs) throws Exception;

  /** A golden scenario of {@code src/test/resources/raft/scenarios}: its run reports a VIOLATION. */
  record GoldenScenario(String file) implements CoreCheck {
    @Override
    public String name() {
      return "golden scenario `" + file + "`";
    }

    @Override
    public Optional<String> run(Set<InjectedBug> bugs) {
      return ScenarioViolations.firstViolation(file, bugs);
    }
  }

  /**
   * The simulator on a fixed seed set: seeds {@code 1..seeds}, {@code nodes} members, {@code ticks}
   * ticks of faults then convergence, every safety invariant after every step, within the seed's
   * work budget; with {@code readyOut}, hosts hold Readys out while their cores take further steps
   * ({@code SimOptions.withReadyOut}). The first seed that fails, with its replay.
   */
  record SimulationSeeds(int nodes, int ticks, int seeds, boolean readyOut) implements CoreCheck {
    @Override
    public String name() {
      return (readyOut ? "Ready-out simulation" : "simulation") + " seeds 1.." + seeds + " ("
          + nodes + " members, " + ticks + " ticks)";
    }

    @Override
    public Optional<String> run(Set<InjectedBug> bugs) {
      SimOptions o = SimOptions.of(1, nodes, ticks).withBugs(bugs);
      return Optional.ofNullable(SimulationRunner.firstFailure(readyOut ? o.withReadyOut() : o, seeds));
    }
  }

  /** A check body: what it objects to on cores with {@code bugs}, or empty. */
  @FunctionalInterface
  interface Body {
    Optional<String> run(Set<InjectedBug> bugs) throws Exception;
  }

  /**
   * A hand-written state or schedule played on the core's handlers, for what the simulator cannot
   * reach or reaches only by chance: its table name and the class that plays it.
   */
  record Handcrafted(String name, Body body) implements CoreCheck {
    @Override
    public Optional<String> run(Set<InjectedBug> bugs) throws Exception {
      return body.run(bugs);
    }
  }

  /** The spec's divergent-follower state on a follower's append handler (see {@link DivergentFollowerAppend}). */
  CoreCheck DIVERGENT_APPEND = new Handcrafted(
      "divergent-follower append (the state of MCEtcdRaftDivergent)", DivergentFollowerAppend::run);

  /** Answers of an older term played on a core that campaigns and leads again (see {@link StaleAnswers}). */
  CoreCheck STALE_ANSWERS = new Handcrafted(
      "stale answers to a re-elected leader (StaleMessagesAreInert)", StaleAnswers::run);

  /** Committed entries paged one per Ready and applied in order (see {@link CommittedPaging}). */
  CoreCheck PAGED_APPLY = new Handcrafted(
      "committed entries paged one per Ready (Ready contract, step 3)", CommittedPaging::run);

  /** A same-term snapshot over a log that matches it, commit index lagging (see {@link SnapshotOverMatchingLog}). */
  CoreCheck SNAPSHOT_OVER_MATCHING_LOG = new Handcrafted(
      "a snapshot the follower's log already matches (AcknowledgedIsDurable)", SnapshotOverMatchingLog::run);

  /** A snapshot installed through the Ready loop, which must end (see {@link ReadyLoopEnds}). */
  CoreCheck READY_LOOP_ENDS = new Handcrafted(
      "a snapshot install drained through the Ready loop (the loop ends)", ReadyLoopEnds::run);

  /** A snapshot over a divergent log with an unpersisted tail (see {@link SnapshotOverUnstableTail}). */
  CoreCheck SNAPSHOT_OVER_UNSTABLE_TAIL = new Handcrafted(
      "a snapshot over a divergent unpersisted tail (AcknowledgedIsDurable)", SnapshotOverUnstableTail::run);

  /** A PreCandidate hears this term's leader before its pre-vote grants (see {@link PreCandidateHearsLeader}). */
  CoreCheck PRE_CANDIDATE_HEARS_LEADER = new Handcrafted(
      "a PreCandidate hears the live leader before its pre-vote grants (no disruption)",
      PreCandidateHearsLeader::run);

  /** Pre-vote answers that arrive on different ticks (see {@link PreVoteAnswersATickApart}). */
  CoreCheck PRE_VOTE_ANSWERS_A_TICK_APART = new Handcrafted(
      "pre-vote answers a tick apart, one message a tick (liveness with two of five members down)",
      PreVoteAnswersATickApart::run);

  /** A lost append resent on the follower's heartbeat answer (see {@link LostAppendResentOnHeartbeat}). */
  CoreCheck LOST_APPEND_RESENT = new Handcrafted(
      "a lost append is resent on a heartbeat answer (liveness with a member down)",
      LostAppendResentOnHeartbeat::run);

  /** A vote request delivered twice, the first grant lost (see {@link RepeatedVoteRequest}). */
  CoreCheck REPEATED_VOTE_REQUEST = new Handcrafted(
      "a repeated vote request after a lost grant (liveness with a member down)", RepeatedVoteRequest::run);

  /** Commit and ReadIndex quorums of four and five members (see {@link QuorumOfOtherSizes}). */
  CoreCheck QUORUM_OF_OTHER_SIZES = new Handcrafted(
      "quorums of four and five members (CommittedIsDurable, ReadIndex round)", QuorumOfOtherSizes::run);

  /** Model-based test: every edge of the quick MBT state graph replayed on the cores. */
  record ModelBased() implements CoreCheck {
    @Override
    public String name() {
      return "MBT state graph `" + ModelBasedMismatches.CONFIG + "`";
    }

    @Override
    public Optional<String> run(Set<InjectedBug> bugs) throws Exception {
      return ModelBasedMismatches.firstMismatch(bugs);
    }
  }

  /**
   * Model-based test of the persist/send split: random behaviours of the spec with "AsyncPersist"
   * (with and without crashes) replayed on cores whose Ready finishes at spec Persist.
   */
  record ModelBasedSplit() implements CoreCheck {
    @Override
    public String name() {
      return "MBT persist/send split `" + ModelBasedMismatches.SPLIT_CONFIG + "`";
    }

    @Override
    public Optional<String> run(Set<InjectedBug> bugs) throws Exception {
      return ModelBasedMismatches.firstSplitMismatch(bugs);
    }
  }

  /**
   * Model-based test with ReadIndex reads across crash/restart: random behaviours of the spec
   * whose answers the cores' applications give are checked against it ({@code ReadAnswers}).
   */
  record ModelBasedMix() implements CoreCheck {
    @Override
    public String name() {
      return "MBT reads across restarts `" + ModelBasedMismatches.MIX_CONFIG + "`";
    }

    @Override
    public Optional<String> run(Set<InjectedBug> bugs) throws Exception {
      return ModelBasedMismatches.firstMixMismatch(bugs);
    }
  }

  /**
   * The split-Ready walk (model-based test with restarts, reads and crashes between an early send
   * and its persist): the first of its seeds that breaks an invariant.
   */
  record ModelBasedWalk() implements CoreCheck {
    @Override
    public String name() {
      return "MBT split-Ready walk seeds 1.." + WalkSeeds.SEEDS + " (" + WalkSeeds.STEPS + " steps)";
    }

    @Override
    public Optional<String> run(Set<InjectedBug> bugs) {
      return WalkSeeds.firstViolation(bugs);
    }
  }
}
