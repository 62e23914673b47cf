package io.plumbline.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A history format with one event per line (blank lines skipped): JSONL and the Porcupine logs. */
@FunctionalInterface
interface LineFormat {
  /** Parses one non-blank line into the event at {@code index}; throws MalformedHistoryException. */
  Op parse(String source, int lineNo, String text, int index);

  /** Reads every line of {@code in}, remembering each event's line for error messages. */
  default History read(String source, BufferedReader in) throws IOException {
    List<Op> events = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    String text;
    int lineNo = 0;
    while ((text = in.readLine()) != null) {
      lineNo++;
      if (!text.isBlank()) {
        events.add(parse(source, lineNo, text, events.size()));
        lines.add(lineNo);
      }
    }
    return new History(source, events, lines.stream().mapToInt(Integer::intValue).toArray());
  }
}
