package io.plumbline.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Reads Porcupine's key-value logs ({@code kv/cNN-*.txt}) with the fixed field order Porcupine's
 * own parser expects. Values are strings; a get's invocation carries nil and its ok the value read.
 */
final class PorcupineKvReader {
  private PorcupineKvReader() {}

  static History read(String source, BufferedReader in) throws IOException {
    return ((LineFormat) PorcupineKvReader::parseLine).read(source, in);
  }

  private static Op parseLine(String source, int lineNo, String text, int index) {
    Matcher m = HistoryFormat.KV_LINE.matcher(text.strip());
    if (!m.matches()) {
      throw new MalformedHistoryException(source, lineNo,
          "expected '{:process N, :type :invoke|:ok, :f :get|:put|:append, :key \"K\", :value nil|\"V\"}'");
    }
    return new Op(index, m.group(1), OpType.parse(m.group(2)), m.group(3), m.group(6), m.group(4), null, null, Map.of());
  }
}
