package io.plumbline.raft.mbt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What replays did: actions replayed, documented deviations met, mismatches found. */
final class ReplayStats {
  /** Spec action name to number of steps replayed. */
  final Map<String, Long> actions = new TreeMap<>();
  /** Documented core-vs-spec difference to number of steps where it showed. */
  final Map<String, Long> deviations = new TreeMap<>();
  /** Persist/send split events seen (restarts losing state, early sends, releases). */
  final Map<String, Long> split = new TreeMap<>();
  final List<Mismatch> mismatches = new ArrayList<>();
  long paths;
  long steps;
  long stutters;
  long specBuiltDeliveries;
  /** Leaders asked for a read where the spec refuses one ({@link ReadProbe}). */
  long readProbes;
  /** Reads the cores' applications answered, each checked by {@link ReadAnswers}. */
  long readsAnswered;
  /**
   * Answered reads that had to see a client value committed before an earlier restart in their
   * behaviour (the spec's {@code mustSee} reaches it): the durability-through-a-read obligation.
   */
  long readsSeeingWriteBeforeRestart;
  /**
   * Answered reads of a restarted member that had to see a client value its restart recovered as
   * committed from the hard state: its new application holds that value only because the core
   * handed it over at the restart (a core that skips it loses the write, see
   * {@code InjectedBug.RESTART_APPLIED_TO_COMMIT}).
   */
  long readsSeeingRestoredWrite;
  /** Restarts whose hard state's commit index covered a client value (handed to the new application). */
  long restartsRestoringAValue;
  /** Reads pending at a member when it crashed (lost: the spec never completes them). */
  long readsLostAtCrash;
  /** Restarts while some read was pending anywhere (at the crashing member or another). */
  long restartsWithReadPending;
  /** Reads started while their leader already had another read waiting. */
  long readsStartedBesideAnother;
  /** Reads served by the quorum of a newer read (etcd's readOnly.advance releases them together). */
  long readsServedByANewerRound;
  /** Client values found in read answers. */
  final java.util.Set<String> valuesRead = new java.util.TreeSet<>();

  void action(String name) {
    actions.merge(name, 1L, Long::sum);
    steps++;
  }

  void split(String event) {
    split.merge(event, 1L, Long::sum);
  }

  void deviation(String kind) {
    deviations.merge(kind, 1L, Long::sum);
  }

  /** One step where the core and the spec disagree. */
  record Mismatch(String path, int step, String action, List<String> differences,
      List<String> before) {
    /** A readable multi-line report. */
    String report() {
      StringBuilder b = new StringBuilder("MISMATCH in ").append(path).append(" at step ")
          .append(step).append(": ").append(action).append('\n');
      differences.forEach(d -> b.append("  ").append(d).append('\n'));
      b.append("  after: ").append(String.join(" ; ", before));
      return b.toString();
    }
  }
}
