package io.plumbline.history;

/**
 * An EDN keyword such as {@code :timed-out} appearing inside a value or a free-form field. Kept
 * distinct from strings so that Jepsen EDN written by plumbline reads back exactly as it was read.
 * In JSON Lines a keyword is written as the string {@code ":name"} (and reads back as that string).
 */
public record Keyword(String name) {
  @Override
  public String toString() {
    return ":" + name;
  }
}
