package io.plumbline.raft.mbt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A behaviour TLC wrote with {@code -simulate file=...}: a module of definitions {@code STATE_1 ==}
 * {@code /\ var = value ...}, one per state, in order.
 */
final class SimulationTrace {
  private SimulationTrace() {}

  /** The states of one trace file, in order. */
  static List<SpecState> read(Path file) throws IOException {
    List<SpecState> states = new ArrayList<>();
    StringBuilder current = null;
    for (String line : Files.readAllLines(file)) {
      if (line.matches("STATE_\\d+ ==\\s*")) {
        add(states, current);
        current = new StringBuilder();
      } else if (line.startsWith("====")) {
        break;
      } else if (current != null) {
        current.append(line).append('\n');
      }
    }
    add(states, current);
    return states;
  }

  private static void add(List<SpecState> states, StringBuilder text) {
    if (text != null && !text.toString().isBlank()) {
      states.add(SpecState.parse(text.toString()));
    }
  }
}
