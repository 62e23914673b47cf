package io.plumbline.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Porcupine's copy of Jepsen etcd logs and records each line in the {@code etcd} model's
 * vocabulary, with the meaning Porcupine's test gives it (see histories/porcupine/FORMAT.md):
 *
 * <ul>
 *   <li>{@code read} becomes {@code get}; {@code :ok :read nil} means the key is absent;
 *   <li>{@code write N} becomes {@code put N};
 *   <li>{@code cas [A B]} becomes a txn "if value == A then put B"; {@code :ok :cas} is a txn that
 *       succeeded, {@code :fail :cas} one that definitely ran and whose compare did not match;
 *   <li>{@code :fail :read :timed-out} is a read with unknown result: an {@code info} get;
 *   <li>{@code :info ... :timed-out} stays indeterminate.
 * </ul>
 *
 * All operations are on the single key {@code "r"}. Line order is real-time order.
 */
final class PorcupineEtcdReader {
  /** The key every operation of these single-register logs is about. */
  static final String KEY = "r";
  private static final Pattern LINE = Pattern.compile(
      "^INFO\\s+jepsen\\.util\\s+-\\s+(\\d+)\\s+:(invoke|ok|fail|info)\\s+:(read|write|cas)\\s+(nil|\\d+|\\[(\\d+) (\\d+)\\]|:timed-out)$");

  private PorcupineEtcdReader() {}

  static History read(String source, BufferedReader in) throws IOException {
    return ((LineFormat) PorcupineEtcdReader::parseLine).read(source, in);
  }

  private static Op parseLine(String source, int lineNo, String text, int index) {
    Matcher m = LINE.matcher(text);
    if (!m.matches()) {
      throw new MalformedHistoryException(source, lineNo,
          "expected 'INFO jepsen.util - PROCESS :invoke|:ok|:fail|:info :read|:write|:cas nil|N|[A B]|:timed-out'");
    }
    return toOp(source, lineNo, m, index);
  }

  private static Op toOp(String source, int lineNo, Matcher m, int index) {
    String process = m.group(1);
    OpType type = OpType.parse(m.group(2));
    String f = m.group(3);
    String raw = m.group(4);
    boolean timedOut = raw.equals(":timed-out");
    Object value = raw.equals("nil") || timedOut ? null : m.group(5) != null ? null : Long.parseLong(raw);
    Map<String, Object> extra = timedOut ? Map.of("error", "timed-out") : Map.of();
    return switch (f) {
      case "read" -> new Op(index, process, type == OpType.FAIL ? OpType.INFO : type, "get", value, KEY, null, null, extra);
      case "write" -> new Op(index, process, type, "put", value, KEY, null, null, extra);
      default -> cas(source, lineNo, m, index, process, type, extra);
    };
  }

  private static Op cas(String source, int lineNo, Matcher m, int index, String process, OpType type,
      Map<String, Object> extra) {
    if (type == OpType.INFO) {
      return new Op(index, process, type, "txn", null, KEY, null, null, extra);
    }
    if (m.group(5) == null) {
      throw new MalformedHistoryException(source, lineNo, "expected :cas to carry [FROM TO]");
    }
    long from = Long.parseLong(m.group(5));
    long to = Long.parseLong(m.group(6));
    if (type == OpType.INVOKE) {
      Map<String, Object> txn = new LinkedHashMap<>();
      txn.put("compare", List.of(Map.of("key", KEY, "target", "value", "result", "=", "value", from)));
      txn.put("success", List.of(Map.of("f", "put", "key", KEY, "value", to)));
      txn.put("failure", List.of());
      return new Op(index, process, type, "txn", txn, KEY, null, null, extra);
    }
    // :ok = the compare matched; :fail = the txn ran and the compare did not match (definite).
    return new Op(index, process, OpType.OK, "txn", Map.of("succeeded", type == OpType.OK), KEY, null, null, extra);
  }
}
