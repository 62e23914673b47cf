package io.plumbline.conformance;

/**
 * One guarantee, tested against a live server. A check drives the server through a {@link
 * Session}, then hands what it observed to a pure verifier (unit-tested with bad observations) and
 * returns its {@link Verdict}. Client errors escape as exceptions and become FAIL (definite, not
 * expected) or UNKNOWN (indefinite) in the runner.
 */
public interface Check {
  /** Short kebab-case name, unique within its group. */
  String name();

  /** The guarantee, in one sentence. */
  String description();

  Verdict run(Session session) throws Exception;

  /** A check from a name, a description and a body. */
  static Check of(String name, String description, Body body) {
    return new Check() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public Verdict run(Session session) throws Exception {
        return body.run(session);
      }
    };
  }

  /** The body of {@link #of}. */
  @FunctionalInterface
  interface Body {
    Verdict run(Session session) throws Exception;
  }
}
