package io.plumbline.raft.sim;

/**
 * The outcome of one seed.
 *
 * @param invariant the broken invariant, or null when the run passed
 * @param detail what broke, readably
 * @param failedAtTick the tick of the failure, or -1
 * @param ticks ticks simulated (fault phase plus convergence)
 * @param digest hex SHA-256 over final member states and applied sequences
 */
public record SimResult(
    long seed,
    String invariant,
    String detail,
    long failedAtTick,
    long ticks,
    String digest,
    long messagesDelivered,
    long writesAcknowledged,
    long readsServed,
    long leadersElected,
    long crashes,
    long partitions) {

  public boolean ok() {
    return invariant == null;
  }
}
