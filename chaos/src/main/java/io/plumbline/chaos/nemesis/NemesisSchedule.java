package io.plumbline.chaos.nemesis;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A nemesis schedule as a pure function of (seed, fault kinds, cluster size, duration): quiet gaps
 * alternate with one fault window at a time, each of a random enabled kind. The same inputs give
 * the same schedule, so any run can be replayed from its seed. Every window ends (is healed) before
 * the run's duration is over, leaving time for the cluster to recover before the final reads.
 *
 * @param windows the faults in start order, non-overlapping
 */
public record NemesisSchedule(List<FaultWindow> windows) {
  /** Bounds of the random timing, in ms. */
  public record Timing(long quietMinMs, long quietMaxMs, long faultMinMs, long faultMaxMs) {
    /** 2–5 s quiet, 3–8 s faulty: several faults per 30 s, long enough for elections. */
    public static Timing standard() {
      return new Timing(2_000, 5_000, 3_000, 8_000);
    }
  }

  private static final List<String> PARTITION_SHAPES = List.of("halves", "minority", "isolate", "bridge", "ring");

  public NemesisSchedule {
    windows = List.copyOf(windows);
  }

  /** Builds the schedule; {@code kinds} empty gives an empty schedule (no faults). */
  public static NemesisSchedule generate(long seed, List<FaultKind> kinds, int members, long durationMs, Timing t) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<FaultWindow> out = new ArrayList<>();
    long now = between(rng, t.quietMinMs(), t.quietMaxMs());
    while (!kinds.isEmpty()) {
      long length = between(rng, t.faultMinMs(), t.faultMaxMs());
      if (now + length > durationMs) {
        break;
      }
      FaultKind kind = kinds.get(rng.nextInt(kinds.size()));
      out.add(window(kind, now, length, members, rng));
      now += length + between(rng, t.quietMinMs(), t.quietMaxMs());
    }
    return new NemesisSchedule(out);
  }

  private static FaultWindow window(FaultKind kind, long start, long length, int members, SplittableRandom rng) {
    boolean leader = rng.nextInt(3) == 0; // a third of targeted faults hit the leader
    long planSeed = rng.nextLong();
    return switch (kind) {
      case PARTITION -> {
        String shape = PARTITION_SHAPES.get(rng.nextInt(members >= 3 ? PARTITION_SHAPES.size() : 3));
        boolean isolate = shape.equals("isolate");
        yield new FaultWindow(kind, start, length, shape,
            isolate && !leader ? List.of(rng.nextInt(members)) : List.of(), isolate && leader, planSeed);
      }
      case KILL, PAUSE, CLIENTS -> new FaultWindow(kind, start, length, "members",
          leader ? List.of() : minority(members, rng), leader, planSeed);
      case CLOCK -> new FaultWindow(kind, start, length, "skew", leader ? List.of() : List.of(rng.nextInt(members)),
          leader, planSeed);
    };
  }

  /** One member, or (a third of the time, n ≥ 5) two distinct members. Never a majority. */
  private static List<Integer> minority(int members, SplittableRandom rng) {
    int first = rng.nextInt(members);
    if (members >= 5 && rng.nextInt(3) == 0) {
      int second = (first + 1 + rng.nextInt(members - 1)) % members;
      return List.of(first, second);
    }
    return List.of(first);
  }

  private static long between(SplittableRandom rng, long min, long max) {
    return max <= min ? min : rng.nextLong(min, max + 1);
  }
}
