package io.plumbline.raft.mbt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses TLA+ values as TLC prints them (state dumps, simulation traces): integers, strings,
 * TRUE/FALSE, model values, {@code {..}}, {@code <<..>>}, {@code [f |-> v, ..]} and
 * {@code (k :> v @@ ..)}; and whole states, {@code /\ var = value} per variable.
 */
public final class TlaParser {
  private final String text;
  private int pos;

  private TlaParser(String text) {
    this.text = text;
  }

  /** Parses one value; the whole text must be consumed. */
  public static TlaValue parse(String text) {
    TlaParser p = new TlaParser(text);
    TlaValue v = p.value();
    p.skipSpace();
    if (p.pos != text.length()) {
      throw p.error("unexpected trailing text");
    }
    return v;
  }

  /** Parses a state printed as {@code /\ x = 1 /\ y = {}}: variable name to value. */
  public static Map<String, TlaValue> parseState(String text) {
    TlaParser p = new TlaParser(text);
    Map<String, TlaValue> vars = new LinkedHashMap<>();
    p.skipSpace();
    while (p.pos < text.length()) {
      p.expect("/\\");
      String name = p.identifier();
      p.expect("=");
      vars.put(name, p.value());
      p.skipSpace();
    }
    return vars;
  }

  private TlaValue value() {
    skipSpace();
    if (pos >= text.length()) {
      throw error("value expected");
    }
    char c = text.charAt(pos);
    if (c == '"') {
      return string();
    }
    if (c == '-' || Character.isDigit(c)) {
      return number();
    }
    if (c == '{') {
      return set();
    }
    if (text.startsWith("<<", pos)) {
      return sequence();
    }
    if (c == '[') {
      return record();
    }
    if (c == '(') {
      return function();
    }
    String word = identifier();
    return switch (word) {
      case "TRUE" -> new TlaValue.Bool(true);
      case "FALSE" -> new TlaValue.Bool(false);
      default -> new TlaValue.ModelValue(word);
    };
  }

  private TlaValue string() {
    StringBuilder b = new StringBuilder();
    pos++;
    while (pos < text.length() && text.charAt(pos) != '"') {
      char c = text.charAt(pos++);
      if (c == '\\' && pos < text.length()) {
        c = text.charAt(pos++);
        c = c == 'n' ? '\n' : c == 't' ? '\t' : c;
      }
      b.append(c);
    }
    if (pos >= text.length()) {
      throw error("unterminated string");
    }
    pos++;
    return new TlaValue.Str(b.toString());
  }

  private TlaValue number() {
    int start = pos;
    if (text.charAt(pos) == '-') {
      pos++;
    }
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    if (pos == start || (pos == start + 1 && text.charAt(start) == '-')) {
      throw error("number expected");
    }
    return new TlaValue.Int(Long.parseLong(text.substring(start, pos)));
  }

  private TlaValue set() {
    pos++;
    Set<TlaValue> elements = new LinkedHashSet<>(elements("}"));
    return new TlaValue.SetValue(Set.copyOf(elements));
  }

  private TlaValue sequence() {
    pos += 2;
    return new TlaValue.Seq(List.copyOf(elements(">>")));
  }

  /** Comma-separated values up to {@code close} (consumed). */
  private List<TlaValue> elements(String close) {
    List<TlaValue> out = new ArrayList<>();
    skipSpace();
    if (text.startsWith(close, pos)) {
      pos += close.length();
      return out;
    }
    while (true) {
      out.add(value());
      skipSpace();
      if (text.startsWith(close, pos)) {
        pos += close.length();
        return out;
      }
      expect(",");
    }
  }

  private TlaValue record() {
    pos++;
    Map<String, TlaValue> fields = new LinkedHashMap<>();
    do {
      String name = identifier();
      expect("|->");
      fields.put(name, value());
      skipSpace();
    } while (tryConsume(","));
    expect("]");
    return new TlaValue.Rec(Map.copyOf(fields));
  }

  private TlaValue function() {
    pos++;
    Map<TlaValue, TlaValue> map = new LinkedHashMap<>();
    do {
      TlaValue key = value();
      expect(":>");
      map.put(key, value());
      skipSpace();
    } while (tryConsume("@@"));
    expect(")");
    return new TlaValue.Fun(Map.copyOf(map));
  }

  private String identifier() {
    skipSpace();
    int start = pos;
    while (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    if (start == pos) {
      throw error("identifier expected");
    }
    return text.substring(start, pos);
  }

  private boolean tryConsume(String token) {
    skipSpace();
    if (text.startsWith(token, pos)) {
      pos += token.length();
      return true;
    }
    return false;
  }

  private void expect(String token) {
    if (!tryConsume(token)) {
      throw error("'" + token + "' expected");
    }
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    int from = Math.max(0, pos - 30);
    int to = Math.min(text.length(), pos + 30);
    return new IllegalArgumentException(what + " at offset " + pos + ": ..."
        + text.substring(from, to).replace('\n', ' ') + "...");
  }
}
