package io.plumbline.history;

import java.util.Locale;
import java.util.regex.Pattern;

/** The history file formats plumbline reads, and how each is recognised from its first line. */
public enum HistoryFormat {
  /** plumbline's canonical format: one JSON object per line (see conformance/README.md). */
  JSONL("jsonl"),
  /** Jepsen/Knossos EDN: one vector or list of op maps, or a bare stream of op maps. */
  EDN("edn"),
  /** Porcupine's copy of Jepsen etcd logs ({@code INFO jepsen.util - 3 :invoke :read nil}). */
  PORCUPINE_ETCD("porcupine-etcd"),
  /** Porcupine's key-value logs ({@code {:process 0, :type :invoke, :f :get, :key "3", :value nil}}). */
  PORCUPINE_KV("porcupine-kv");

  static final Pattern KV_LINE = Pattern.compile(
      "^\\{:process (\\d+), :type :(invoke|ok|fail|info), :f :(get|put|append), :key \"([^\"]*)\", "
          + ":value (nil|\"([^\"]*)\")\\}$");

  private final String cliName;

  HistoryFormat(String cliName) {
    this.cliName = cliName;
  }

  /** The name accepted by {@code --format}. */
  public String cliName() {
    return cliName;
  }

  /** Parses a {@code --format} name; null when unknown. */
  public static HistoryFormat fromCliName(String name) {
    for (HistoryFormat f : values()) {
      if (f.cliName.equals(name.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    return null;
  }

  /** Recognises a format from the first non-blank line of a file; null when none matches. */
  public static HistoryFormat detect(String firstLine) {
    String s = firstLine.strip();
    if (s.startsWith("INFO") && s.contains("jepsen.util")) {
      return PORCUPINE_ETCD;
    }
    if (KV_LINE.matcher(s).matches()) {
      return PORCUPINE_KV;
    }
    if (s.startsWith("{\"") || s.equals("{") || s.startsWith("{ \"")) {
      return JSONL;
    }
    if (s.startsWith("[") || s.startsWith("(") || s.startsWith("{:") || s.startsWith(";")) {
      return EDN;
    }
    return null;
  }
}
