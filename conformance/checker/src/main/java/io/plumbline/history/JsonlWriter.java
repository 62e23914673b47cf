package io.plumbline.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes plumbline's canonical JSON Lines format: one event object per line, fields in fixed order. */
final class JsonlWriter {
  /** Field names with a fixed meaning; everything else is a free-form extra field. */
  static final Set<String> FIELDS = Set.of("index", "process", "type", "f", "key", "value", "time", "wall_time_ms");
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonlWriter() {}

  static void write(History history, Writer out) throws IOException {
    for (Op op : history.events()) {
      out.write(line(op));
      out.write('\n');
    }
  }

  /** One event as a single JSON line. */
  static String line(Op op) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", op.index());
    m.put("process", op.isClient() ? (Object) Long.parseLong(op.process()) : op.process());
    m.put("type", op.type().wireName());
    m.put("f", op.f());
    if (op.key() != null) {
      m.put("key", toJson(op.key()));
    }
    m.put("value", toJson(op.value()));
    if (op.timeNanos() != null) {
      m.put("time", op.timeNanos());
    }
    if (op.wallTimeMillis() != null) {
      m.put("wall_time_ms", op.wallTimeMillis());
    }
    op.extra().forEach((k, v) -> m.putIfAbsent(k, toJson(v))); // a fixed field wins over a same-named extra
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode event " + op.index(), e);
    }
  }

  /** Keywords become ":name" strings and sets become arrays: JSON has neither. */
  private static Object toJson(Object v) {
    if (v instanceof Keyword k) {
      return k.toString();
    }
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, x) -> out.put(k instanceof Keyword kw ? kw.name() : String.valueOf(k), toJson(x)));
      return out;
    }
    if (v instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>(c.size());
      c.forEach(x -> out.add(toJson(x)));
      return out;
    }
    return v;
  }
}
