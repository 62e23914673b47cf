package io.plumbline.checker;

/** A checker's verdict, as Jepsen's {@code :valid?}: true, false, or unknown (e.g. out of budget). */
public enum Validity {
  TRUE,
  FALSE,
  UNKNOWN;

  /** The word printed in reports: valid, invalid, unknown. */
  public String word() {
    return switch (this) {
      case TRUE -> "valid";
      case FALSE -> "invalid";
      case UNKNOWN -> "unknown";
    };
  }

  /** Combines verdicts of independent parts: any false wins, then any unknown. */
  public Validity and(Validity other) {
    if (this == FALSE || other == FALSE) {
      return FALSE;
    }
    return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : TRUE;
  }
}
