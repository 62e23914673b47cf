package io.plumbline.spec.tlc;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far a simulation run got, read from what the spec printed: {@code SimEtcdRaft.SimObserve}
 * prints {@code <<"plumbline-sim", "term", T, D>>} whenever a walk reaches a new highest term T
 * (at depth D) and {@code <<"plumbline-sim", "target", T, D>>} the first time a walk reaches the
 * model's target state ({@code SimTarget}). A simulation that never printed its target walked
 * behaviours that cannot show the bugs it is there for: its "pass" is VACUOUS.
 */
public final class SimulationReach implements Consumer<TlcMessage> {
  private static final Pattern LINE =
      Pattern.compile("<<\"plumbline-sim\", \"(term|target)\", (\\d+), (\\d+)>>");

  private long highestTerm = -1;
  private long depthOfHighestTerm = -1;
  private long deepest = -1;
  private Optional<String> target = Optional.empty();

  @Override
  public synchronized void accept(TlcMessage m) {
    if (m.code() != TlcMessage.UNFRAMED) {
      return;
    }
    Matcher line = LINE.matcher(m.text());
    if (!line.find()) {
      return;
    }
    long term = Long.parseLong(line.group(2));
    long depth = Long.parseLong(line.group(3));
    deepest = Math.max(deepest, depth);
    if (line.group(1).equals("target")) {
      if (target.isEmpty()) {
        target = Optional.of("term " + term + " at depth " + depth);
      }
    } else if (term > highestTerm) {
      highestTerm = term;
      depthOfHighestTerm = depth;
    }
  }

  /** Whether some walk reached the model's target state. */
  public synchronized boolean targetReached() {
    return target.isPresent();
  }

  /** The deepest state in which the spec reported progress (-1 if it never did). */
  public synchronized long deepestReported() {
    return deepest;
  }

  /** One line for reports, e.g. "highest term 6 (first at depth 201); target reached: term 5 at depth 223". */
  public synchronized String summary() {
    String highest = highestTerm < 0 ? "no term reported"
        : "highest term " + highestTerm + " (first at depth " + depthOfHighestTerm + ")";
    return highest + "; target " + target.map(t -> "reached: " + t).orElse("NOT reached");
  }
}
