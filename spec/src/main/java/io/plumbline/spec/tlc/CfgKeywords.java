package io.plumbline.spec.tlc;

import java.util.List;

/** The section keywords of a TLC configuration file (what ends one section and begins the next). */
public final class CfgKeywords {
  /** Every keyword TLC 2.18 reads in a cfg. */
  public static final List<String> ALL = List.of("SPECIFICATION", "INIT", "NEXT", "CONSTANTS",
      "CONSTANT", "CONSTRAINTS", "CONSTRAINT", "ACTION_CONSTRAINTS", "ACTION_CONSTRAINT", "INVARIANTS",
      "INVARIANT", "PROPERTIES", "PROPERTY", "SYMMETRY", "VIEW", "CHECK_DEADLOCK", "POSTCONDITION",
      "ALIAS");

  private CfgKeywords() {}
}
