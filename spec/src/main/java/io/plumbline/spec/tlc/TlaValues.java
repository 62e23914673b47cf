package io.plumbline.spec.tlc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads TLC's printed values just far enough to show what changed between two states: functions
 * {@code (a :> 1 @@ b :> 2)} and records {@code [f |-> 1, g |-> 2]} are opened into paths
 * ({@code clock[a]}, {@code lease.holder}); sets, sequences and scalars stay whole.
 */
public final class TlaValues {
  private TlaValues() {}

  /** Collapses runs of whitespace outside string literals to one space. */
  public static String collapse(String value) {
    StringBuilder out = new StringBuilder();
    boolean inString = false;
    boolean pendingSpace = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!inString && Character.isWhitespace(c)) {
        pendingSpace = out.length() > 0;
        continue;
      }
      if (pendingSpace) {
        // "( a :> 1 )" and "[ f |-> 1 ]" print as "(a :> 1)" and "[f |-> 1]".
        char prev = out.charAt(out.length() - 1);
        if (prev != '(' && prev != '[' && !isCloser(c)) {
          out.append(' ');
        }
        pendingSpace = false;
      }
      if (c == '"' && (i == 0 || value.charAt(i - 1) != '\\')) {
        inString = !inString;
      }
      out.append(c);
    }
    return out.toString();
  }

  private static boolean isCloser(char c) {
    return c == ')' || c == ']' || c == ',';
  }

  /**
   * Flattens a variable's value into path → leaf value, e.g. {@code lease} =
   * {@code [holder |-> c1, rev |-> 2]} gives {@code lease.holder → c1}, {@code lease.rev → 2}.
   */
  public static Map<String, String> flatten(String name, String value) {
    Map<String, String> out = new LinkedHashMap<>();
    flattenInto(out, name, collapse(value));
    return out;
  }

  private static void flattenInto(Map<String, String> out, String path, String value) {
    if (value.startsWith("(") && value.endsWith(")")) {
      List<String> pairs = splitTopLevel(value.substring(1, value.length() - 1), "@@");
      if (pairs.stream().allMatch(p -> splitTopLevel(p, ":>").size() == 2)) {
        for (String pair : pairs) {
          List<String> kv = splitTopLevel(pair, ":>");
          flattenInto(out, path + "[" + kv.get(0).strip() + "]", kv.get(1).strip());
        }
        return;
      }
    }
    if (value.startsWith("[") && value.endsWith("]")) {
      List<String> fields = splitTopLevel(value.substring(1, value.length() - 1), ",");
      if (fields.stream().allMatch(f -> splitTopLevel(f, "|->").size() == 2)) {
        for (String field : fields) {
          List<String> kv = splitTopLevel(field, "|->");
          flattenInto(out, path + "." + kv.get(0).strip(), kv.get(1).strip());
        }
        return;
      }
    }
    out.put(path, value);
  }

  /** Splits at every occurrence of {@code separator} outside brackets, sequences and strings. */
  static List<String> splitTopLevel(String text, String separator) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    boolean inString = false;
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
        inString = !inString;
      } else if (!inString) {
        if (text.startsWith("<<", i)) {
          depth++;
          i += 2;
          continue;
        }
        if (text.startsWith(">>", i)) {
          depth--;
          i += 2;
          continue;
        }
        if (c == '(' || c == '[' || c == '{') {
          depth++;
        } else if (c == ')' || c == ']' || c == '}') {
          depth--;
        } else if (depth == 0 && text.startsWith(separator, i)) {
          parts.add(text.substring(start, i).strip());
          i += separator.length();
          start = i;
          continue;
        }
      }
      i++;
    }
    parts.add(text.substring(start).strip());
    return parts;
  }
}
