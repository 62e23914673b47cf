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

  /** Reads the next form with {@code clojure.edn/read}; {@link #EOF} at end of input. */
  static Object readForm(PushbackReader in) {
    return EDN_READ.invoke(OPTS, in);
  }

  /** Clojure data to plain Java data (see {@link Op#value()}); throws IllegalArgumentException otherwise. */
  static Object toJava(Object o) {
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
      m.forEach((k, v) -> out.put(toJava(k), toJava(v)));
      return out;
    }
    if (o instanceof IPersistentSet && o instanceof Set<?> s) {
      Set<Object> out = new LinkedHashSet<>();
      s.forEach(x -> out.add(toJava(x)));
      return out;
    }
    if (o instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(x -> out.add(toJava(x)));
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
