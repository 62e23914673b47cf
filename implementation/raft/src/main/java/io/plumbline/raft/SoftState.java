package io.plumbline.raft;

/** Volatile state the caller may want to observe: who leads (null when unknown) and our role. */
public record SoftState(String lead, Role role) {
  /** The record's own equality, written out (see {@link HardState#equals}: compared on every Ready). */
  @Override
  public boolean equals(Object o) {
    return o instanceof SoftState s && role == s.role && java.util.Objects.equals(lead, s.lead);
  }

  /** The value the generated method gives (31-fold over the components in order). */
  @Override
  public int hashCode() {
    return java.util.Objects.hashCode(lead) * 31 + java.util.Objects.hashCode(role);
  }
}
