package io.plumbline.raft.mbt;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state graph TLC writes with {@code -dump dot,actionlabels FILE}: nodes are states (label =
 * the state printed as {@code /\ var = value} lines; initial states are {@code filled}), edges are
 * labelled with the action's name. States are kept as text and parsed when replayed.
 */
final class StateGraph {
  final List<String> stateTexts = new ArrayList<>();
  final List<Integer> initial = new ArrayList<>();
  final List<int[]> edges = new ArrayList<>(); // {source, target}
  final List<String> edgeLabels = new ArrayList<>();
  private final Map<Long, Integer> index = new HashMap<>();

  /** Reads a dot file TLC dumped. */
  static StateGraph read(Path dot) throws IOException {
    StateGraph g = new StateGraph();
    try (BufferedReader in = Files.newBufferedReader(dot, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        g.line(line);
      }
    }
    return g;
  }

  private void line(String line) {
    int arrow = line.indexOf(" -> ");
    int bracket = line.indexOf(" [label=\"");
    if (bracket < 0 || !isId(line.substring(0, arrow >= 0 && arrow < bracket ? arrow : bracket))) {
      return;
    }
    String label = unescape(line.substring(bracket + 9, closingQuote(line, bracket + 9)));
    if (arrow >= 0 && arrow < bracket) {
      int from = node(Long.parseLong(line.substring(0, arrow)));
      int to = node(Long.parseLong(line.substring(arrow + 4, bracket)));
      edges.add(new int[] {from, to});
      edgeLabels.add(label.intern());
    } else {
      int n = node(Long.parseLong(line.substring(0, bracket)));
      stateTexts.set(n, label);
      if (line.contains("style = filled")) {
        initial.add(n);
      }
    }
  }

  /** The index of the first quote from {@code from} that dot's escaping does not cover. */
  private static int closingQuote(String line, int from) {
    for (int i = from; i < line.length(); i++) {
      if (line.charAt(i) == '\\') {
        i++;
      } else if (line.charAt(i) == '"') {
        return i;
      }
    }
    throw new IllegalArgumentException("unterminated label: " + line);
  }

  private static boolean isId(String s) {
    return s.matches("-?\\d+");
  }

  private int node(long id) {
    return index.computeIfAbsent(id, k -> {
      stateTexts.add(null);
      return stateTexts.size() - 1;
    });
  }

  /** Undoes dot's escaping: {@code \\n} newline, {@code \\"} quote, {@code \\\\} backslash. */
  static String unescape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(n == 'n' ? '\n' : n);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  int stateCount() {
    return stateTexts.size();
  }

  int edgeCount() {
    return edges.size();
  }
}
