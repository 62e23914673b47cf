package io.plumbline.raft.mbt;

/**
 * One concrete step of the spec: the action's name and its parameters as in {@code EtcdRaft.tla}
 * ({@code i} the acting server, {@code j} the peer, {@code m} the message handled, {@code v} the
 * client value), each null when the action has no such parameter.
 */
public record SpecAction(String name, String i, String j, TlaValue.Rec m, String v) {

  /** Whether this action handles a message of the network (a {@code Receive} disjunct). */
  public boolean receives() {
    return m != null;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(name).append('(').append(i);
    if (j != null) {
      b.append(", ").append(j);
    }
    if (v != null) {
      b.append(", ").append(v);
    }
    if (m != null) {
      b.append(", ").append(MessageMapping.describe(m));
    }
    return b.append(')').toString();
  }
}
