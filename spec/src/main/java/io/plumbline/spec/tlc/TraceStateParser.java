package io.plumbline.spec.tlc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the body of TLC's state messages (codes 2217, 2218, 2122) into {@link TraceState}s.
 *
 * <p>The body's first line is {@code N: <Action line L, col C to line L2, col C2 of module M>} (or
 * {@code N: <Initial predicate>}, {@code N: Stuttering}, {@code Back to state N: <...>}); the rest
 * lists variables as {@code /\ name = value}, values continuing on indented lines. A spec with one
 * variable prints {@code name = value} without the conjunction.
 */
public final class TraceStateParser {
  private static final Pattern HEADER = Pattern.compile("^(\\d+): (.*)$");
  private static final Pattern BACK = Pattern.compile("^Back to state (\\d+)(?::.*)?$");
  private static final Pattern ACTION =
      Pattern.compile("^<(.+?) line (\\d+), col \\d+ to line \\d+, col \\d+ of module (\\S+)>$");

  private TraceStateParser() {}

  /** Parses one state message body. */
  public static TraceState parse(String body) {
    String[] lines = body.strip().split("\n", 2);
    String header = lines[0].strip();
    Matcher back = BACK.matcher(header);
    if (back.matches()) {
      int target = Integer.parseInt(back.group(1));
      return new TraceState(target, "Back to state " + target, "", Map.of());
    }
    Matcher h = HEADER.matcher(header);
    if (!h.matches()) {
      throw new IllegalArgumentException("not a TLC state header: " + header);
    }
    String action = h.group(2).strip();
    String location = "";
    Matcher a = ACTION.matcher(action);
    if (a.matches()) {
      location = a.group(3) + ":" + a.group(2);
      action = a.group(1);
    } else if (action.startsWith("<") && action.endsWith(">")) {
      action = action.substring(1, action.length() - 1);
    }
    Map<String, String> vars = lines.length > 1 ? variables(lines[1]) : Map.of();
    return new TraceState(Integer.parseInt(h.group(1)), action, location, vars);
  }

  /** Splits {@code /\ a = 1 \n /\ b = ...} into name → value (whitespace collapsed). */
  static Map<String, String> variables(String text) {
    Map<String, String> vars = new LinkedHashMap<>();
    String[] conjuncts = text.strip().startsWith("/\\ ")
        ? text.strip().substring(3).split("\n/\\\\ ")
        : new String[] {text.strip()};
    for (String conjunct : conjuncts) {
      int eq = conjunct.indexOf(" = ");
      if (eq < 0) {
        continue;
      }
      vars.put(conjunct.substring(0, eq).strip(), TlaValues.collapse(conjunct.substring(eq + 3)));
    }
    return vars;
  }
}
