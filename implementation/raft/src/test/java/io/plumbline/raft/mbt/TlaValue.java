package io.plumbline.raft.mbt;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A TLA+ value as TLC prints it in state dumps and traces: numbers, strings, booleans, model
 * values, sets, sequences, records and functions (bags are functions to counts). Equality is value
 * equality, except that TLC prints the empty function and the empty sequence alike ({@code << >>});
 * {@link #asFunction()} reads both.
 */
public sealed interface TlaValue {

  /** An integer. */
  record Int(long value) implements TlaValue {
    @Override
    public String toString() {
      return Long.toString(value);
    }
  }

  /** A string literal. */
  record Str(String value) implements TlaValue {
    @Override
    public String toString() {
      return '"' + value + '"';
    }
  }

  /** TRUE or FALSE. */
  record Bool(boolean value) implements TlaValue {
    @Override
    public String toString() {
      return value ? "TRUE" : "FALSE";
    }
  }

  /** A model value such as {@code s1} or {@code Nil}. */
  record ModelValue(String name) implements TlaValue {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A finite set (elements kept in a canonical order so equal sets are equal records). */
  record SetValue(Set<TlaValue> elements) implements TlaValue {
    @Override
    public String toString() {
      return elements.stream().map(String::valueOf).collect(Collectors.joining(", ", "{", "}"));
    }
  }

  /** A sequence {@code <<a, b>>}. */
  record Seq(List<TlaValue> elements) implements TlaValue {
    @Override
    public String toString() {
      return elements.stream().map(String::valueOf).collect(Collectors.joining(", ", "<<", ">>"));
    }
  }

  /** A record {@code [f |-> v, ...]}; fields compare regardless of order. */
  record Rec(Map<String, TlaValue> fields) implements TlaValue {
    /** The field {@code name}; fails readably when absent. */
    public TlaValue get(String name) {
      TlaValue v = fields.get(name);
      if (v == null) {
        throw new IllegalArgumentException("record has no field " + name + ": " + this);
      }
      return v;
    }

    /** Fields in name order: TLC prints them in its own interning order, which differs between runs. */
    @Override
    public String toString() {
      return fields.entrySet().stream().sorted(Map.Entry.comparingByKey())
          .map(e -> e.getKey() + " |-> " + e.getValue())
          .collect(Collectors.joining(", ", "[", "]"));
    }
  }

  /** A function {@code (k1 :> v1 @@ k2 :> v2)}; keys compare regardless of order. */
  record Fun(Map<TlaValue, TlaValue> map) implements TlaValue {
    /** The value at {@code key}; fails readably when absent. */
    public TlaValue get(TlaValue key) {
      TlaValue v = map.get(key);
      if (v == null) {
        throw new IllegalArgumentException("function has no key " + key + ": " + this);
      }
      return v;
    }

    @Override
    public String toString() {
      return map.entrySet().stream().map(e -> e.getKey() + " :> " + e.getValue())
          .collect(Collectors.joining(" @@ ", "(", ")"));
    }
  }

  /** This value as a function: a function, or an empty sequence (TLC prints {} -> x as << >>). */
  default Fun asFunction() {
    if (this instanceof Fun f) {
      return f;
    }
    if (this instanceof Seq s && s.elements().isEmpty()) {
      return new Fun(Map.of());
    }
    throw new IllegalArgumentException("not a function: " + this);
  }

  /** This value as a number. */
  default long asLong() {
    if (this instanceof Int i) {
      return i.value();
    }
    throw new IllegalArgumentException("not a number: " + this);
  }

  /** This value as a record. */
  default Rec asRecord() {
    if (this instanceof Rec r) {
      return r;
    }
    throw new IllegalArgumentException("not a record: " + this);
  }

  /** This value as a sequence. */
  default List<TlaValue> asSeq() {
    if (this instanceof Seq s) {
      return s.elements();
    }
    throw new IllegalArgumentException("not a sequence: " + this);
  }

  /** This value as a set. */
  default Set<TlaValue> asSet() {
    if (this instanceof SetValue s) {
      return s.elements();
    }
    throw new IllegalArgumentException("not a set: " + this);
  }

  /** A model value or string as plain text ({@code s1}, {@code Follower}). */
  default String text() {
    if (this instanceof ModelValue m) {
      return m.name();
    }
    if (this instanceof Str s) {
      return s.value();
    }
    throw new IllegalArgumentException("not a model value or string: " + this);
  }
}
