package io.plumbline.history;

import clojure.java.api.Clojure;
import clojure.lang.IFn;
import clojure.lang.IPersistentMap;
import clojure.lang.IPersistentSet;
import clojure.lang.Keyword;
import clojure.lang.PersistentArrayMap;
import clojure.lang.Symbol;
import java.io.PushbackReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bridge to the Clojure runtime: reads one form with {@code clojure.edn/read} and turns
 * Clojure data into plain Java data. Loaded only when an EDN file is read (Clojure takes a while
 * to start).
 */
final class EdnData {
  /** Returned by {@link #readForm} at end of input. */
  static final Object EOF = new Object();

  private static final IFn EDN_READ;
  private static final IPersistentMap OPTS;

  static {
    Clojure.var("clojure.core", "require").invoke(Clojure.read("clojure.edn"));
    EDN_READ = Clojure.var("clojure.edn", "read");
    OPTS = PersistentArrayMap.EMPTY.assoc(Keyword.intern("eof"), EOF);
  }

  private EdnData() {}

  /** Values nested deeper than this are refused (the JSON Lines reader's limit, Jackson's default). */
  static final int MAX_DEPTH = 1000;

  /**
   * Reads the next form with {@code clojure.edn/read}; {@link #EOF} at end of input. The reader
   * recurses once per nesting level, so a form nested deeply enough to overflow the stack is
   * refused with an IllegalArgumentException instead of ending the program.
   */
  static Object readForm(PushbackReader in) {
    try {
      return EDN_READ.invoke(OPTS, in);
    } catch (StackOverflowError e) {
      throw new IllegalArgumentException("a value nested too deeply to read (at most " + MAX_DEPTH + " levels are accepted)");
    }
  }

  /** Clojure data to plain Java data (see {@link Op#value()}); throws IllegalArgumentException otherwise. */
  static Object toJava(Object o) {
    return toJava(o, 0);
  }

  private static Object toJava(Object o, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("a value nested more than " + MAX_DEPTH + " levels deep");
    }
    if (o == null || o instanceof Long || o instanceof Double || o instanceof String || o instanceof Boolean) {
      return o;
    }
    if (o instanceof Keyword k) {
      return new io.plumbline.history.Keyword(k.sym.toString());
    }
    if (o instanceof Number n) {
      return toNumber(n);
    }
    if (o instanceof Symbol || o instanceof Character) {
      return o.toString();
    }
    if (o instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(toJava(k, depth + 1), toJava(v, depth + 1)));
      return out;
    }
    if (o instanceof IPersistentSet && o instanceof Set<?> s) {
      Set<Object> out = new LinkedHashSet<>();
      s.forEach(x -> out.add(toJava(x, depth + 1)));
      return out;
    }
    if (o instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(x -> out.add(toJava(x, depth + 1)));
      return out;
    }
    throw new IllegalArgumentException("unsupported EDN value " + o + " (" + o.getClass().getSimpleName() + ")");
  }

  private static Object toNumber(Number n) {
    if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return n.longValue();
    }
    if (n instanceof clojure.lang.BigInt b) {
      return b.toBigInteger();
    }
    if (n instanceof BigInteger || n instanceof java.math.BigDecimal) {
      return n;
    }
    return n.doubleValue();
  }
}
