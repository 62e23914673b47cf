package io.plumbline.spec.check;

import io.plumbline.spec.tlc.SimulationReach;
import io.plumbline.spec.tlc.TlcRunResult;
import io.plumbline.spec.tlc.TlcRunResult.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Why a model that "passed" may have proved nothing. A pass means "no reachable state within the
 * bounds breaks an invariant"; if the bounds cut every step (round 2's five-member Raft model
 * explored its initial state only), that holds trivially. Two signs, both from TLC's own numbers:
 *
 * <ul>
 *   <li>no state beyond the initial ones: distinct states not above the initial states, or a
 *       search depth of at most 1;
 *   <li>an action of the next-state relation that never found a distinct state (TLC's
 *       {@code -coverage}), unless the manifest allows it to be dead for this model (e.g.
 *       {@code Restart} in a model without crashes).
 * </ul>
 *
 * <p>Only complete runs that found no error are judged: a run stopped by a violation has partial
 * coverage by nature, and a run stopped at its time limit is not finished either (a vacuous model
 * finishes at once; its counts may be unknown if TLC had not reported yet, and an action may still
 * fire deeper in the state space). For those, the actions TLC's last coverage report (printed
 * every minute) shows as not fired yet are a note ({@link #deadActions}), not a verdict.
 *
 * <p>The coverage comes from the exhaustive run itself, not from a cheaper {@code -simulate} run:
 * under {@code -simulate} TLC 2.18 counts the successors an action generated, including those the
 * CONSTRAINT cuts and stuttering steps, never distinct states, so a dead action could look live
 * there (spec/README.md shows it on a toy module).
 */
public final class Vacuity {
  private Vacuity() {}

  /** The reasons {@code result} is vacuous (empty when it is not, or cannot be judged). */
  public static List<String> reasons(TlcRunResult result, Set<String> allowedDead) {
    if (result.outcome() != Outcome.NO_ERROR) {
      return List.of();
    }
    List<String> reasons = new ArrayList<>();
    long distinct = result.stats().distinct();
    long depth = result.stats().depth();
    if (result.initialStates() >= 0 && distinct <= result.initialStates()) {
      reasons.add(String.format("no state beyond the initial one(s): %,d distinct, %,d initial",
          distinct, result.initialStates()));
    } else if (depth >= 0 && depth <= 1) {
      reasons.add("search depth " + depth + ": no step was ever taken");
    }
    List<String> dead = deadActions(result, allowedDead);
    if (!dead.isEmpty()) {
      reasons.add("never fired (0 distinct states): " + String.join(", ", dead));
    }
    return reasons;
  }

  /**
   * The reasons a simulation run that found no error is vacuous: none of its walks reached the
   * model's target state (e.g. term 4 with a committed client value), so its behaviours cannot
   * show the bugs it is there for (empty when it reached it, or the run did not end cleanly).
   */
  public static List<String> simulationReasons(TlcRunResult result, SimulationReach reach) {
    if (result.outcome() != Outcome.NO_ERROR || reach.targetReached()) {
      return List.of();
    }
    return List.of("no walk reached the simulation's target (SimTarget): " + reach.summary());
  }

  /**
   * The actions TLC's last coverage report shows with 0 distinct states, except the allowed ones,
   * sorted by name (empty without a coverage report).
   */
  public static List<String> deadActions(TlcRunResult result, Set<String> allowedDead) {
    return result.coverage().entrySet().stream()
        .filter(e -> e.getValue() == 0 && !allowedDead.contains(e.getKey()))
        .map(Map.Entry::getKey).sorted().toList();
  }
}
