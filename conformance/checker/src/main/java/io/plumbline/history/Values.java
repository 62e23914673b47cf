package io.plumbline.history;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/** Helpers for the plain-data values held by events. */
public final class Values {
  private Values() {}

  /** The name of a keyword or string ({@code :read} and {@code "read"} both give {@code read}). */
  public static String name(Object o) {
    if (o instanceof Keyword k) {
      return k.name();
    }
    return o instanceof String s ? s : null;
  }

  /** Integers of any boxed width become Long, so equal numbers compare equal across formats. */
  public static Object normalize(Object o) {
    if (o instanceof Integer || o instanceof Short || o instanceof Byte) {
      return ((Number) o).longValue();
    }
    return o;
  }

  /** Parses one JSON value into plain Java data; IllegalArgumentException when it is not JSON. */
  public static Object parseJson(String text) {
    try {
      return JsonlReader.toJava(JsonlReader.JSON.readTree(text));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not JSON: " + text, e);
    }
  }

  /** Parses one EDN value with clojure.edn into plain Java data; IllegalArgumentException when it is not EDN. */
  public static Object parseEdn(String text) {
    try {
      return EdnData.toJava(EdnData.readForm(new java.io.PushbackReader(new java.io.StringReader(text))));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not EDN: " + text, e);
    }
  }

  /** Compact EDN-like rendering for messages and reports. */
  public static String show(Object o) {
    if (o == null) {
      return "nil";
    }
    if (o instanceof String s) {
      return '"' + s + '"';
    }
    if (o instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder("{");
      Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<?, ?> e = it.next();
        sb.append(show(e.getKey())).append(' ').append(show(e.getValue()));
        if (it.hasNext()) {
          sb.append(", ");
        }
      }
      return sb.append('}').toString();
    }
    if (o instanceof Collection<?> c) {
      StringBuilder sb = new StringBuilder("[");
      Iterator<?> it = c.iterator();
      while (it.hasNext()) {
        sb.append(show(it.next()));
        if (it.hasNext()) {
          sb.append(' ');
        }
      }
      return sb.append(']').toString();
    }
    return o.toString();
  }
}
