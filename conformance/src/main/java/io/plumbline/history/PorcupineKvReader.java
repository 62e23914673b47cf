package io.plumbline.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Reads Porcupine's key-value logs ({@code kv/cNN-*.txt}) with the fixed field order Porcupine's
 * own parser expects. Values are strings; a get's invocation carries nil and its ok the value read.
 */
final class PorcupineKvReader {
  private PorcupineKvReader() {}

  static History read(String source, BufferedReader in) throws IOException {
    List<Op> events = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    String text;
    int lineNo = 0;
    while ((text = in.readLine()) != null) {
      lineNo++;
      if (text.isBlank()) {
        continue;
      }
      Matcher m = HistoryFormat.KV_LINE.matcher(text.strip());
      if (!m.matches()) {
        throw new MalformedHistoryException(source, lineNo,
            "expected '{:process N, :type :invoke|:ok, :f :get|:put|:append, :key \"K\", :value nil|\"V\"}'");
      }
      Object value = m.group(6);
      events.add(new Op(events.size(), m.group(1), OpType.parse(m.group(2)), m.group(3), value, m.group(4),
          null, null, Map.of()));
      lines.add(lineNo);
    }
    return new History(source, events, lines.stream().mapToInt(Integer::intValue).toArray());
  }
}
