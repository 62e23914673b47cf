package io.plumbline.raft.sim;

/**
 * The cost bound of one seed, counted in work, never in time: Readys handled, entries persisted,
 * entries carried by the messages sent, messages delivered and entries applied. A seed may do at
 * most {@link #WORK_PER_MEMBER_TICK} units per member per tick (fault phase plus the convergence
 * bound), and one drain of a member's Ready loop at most {@link #MAX_READYS_PER_DRAIN} Readys. A
 * seed past either bound fails with invariant {@code WorkBudget}, naming the seed's counts, instead
 * of running for hours: a core that hands the same entries out again and again (quadratic work)
 * or a Ready loop that never ends is a failure the seed can be replayed on.
 */
final class WorkBudget {
  /**
   * Units per member per tick. The correct core does at most 7 (seeds 1..20 of 3,000 ticks on 3
   * and 5 members, and of 10,000 ticks on 3; 6 with Readys held out); the bound leaves a wide margin.
   */
  static final long WORK_PER_MEMBER_TICK = 100;
  /** Readys one drain may handle (the correct core needs 1-3; a snapshot install a few more). */
  static final int MAX_READYS_PER_DRAIN = 1_000;

  private final long budget;
  long readys;
  long entriesPersisted;
  long entriesSent;
  long messagesDelivered;
  long entriesApplied;

  WorkBudget(SimOptions options) {
    this.budget = WORK_PER_MEMBER_TICK * options.nodes()
        * (options.ticks() + (long) options.convergenceTicks());
  }

  long total() {
    return readys + entriesPersisted + entriesSent + messagesDelivered + entriesApplied;
  }

  /** Throws {@code WorkBudget} when the seed's work so far is past its bound. */
  void check(long tick) {
    if (total() > budget) {
      throw new InvariantViolation("WorkBudget", "the seed ran away: " + this + " by tick " + tick
          + ", more than " + WORK_PER_MEMBER_TICK + " per member per tick (" + budget + ")");
    }
  }

  /** Throws {@code WorkBudget} when one drain of member {@code id} handled too many Readys. */
  static void checkDrain(String id, int readysInDrain, io.plumbline.raft.Ready last) {
    if (readysInDrain > MAX_READYS_PER_DRAIN) {
      throw new InvariantViolation("WorkBudget", "the Ready loop of " + id + " ran away: "
          + readysInDrain + " Readys in one drain (at most " + MAX_READYS_PER_DRAIN
          + "); the last one persists " + describe(last.entries()) + ", hands out "
          + describe(last.committedEntries()) + " for applying, sends " + last.messages().size()
          + " messages");
    }
  }

  private static String describe(java.util.List<io.plumbline.raft.Entry> entries) {
    return entries.isEmpty() ? "no entries" : "entries " + entries.get(0).index() + ".."
        + entries.get(entries.size() - 1).index();
  }

  @Override
  public String toString() {
    return total() + " units (" + readys + " Readys, " + entriesPersisted + " entries persisted, "
        + entriesSent + " entries sent, " + messagesDelivered + " messages delivered, "
        + entriesApplied + " entries applied)";
  }
}
