package io.plumbline.chaos.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Jepsen-style combinators over immutable {@link Generator}s. */
public final class Generators {
  private Generators() {}

  /** Makes one operation from the context (its seeded random source and time). */
  @FunctionalInterface
  public interface OpMaker {
    Invocation make(Context ctx);
  }

  /** Endless operations from {@code maker}, each on any free process at the current time. */
  public static Generator repeat(OpMaker maker) {
    return new Generator() {
      @Override
      public Step next(Context ctx) {
        if (ctx.free().isEmpty()) {
          return new Step(null, this);
        }
        Invocation op = maker.make(ctx);
        return new Step(op.at(Math.max(op.timeNanos(), ctx.timeNanos())), this);
      }
    };
  }

  /** Exactly {@code op} once. */
  public static Generator once(Invocation op) {
    return ctx -> ctx.free().isEmpty() ? new Generator.Step(null, once(op))
        : new Generator.Step(op.at(Math.max(op.timeNanos(), ctx.timeNanos())), exhausted());
  }

  /** A generator with nothing left. */
  public static Generator exhausted() {
    return ctx -> null;
  }

  /** Each step takes an operation from a randomly chosen member of {@code gens}; ends when all end. */
  public static Generator mix(List<Generator> gens) {
    List<Generator> live = List.copyOf(gens);
    return ctx -> {
      if (live.isEmpty()) {
        return null;
      }
      int i = ctx.rng().nextInt(live.size());
      Generator.Step s = live.get(i).next(ctx);
      List<Generator> next = new ArrayList<>(live);
      if (s == null) {
        next.remove(i);
        return mix(next).next(ctx);
      }
      next.set(i, s.rest());
      return new Generator.Step(s.op(), mix(next));
    };
  }

  /**
   * Spaces operations by random gaps uniform in [0, 2·mean) (Jepsen's {@code stagger}): about
   * 1/mean operations per second over all processes.
   */
  public static Generator stagger(long meanGapNanos, Generator gen) {
    return stagger(meanGapNanos, gen, Long.MIN_VALUE);
  }

  /** {@link #stagger} set for {@code opsPerSecond} in total. */
  public static Generator rate(double opsPerSecond, Generator gen) {
    return stagger(Math.round(1e9 / opsPerSecond), gen);
  }

  private static Generator stagger(long mean, Generator gen, long nextAt) {
    return ctx -> {
      Generator.Step s = gen.next(ctx);
      if (s == null || s.pending()) {
        return s == null ? null : new Generator.Step(null, stagger(mean, s.rest(), nextAt));
      }
      long at = Math.max(s.op().timeNanos(), nextAt == Long.MIN_VALUE ? ctx.timeNanos() : nextAt);
      long gap = mean <= 0 ? 0 : ctx.rng().nextLong(2 * mean);
      return new Generator.Step(s.op().at(at), stagger(mean, s.rest(), at + gap));
    };
  }

  /** Passes operations of {@code gen} until {@code limitNanos} after its first use; then exhausted. */
  public static Generator timeLimit(long limitNanos, Generator gen) {
    return ctx -> timeLimitFrom(ctx.timeNanos() + limitNanos, gen).next(ctx);
  }

  private static Generator timeLimitFrom(long deadline, Generator gen) {
    return ctx -> {
      if (ctx.timeNanos() >= deadline) {
        return null;
      }
      Generator.Step s = gen.next(ctx);
      if (s == null || (!s.pending() && s.op().timeNanos() >= deadline)) {
        return null;
      }
      return new Generator.Step(s.op(), timeLimitFrom(deadline, s.rest()));
    };
  }

  /** At most {@code n} operations from {@code gen}. */
  public static Generator limit(int n, Generator gen) {
    return ctx -> {
      if (n <= 0) {
        return null;
      }
      Generator.Step s = gen.next(ctx);
      if (s == null) {
        return null;
      }
      return new Generator.Step(s.op(), limit(s.pending() ? n : n - 1, s.rest()));
    };
  }

  /** Runs {@code gens} one after the other: the next starts when the previous is exhausted. */
  public static Generator then(List<Generator> gens) {
    return ctx -> {
      for (int i = 0; i < gens.size(); i++) {
        Generator.Step s = gens.get(i).next(ctx);
        if (s != null) {
          List<Generator> rest = new ArrayList<>(gens.subList(i, gens.size()));
          rest.set(0, s.rest());
          return new Generator.Step(s.op(), then(rest));
        }
      }
      return null;
    };
  }

  /** Operations of {@code gen} go only to {@code processes}. */
  public static Generator onProcesses(Set<Integer> processes, Generator gen) {
    Set<Integer> allowed = Set.copyOf(processes);
    return ctx -> {
      Context c = ctx.restrict(allowed);
      Generator.Step s = gen.next(c);
      if (s == null) {
        return null;
      }
      if (s.pending()) {
        return new Generator.Step(null, onProcesses(allowed, s.rest()));
      }
      int p = s.op().process() == Invocation.ANY ? c.free().first() : s.op().process();
      return new Generator.Step(s.op().on(p), onProcesses(allowed, s.rest()));
    };
  }

  /**
   * An independent copy of a generator per process (Jepsen's {@code each-thread}): process p
   * receives the operations of {@code perProcess.apply(p)}, in order; ends when every copy ends.
   */
  public static Generator eachProcess(Set<Integer> processes, Function<Integer, Generator> perProcess) {
    List<Generator> parts = new ArrayList<>();
    for (int p : new java.util.TreeSet<>(processes)) {
      parts.add(onProcesses(Set.of(p), perProcess.apply(p)));
    }
    return all(parts);
  }

  /** Asks every live part in turn, taking the earliest operation; ends when all parts end. */
  private static Generator all(List<Generator> parts) {
    return ctx -> {
      List<Generator> next = new ArrayList<>();
      Invocation best = null;
      int bestIndex = -1;
      List<Generator.Step> steps = new ArrayList<>();
      for (Generator g : parts) {
        Generator.Step s = g.next(ctx);
        steps.add(s);
        if (s != null && !s.pending() && (best == null || s.op().timeNanos() < best.timeNanos())) {
          best = s.op();
          bestIndex = steps.size() - 1;
        }
      }
      for (int i = 0; i < parts.size(); i++) {
        Generator.Step s = steps.get(i);
        if (s != null) {
          next.add(i == bestIndex ? s.rest() : parts.get(i)); // unused answers are asked again later
        }
      }
      if (next.isEmpty()) {
        return null;
      }
      return new Generator.Step(best, all(next));
    };
  }
}
