package io.plumbline.history;

import clojure.lang.LineNumberingPushbackReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Jepsen/Knossos EDN histories through {@code clojure.edn}: one vector or list of op maps,
 * or a bare stream of op maps. Forms are read one at a time so every error names its line.
 */
final class EdnHistoryReader {
  private EdnHistoryReader() {}

  static History read(String source, Reader text) throws IOException {
    LineNumberingPushbackReader in = new LineNumberingPushbackReader(text);
    List<Op> events = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    IndexOrder order = new IndexOrder(source);
    int first = skipBlank(in);
    char close = first == '[' ? ']' : first == '(' ? ')' : 0;
    if (close != 0) {
      in.read();
    }
    while (true) {
      int c = skipBlank(in);
      if (c == -1) {
        if (close != 0) {
          throw new MalformedHistoryException(source, in.getLineNumber(), "expected '" + close + "' before end of file");
        }
        break;
      }
      if (close != 0 && c == close) {
        in.read();
        if (skipBlank(in) != -1) {
          throw new MalformedHistoryException(source, in.getLineNumber(), "expected end of file after '" + close + "'");
        }
        break;
      }
      int line = in.getLineNumber();
      Op op = toOp(source, line, readForm(source, line, in), events.size());
      order.check(line, op.extra().get("index"));
      events.add(op);
      lines.add(line);
    }
    return new History(source, events, lines.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Skips whitespace, commas and ; comments; returns the next character without consuming it. */
  private static int skipBlank(LineNumberingPushbackReader in) throws IOException {
    while (true) {
      int c = in.read();
      if (c == -1) {
        return -1;
      }
      if (c == ';') {
        while (c != -1 && c != '\n') {
          c = in.read();
        }
        continue;
      }
      if (!Character.isWhitespace(c) && c != ',') {
        in.unread(c);
        return c;
      }
    }
  }

  private static Object readForm(String source, int line, LineNumberingPushbackReader in) {
    try {
      return EdnData.readForm(in);
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      throw new MalformedHistoryException(source, line, "expected an EDN op map: " + root.getMessage());
    }
  }

  private static Op toOp(String source, int line, Object form, int index) {
    Object data;
    try {
      data = EdnData.toJava(form);
    } catch (IllegalArgumentException e) {
      throw new MalformedHistoryException(source, line, e.getMessage());
    }
    if (!(data instanceof Map<?, ?> map)) {
      throw new MalformedHistoryException(source, line, "expected an op map like {:process 0, :type :invoke, :f :read}, found " + Values.show(data));
    }
    String process = processOf(source, line, map.get(new Keyword("process")));
    OpType type = map.get(new Keyword("type")) instanceof Keyword k ? OpType.parse(k.name()) : null;
    if (type == null) {
      throw new MalformedHistoryException(source, line, "expected :type to be one of :invoke :ok :fail :info");
    }
    String f = Values.name(map.get(new Keyword("f")));
    if (f == null) {
      throw new MalformedHistoryException(source, line, "expected :f to be a keyword such as :read");
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String k = e.getKey() instanceof Keyword kw ? kw.name() : null;
      if (k == null) {
        throw new MalformedHistoryException(source, line, "expected keyword keys in op maps, found " + Values.show(e.getKey()));
      }
      if (!EdnHistoryWriter.FIELDS.contains(k)) {
        extra.put(k, e.getValue());
      }
    }
    return new Op(index, process, type, f, map.get(new Keyword("value")), map.get(new Keyword("key")),
        longField(source, line, map, "time"), longField(source, line, map, "wall-time-ms"), extra);
  }

  private static String processOf(String source, int line, Object p) {
    if (p instanceof Long n && n >= 0) {
      return n.toString();
    }
    if (p instanceof Keyword k) {
      return k.name();
    }
    if (p instanceof String s && !s.isEmpty()) {
      return s;
    }
    throw new MalformedHistoryException(source, line, "expected :process to be a non-negative integer or a keyword such as :nemesis");
  }

  private static Long longField(String source, int line, Map<?, ?> map, String name) {
    Object v = map.get(new Keyword(name));
    if (v == null || v instanceof Long) {
      return (Long) v;
    }
    throw new MalformedHistoryException(source, line, "expected :" + name + " to be an integer");
  }
}
