package io.plumbline.spec.check;

import io.plumbline.spec.tlc.TlcRunResult;
import io.plumbline.spec.tlc.TraceState;
import java.util.List;
import java.util.Map;

/**
 * Renders a counterexample for the terminal: the first state in full, then per step the action's
 * name and only what changed.
 */
public final class CounterexampleText {
  private CounterexampleText() {}

  /** The counterexample as indented lines (empty string when the result has no trace). */
  public static String render(TlcRunResult result) {
    List<TraceState> trace = result.trace();
    if (trace.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    out.append("  Counterexample: ").append(headline(result)).append(" in ").append(trace.size())
        .append(" states (after the first, only what changed is shown)\n");
    TraceState previous = null;
    for (TraceState state : trace) {
      out.append(stateLine(state));
      Map<String, String> shown = previous == null ? state.variables()
          : TraceDiff.changes(previous, state);
      shown.forEach((path, value) -> out.append("        ").append(path).append(" = ")
          .append(value).append('\n'));
      if (!state.variables().isEmpty()) {
        previous = state;
      }
    }
    return out.toString();
  }

  /** "invariant X violated" or "deadlock reached". */
  static String headline(TlcRunResult result) {
    return result.outcome() == TlcRunResult.Outcome.DEADLOCK ? "deadlock reached"
        : "invariant " + result.violated() + " violated";
  }

  private static String stateLine(TraceState s) {
    String where = s.location().isEmpty() ? "" : "  (" + s.location() + ")";
    if (s.variables().isEmpty()) {
      return "    " + s.action() + where + "\n";
    }
    return String.format("    %3d  %s%s%n", s.number(), s.action(), where);
  }
}
