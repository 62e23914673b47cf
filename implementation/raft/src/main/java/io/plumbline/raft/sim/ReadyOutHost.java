package io.plumbline.raft.sim;

import io.plumbline.raft.Ready;
import io.plumbline.raft.SplitMixRandom;

/**
 * The hosts' choices in the Ready-out mode ({@link SimOptions#withReadyOut()}): a host that takes a
 * Ready may hold it out for 1..{@code maxHoldSteps} further steps of its core (messages, ticks,
 * proposals, reads, snapshots), sending its messages at once when {@code maySendBeforePersist}
 * allows, then finishes it through the one Ready loop: persists exactly what that Ready said,
 * sends, applies, advances. A host may crash at the persist step of a Ready it held (after any
 * early send), and the nemesis's crashes may hit a member with a Ready out. The rates come from
 * their own stream of the seed, so the network, the nemesis and the workload draw what they draw
 * without this mode.
 */
final class ReadyOutHost {
  /** What the mode exercised in one seed (the Ready-out test requires each to happen). */
  static final class Stats {
    long held;
    long stepsWithReadyOut;
    long clientRequestsWithReadyOut;
    long snapshotsWithReadyOut;
    long snapshotsHeld;
    long sentEarly;
    long crashesWithReadyOut;
    long crashesAtPersist;

    void add(Stats o) {
      held += o.held;
      stepsWithReadyOut += o.stepsWithReadyOut;
      clientRequestsWithReadyOut += o.clientRequestsWithReadyOut;
      snapshotsWithReadyOut += o.snapshotsWithReadyOut;
      snapshotsHeld += o.snapshotsHeld;
      sentEarly += o.sentEarly;
      crashesWithReadyOut += o.crashesWithReadyOut;
      crashesAtPersist += o.crashesAtPersist;
    }

    @Override
    public String toString() {
      return held + " Readys held out, " + stepsWithReadyOut + " steps taken with a Ready out ("
          + clientRequestsWithReadyOut + " client requests, " + snapshotsWithReadyOut
          + " snapshots), " + snapshotsHeld + " held Readys installing a snapshot, " + sentEarly + " held Readys sent before persisting, "
          + crashesWithReadyOut + " crashes with a Ready out, " + crashesAtPersist
          + " crashes at the persist step of a held Ready";
    }
  }

  private final SplitMixRandom random;
  private final int holdPercent;
  private final int maxHoldSteps;
  private final int crashAtPersistPermille;
  /** Bytes of committed entries per Ready (small values page them one or two per Ready). */
  final long committedPageBytes;
  /** The simulator compacts after threshold / compactDivisor entries (1, 10 or 40). */
  final int compactDivisor;
  final Stats stats = new Stats();
  /**
   * Off during convergence: the host then finishes every Ready at once and never crashes (a host
   * that holds its Readys for many ticks can keep elections from ending, which is slow, not unsafe).
   */
  boolean faulty = true;

  ReadyOutHost(long seed) {
    this.random = new SplitMixRandom(~seed);
    this.holdPercent = 10 + random.nextInt(51);
    this.maxHoldSteps = new int[] {2, 8, 32, 64}[random.nextInt(4)];
    this.crashAtPersistPermille = random.nextInt(31);
    this.committedPageBytes = random.chance(0.5) ? 16 + random.nextInt(64) : 64L << 20;
    this.compactDivisor = new int[] {1, 10, 40}[random.nextInt(3)];
  }

  /**
   * Whether the host holds the Ready it just took out: a Ready installing a snapshot always (a
   * slow install is where a newer snapshot or a new leader's entries arrive meanwhile).
   */
  boolean hold(Ready rd) {
    return faulty && (rd.snapshot() != null || random.nextInt(100) < holdPercent);
  }

  /** How many further steps of the core the Ready stays out for (a snapshot's: 16..80). */
  int holdSteps(Ready rd) {
    return rd.snapshot() != null ? 16 + random.nextInt(65) : 1 + random.nextInt(maxHoldSteps);
  }

  /** Whether a held Ready whose messages may go before persisting sends them now. */
  boolean sendEarly() {
    return random.nextInt(2) == 0;
  }

  /** Whether the host crashes at the persist step of a Ready it held. */
  boolean crashAtPersist() {
    return faulty && random.nextInt(1000) < crashAtPersistPermille;
  }
}
