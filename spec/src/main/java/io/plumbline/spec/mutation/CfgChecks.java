package io.plumbline.spec.mutation;

import io.plumbline.spec.tlc.CfgKeywords;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks a TLC configuration lists ({@code INVARIANT(S)} and {@code PROPERT(Y|IES)} sections), and
 * the same configuration with some of them left out: what a catalogue entry's {@code without:} header
 * does to its model's cfg. Other lines are kept as they are; a line that loses a name is rewritten
 * with single spaces (comments kept), and a section keyword left with no name is dropped too.
 */
public final class CfgChecks {
  private static final Set<String> CHECK_SECTIONS =
      Set.of("INVARIANT", "INVARIANTS", "PROPERTY", "PROPERTIES");
  private static final Set<String> KEYWORDS = Set.copyOf(CfgKeywords.ALL);

  private CfgChecks() {}

  /** The invariant and property names the cfg text lists, in order. */
  public static Set<String> listed(String cfgText) {
    Set<String> names = new LinkedHashSet<>();
    String section = "";
    for (String line : cfgText.split("\n", -1)) {
      for (String token : code(line).trim().split("\\s+")) {
        if (token.isEmpty()) {
          continue;
        }
        if (KEYWORDS.contains(token)) {
          section = token;
        } else if (CHECK_SECTIONS.contains(section)) {
          names.add(token);
        }
      }
    }
    return names;
  }

  /**
   * The cfg text without the invariants and properties named in {@code drop}.
   *
   * @throws IllegalArgumentException if a name of {@code drop} is not listed as an invariant or
   *     property (the message names it; the caller adds where it came from)
   */
  public static String without(String cfgText, Set<String> drop) {
    Set<String> missing = new LinkedHashSet<>(drop);
    missing.removeAll(listed(cfgText));
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          String.join(", ", missing) + " is not an invariant or property of the cfg");
    }
    String[] lines = cfgText.split("\n", -1);
    List<List<String>> tokens = new ArrayList<>();
    // [line, token] of the check-section keyword in force, and whether a name stayed after it
    int[] keyword = null;
    boolean keptAName = false;
    List<int[]> emptyKeywords = new ArrayList<>();
    boolean[] changed = new boolean[lines.length];
    for (int l = 0; l < lines.length; l++) {
      List<String> kept = new ArrayList<>();
      for (String token : code(lines[l]).trim().split("\\s+")) {
        if (token.isEmpty()) {
          continue;
        }
        boolean isKeyword = KEYWORDS.contains(token);
        if (isKeyword) {
          if (keyword != null && !keptAName) {
            emptyKeywords.add(keyword);
          }
          keyword = CHECK_SECTIONS.contains(token) ? new int[] {l, kept.size()} : null;
          keptAName = false;
        } else if (keyword != null && drop.contains(token)) {
          changed[l] = true;
          continue;
        } else if (keyword != null) {
          keptAName = true;
        }
        kept.add(token);
      }
      tokens.add(kept);
    }
    if (keyword != null && !keptAName) {
      emptyKeywords.add(keyword);
    }
    for (int i = emptyKeywords.size() - 1; i >= 0; i--) {
      int[] k = emptyKeywords.get(i);
      tokens.get(k[0]).remove(k[1]);
      changed[k[0]] = true;
    }
    StringBuilder out = new StringBuilder();
    for (int l = 0; l < lines.length; l++) {
      if (l > 0) {
        out.append('\n');
      }
      if (!changed[l]) {
        out.append(lines[l]);
        continue;
      }
      String indent = lines[l].substring(0, lines[l].length() - lines[l].stripLeading().length());
      String comment = lines[l].substring(code(lines[l]).length());
      String rest = String.join(" ", tokens.get(l));
      if (rest.isEmpty()) {
        out.append(comment.isEmpty() ? "" : indent + comment);
      } else {
        out.append(indent).append(rest).append(comment.isEmpty() ? "" : " " + comment);
      }
    }
    return out.toString();
  }

  /** The line up to its {@code \*} comment. */
  private static String code(String line) {
    int c = line.indexOf("\\*");
    return c < 0 ? line : line.substring(0, c);
  }
}
