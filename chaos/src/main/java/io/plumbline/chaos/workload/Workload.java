package io.plumbline.chaos.workload;

import io.plumbline.chaos.generator.Generator;
import io.plumbline.checker.Failure;
import io.plumbline.checker.Validity;
import io.plumbline.history.History;
import java.util.List;

/**
 * Jepsen's workload bundle: a client, the generator used while faults run, the final generator
 * used after every fault is healed, and a checker.
 */
public interface Workload {
  String name();

  /** Called once before the first operation (e.g. to start watchers); the default does nothing. */
  default void open(List<String> clientUrls) {}

  /**
   * As {@link #open(List)}, with the run's recorder, for a workload that records observations of
   * its own (under a non-numeric process, which checkers and evidence counts ignore); the default
   * calls {@link #open(List)}.
   */
  default void open(List<String> clientUrls, io.plumbline.history.HistoryRecorder recorder) {
    open(clientUrls);
  }

  /** Called once after the check, also when the run fails; the default does nothing. */
  default void close() {}

  /** A fresh client for {@code process}, bound to the member {@code clientUrl}. */
  WorkloadClient client(int process, String clientUrl);

  /** Operations during the fault phase (the runner adds rate and time limit). */
  Generator generator();

  /** Operations after the heal, e.g. one read per key on every process (may be exhausted at once). */
  Generator finalGenerator(List<Integer> processes);

  /**
   * The fewest ok operations in the fault phase that make a verdict mean something; fewer makes
   * the run unknown. 50 unless an operation of this workload is much heavier than one request.
   */
  default long minimumOkOperations() {
    return 50;
  }

  /** Judges the history (client events only; nemesis events are ignored). */
  Verdict check(History history);

  /**
   * Every verdict of this workload's checkers; by default the one of {@link #check}. A workload
   * with several independent checks (the control plane's) gives each its own verdict.
   */
  default List<Verdict> checkAll(History history) {
    return List.of(check(history));
  }

  /**
   * A checker's answer.
   *
   * @param checker the checker's name
   * @param validity valid / invalid / unknown
   * @param summary one line
   * @param details multi-line failure report (the failing window) for invalid, else empty
   * @param failure the failing operation with its window, when the checker names one; null
   *     otherwise. The report marks it on the plot, draws its window per process and names the
   *     member that served it. Linearizability checkers give their search's failure; the others
   *     name the operation that shows the problem ({@link BadOp})
   * @param failureWhat what is wrong with that operation, as the plot labels it ({@code cannot
   *     linearize}, {@code missed by a watcher}, …)
   */
  record Verdict(String checker, Validity validity, String summary, String details, Failure failure,
      String failureWhat) {
    /** A verdict that names no failing operation. */
    public Verdict(String checker, Validity validity, String summary, String details) {
      this(checker, validity, summary, details, null, null);
    }

    /** A linearizability checker's verdict: {@code failure} could not be linearized. */
    public Verdict(String checker, Validity validity, String summary, String details, Failure failure) {
      this(checker, validity, summary, details, failure, failure == null ? null : "cannot linearize");
    }

    /** This verdict naming {@code bad} (null: unchanged) as its failing operation. */
    public Verdict naming(Failure bad, String what) {
      return bad == null ? this : new Verdict(checker, validity, summary, details, bad, what);
    }
  }
}
