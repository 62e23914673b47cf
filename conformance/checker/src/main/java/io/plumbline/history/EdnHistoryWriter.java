package io.plumbline.history;

import java.io.IOException;
import java.io.Writer;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Writes Jepsen EDN: a vector with one op map per line, readable by {@code clojure.edn},
 * Knossos and Elle. Client processes are integers, other processes keywords; {@code :value} is
 * always written (nil when absent).
 */
final class EdnHistoryWriter {
  /** Keys with a fixed meaning; every other key of an op map is a free-form field. */
  static final Set<String> FIELDS = Set.of("process", "type", "f", "key", "value", "time", "wall-time-ms");

  private EdnHistoryWriter() {}

  static void write(History history, Writer out) throws IOException {
    out.write('[');
    boolean first = true;
    for (Op op : history.events()) {
      if (!first) {
        out.write("\n ");
      }
      first = false;
      out.write(map(op));
    }
    out.write("]\n");
  }

  /** One event as an EDN map. */
  static String map(Op op) {
    StringBuilder sb = new StringBuilder("{:process ");
    sb.append(op.isClient() ? op.process() : ":" + op.process());
    sb.append(", :type :").append(op.type().wireName());
    sb.append(", :f :").append(op.f());
    if (op.key() != null) {
      sb.append(", :key ");
      value(sb, op.key());
    }
    sb.append(", :value ");
    value(sb, op.value());
    if (op.timeNanos() != null) {
      sb.append(", :time ").append(op.timeNanos());
    }
    if (op.wallTimeMillis() != null) {
      sb.append(", :wall-time-ms ").append(op.wallTimeMillis());
    }
    for (Map.Entry<String, Object> e : op.extra().entrySet()) {
      sb.append(", :").append(e.getKey()).append(' ');
      value(sb, e.getValue());
    }
    return sb.append('}').toString();
  }

  /** Appends a plain Java value as EDN. */
  static void value(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("nil");
    } else if (v instanceof String s) {
      string(sb, s);
    } else if (v instanceof Keyword || v instanceof Long || v instanceof Boolean
        || v instanceof java.math.BigInteger) {
      sb.append(v);
    } else if (v instanceof Number n) {
      sb.append(n instanceof Double d && (d.isNaN() || d.isInfinite()) ? nonFinite(d) : n.toString());
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<?, ?> e = it.next();
        value(sb, e.getKey());
        sb.append(' ');
        value(sb, e.getValue());
        sb.append(it.hasNext() ? ", " : "");
      }
      sb.append('}');
    } else if (v instanceof Collection<?> c) {
      sb.append(v instanceof Set ? "#{" : "[");
      Iterator<?> it = c.iterator();
      while (it.hasNext()) {
        value(sb, it.next());
        sb.append(it.hasNext() ? " " : "");
      }
      sb.append(v instanceof Set ? '}' : ']');
    } else {
      throw new IllegalArgumentException("cannot write " + v.getClass().getSimpleName() + " as EDN: " + v);
    }
  }

  private static String nonFinite(Double d) {
    return d.isNaN() ? "##NaN" : d > 0 ? "##Inf" : "##-Inf";
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c);
      }
    }
    sb.append('"');
  }
}
