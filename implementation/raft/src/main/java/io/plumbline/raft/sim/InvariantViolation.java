package io.plumbline.raft.sim;

/** A safety or liveness invariant the simulation found broken; names the invariant. */
public final class InvariantViolation extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String invariant;

  public InvariantViolation(String invariant, String detail) {
    super(invariant + ": " + detail);
    this.invariant = invariant;
  }

  public String invariant() {
    return invariant;
  }
}
