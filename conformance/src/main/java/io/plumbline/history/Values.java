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
