package io.plumbline.raft.catalogue;

import io.plumbline.raft.InjectedBug;
import io.plumbline.raft.mbt.ModelBasedMismatches;
import io.plumbline.raft.mbt.WalkSeeds;
import io.plumbline.raft.scenario.ScenarioViolations;
import io.plumbline.raft.sim.SimOptions;
import io.plumbline.raft.sim.SimResult;
import io.plumbline.raft.sim.Simulation;
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
   * ticks of faults then convergence, every safety invariant after every step; the first seed
   * that fails.
   */
  record SimulationSeeds(int nodes, int ticks, int seeds) implements CoreCheck {
    @Override
    public String name() {
      return "simulation seeds 1.." + seeds + " (" + nodes + " members, " + ticks + " ticks)";
    }

    @Override
    public Optional<String> run(Set<InjectedBug> bugs) {
      for (long seed = 1; seed <= seeds; seed++) {
        SimResult r = new Simulation(SimOptions.of(seed, nodes, ticks).withBugs(bugs)).run();
        if (!r.ok()) {
          return Optional.of("seed " + seed + ", tick " + r.failedAtTick() + ": " + r.detail());
        }
      }
      return Optional.empty();
    }
  }

  /**
   * The spec's divergent-follower state played on a follower core's append handler (see {@link
   * DivergentFollowerAppend} for why the simulator cannot reach it).
   */
  record DivergentAppend() implements CoreCheck {
    @Override
    public String name() {
      return "divergent-follower append (the state of MCEtcdRaftDivergent)";
    }

    @Override
    public Optional<String> run(Set<InjectedBug> bugs) {
      return DivergentFollowerAppend.run(bugs);
    }
  }

  /** Answers of an older term played on a core that campaigns and leads again (see {@link StaleAnswers}). */
  record StaleAnswer() implements CoreCheck {
    @Override
    public String name() {
      return "stale answers to a re-elected leader (StaleMessagesAreInert)";
    }

    @Override
    public Optional<String> run(Set<InjectedBug> bugs) {
      return StaleAnswers.run(bugs);
    }
  }

  /** Committed entries paged one per Ready and applied in order (see {@link CommittedPaging}). */
  record PagedApply() implements CoreCheck {
    @Override
    public String name() {
      return "committed entries paged one per Ready (Ready contract, step 3)";
    }

    @Override
    public Optional<String> run(Set<InjectedBug> bugs) {
      return CommittedPaging.run(bugs);
    }
  }

  /** A proposal stepped in while a Ready is handled stays unstable (see {@link ProposalDuringReady}). */
  record ProposalWhileReadyOut() implements CoreCheck {
    @Override
    public String name() {
      return "a proposal while a Ready is out (Ready contract, step 1)";
    }

    @Override
    public Optional<String> run(Set<InjectedBug> bugs) {
      return ProposalDuringReady.run(bugs);
    }
  }

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
