package io.plumbline.chaos.run;

import io.plumbline.chaos.generator.Context;
import io.plumbline.chaos.generator.Generator;
import io.plumbline.chaos.generator.Generators;
import io.plumbline.chaos.generator.Invocation;
import io.plumbline.chaos.nemesis.FaultApplier;
import io.plumbline.chaos.nemesis.Nemesis;
import io.plumbline.chaos.nemesis.NemesisSchedule;
import io.plumbline.chaos.runtime.ChaosCluster;
import io.plumbline.chaos.workload.Workload;
import io.plumbline.checker.Validity;
import io.plumbline.history.History;
import io.plumbline.history.Op;
import io.plumbline.history.HistoryRecorder;
import io.plumbline.history.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

/**
 * Runs one chaos test (Jepsen's core loop): the workload's generator at the requested rate for the
 * run's duration while the nemesis plays its schedule; then every fault is healed and the final
 * generator runs (the cluster must recover); then the checkers judge the history, and
 * {@link Evidence} says whether the run saw enough (faults as planned, enough work) for a verdict.
 */
public final class ChaosRunner {
  private final List<String> clientUrls;
  private final IntFunction<String> endpointName;
  private final FaultApplier nemesis;
  private final Workload workload;
  private final NemesisSchedule schedule;
  private final RunOptions options;
  private final Consumer<String> progress;
  private final TreeSet<Integer> free = new TreeSet<>();
  private final List<Worker> workers = new ArrayList<>();
  private final Worker.Counters counters = new Worker.Counters();
  private HistoryRecorder recorder;

  /** A run on a store cluster: clients bound to members round-robin, the {@link Nemesis} on the cluster. */
  public ChaosRunner(ChaosCluster cluster, Workload workload, NemesisSchedule schedule, RunOptions options,
      IntSupplier leader, Consumer<String> progress) {
    this(cluster.clientUrls(), i -> "m" + i, new Nemesis(cluster, leader), workload, schedule, options, progress);
  }

  /**
   * A run on any system under test: worker {@code w}'s clients talk to {@code clientUrls[w mod n]},
   * recorded in the history as {@code endpointName(w mod n)}; {@code nemesis} applies the schedule.
   */
  public ChaosRunner(List<String> clientUrls, IntFunction<String> endpointName, FaultApplier nemesis,
      Workload workload, NemesisSchedule schedule, RunOptions options, Consumer<String> progress) {
    this.clientUrls = List.copyOf(clientUrls);
    this.endpointName = endpointName;
    this.nemesis = nemesis;
    this.workload = workload;
    this.schedule = schedule;
    this.options = options;
    this.progress = progress;
  }

  public RunResult run() {
    long origin = System.nanoTime();
    recorder = new HistoryRecorder(origin);
    NemesisDriver driver = new NemesisDriver(schedule, nemesis, recorder);
    SplittableRandom rng = new SplittableRandom(options.seed());
    startWorkers();
    try {
      workload.open(clientUrls, recorder);
      driver.start();
      long phaseNanos = options.duration().toNanos();
      drive(Generators.timeLimit(phaseNanos, Generators.rate(options.ratePerSecond(), workload.generator())), rng,
          driver::progress, () -> false);
      extendUntilEnoughEvidence(phaseNanos, rng, driver);
      driver.stopAndJoin();
      recorder.record("nemesis", OpType.INFO, "heal", null, nemesis.healAll());
      String serving = nemesis.awaitServing(options.recoveryTimeout().toMillis());
      if (!serving.isEmpty()) {
        progress.accept(line(serving));
      }
      progress.accept(line("healed; running final operations"));
      workers.forEach(Worker::resetClient);
      List<Integer> processes = new ArrayList<>();
      workers.forEach(w -> processes.add(w.process()));
      int before = recorder.size();
      List<Integer> roundStarts = finalRounds(processes, rng);
      History history = recorder.history("chaos run seed " + options.seed());
      List<Workload.Verdict> verdicts = new ArrayList<>(checkSafely(history));
      verdicts.add(recovery(history.events(), roundStarts, processes.size()));
      long okInFaultPhase = history.events().subList(0, before).stream()
          .filter(e -> e.isClient() && e.type() == OpType.OK).count();
      verdicts.add(Evidence.judge(schedule.windows(), driver.timeline(), okInFaultPhase,
          workload.minimumOkOperations()));
      return new RunResult(history, driver.timeline(), verdicts, System.nanoTime() - origin);
    } finally {
      driver.stopAndJoin();
      nemesis.healAll();
      workers.forEach(Worker::close);
      workload.close();
    }
  }

  /**
   * A loaded machine can make a run fall short of its evidence in the planned time: a heavy workload
   * (the lock's six requests per increment, its stalls past the lease) finishes fewer operations than
   * its verdict needs, or a slow heal (a killed member's restart) holds the schedule's last faults
   * past the planned end. Then the workload keeps running until it has done enough and every planned
   * fault has been applied and healed, or one more planned duration has passed; {@link Evidence}
   * still judges the count and the faults, so a run that stays short stays unknown.
   */
  private void extendUntilEnoughEvidence(long phaseNanos, SplittableRandom rng, NemesisDriver driver) {
    long minimum = workload.minimumOkOperations();
    BooleanSupplier enough = () -> counters.ok.sum() >= minimum && driver.finished();
    if (enough.getAsBoolean()) {
      return;
    }
    String why = counters.ok.sum() < minimum
        ? counters.ok.sum() + " ok operations of the " + minimum + " needed"
        : "planned faults still to play (" + driver.progress() + ")";
    progress.accept(line(why + ": running on until enough, at most " + TimeUnit.NANOSECONDS.toSeconds(phaseNanos)
        + " s more"));
    drive(Generators.timeLimit(phaseNanos, Generators.rate(options.ratePerSecond(), workload.generator())), rng,
        driver::progress, enough);
  }

  private void startWorkers() {
    List<String> urls = clientUrls;
    for (int i = 0; i < options.concurrency(); i++) {
      workers.add(new Worker(i, options.concurrency(), workload, urls.get(i % urls.size()),
          endpointName.apply(i % urls.size()),
          recorder, this::freed, counters));
      free.add(i);
    }
  }

  private synchronized void freed(int slot) {
    free.add(slot);
    notifyAll();
  }

  /**
   * Asks {@code gen} for operations and hands them to free workers until it is exhausted (or {@code enough}
   * says so) and all are idle.
   */
  private synchronized void drive(Generator gen, SplittableRandom rng, java.util.function.Supplier<String> faults,
      java.util.function.BooleanSupplier enough) {
    long nextProgress = recorder.now() + Progress.EVERY_NANOS;
    Generator g = gen;
    // Each step's random source is fixed until the step is taken: asking again (no free process, an
    // operation not yet due) gives the same answer, so the seed alone fixes the operations.
    long stepSeed = rng.nextLong();
    while (true) {
      long now = recorder.now();
      if (now >= nextProgress) {
        progress.accept(line(faults.get()));
        nextProgress = now + Progress.EVERY_NANOS;
      }
      TreeSet<Integer> freeProcesses = new TreeSet<>();
      free.forEach(s -> freeProcesses.add(workers.get(s).process()));
      Generator.Step step = enough.getAsBoolean() ? null
          : g.next(new Context(now, freeProcesses, new SplittableRandom(stepSeed)));
      if (step == null) {
        break;
      }
      if (step.pending()) {
        waitMillis(10);
        continue;
      }
      Invocation op = step.op();
      if (op.timeNanos() > now) {
        waitMillis(Math.max(1, TimeUnit.NANOSECONDS.toMillis(op.timeNanos() - now)));
        continue; // ask again: the generator is pure, the same context gives the same answer later
      }
      g = step.rest();
      stepSeed = rng.nextLong();
      Worker w = pick(op, rng);
      free.remove(w.slot());
      w.submit(op);
    }
    while (free.size() < workers.size()) {
      waitMillis(100);
    }
  }

  private Worker pick(Invocation op, SplittableRandom rng) {
    if (op.process() != Invocation.ANY) {
      for (Worker w : workers) {
        if (w.process() == op.process()) {
          return w;
        }
      }
    }
    List<Integer> slots = new ArrayList<>(free);
    return workers.get(slots.get(rng.nextInt(slots.size())));
  }

  /** Waits on this monitor: woken early when a worker frees up. */
  private void waitMillis(long ms) {
    try {
      wait(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private String line(String what) {
    return Progress.line(recorder.now(), options.duration().toNanos(), counters.ok.sum(), counters.fail.sum(),
        counters.info.sum(), what);
  }

  private List<Workload.Verdict> checkSafely(History history) {
    try {
      return workload.checkAll(history);
    } catch (RuntimeException e) { // an exception inside a checker is unknown, never valid
      return List.of(new Workload.Verdict(workload.name(), Validity.UNKNOWN, "checker error: " + e, ""));
    }
  }

  /**
   * Final operations after the heal, in rounds: a round gives every process one final operation; a
   * round with any operation not ok (a read that timed out while a client reconnected, on a loaded
   * machine) is followed by another, until one round is all ok or the recovery window ends. A store
   * that never recovers fails every round; one slow first request after the heal is not a lost store.
   *
   * @return the history position at which each round started
   */
  private List<Integer> finalRounds(List<Integer> processes, SplittableRandom rng) {
    long deadline = System.nanoTime() + options.recoveryTimeout().toNanos();
    List<Integer> starts = new ArrayList<>();
    do {
      starts.add(recorder.size());
      long left = deadline - System.nanoTime();
      int round = starts.size();
      drive(Generators.timeLimit(left, workload.finalGenerator(processes)), rng,
          () -> "final operations after the heal, round " + round, () -> false);
    } while (!allOk(recorder.history("final round").events().subList(starts.get(starts.size() - 1),
        recorder.size())) && System.nanoTime() < deadline);
    return starts;
  }

  private static boolean allOk(List<Op> round) {
    long ok = round.stream().filter(e -> e.isClient() && e.type() == OpType.OK).count();
    long invoked = round.stream().filter(e -> e.isClient() && e.type() == OpType.INVOKE).count();
    return invoked > 0 && ok == invoked;
  }

  /**
   * Recovery: after the heal, within the recovery window, a round of final operations (one per
   * process) completes with every operation ok. Judged on the last round; earlier rounds are named.
   */
  static Workload.Verdict recovery(List<Op> events, List<Integer> roundStarts, int processes) {
    StringBuilder earlier = new StringBuilder();
    boolean valid = false;
    String last = "no final operations";
    for (int r = 0; r < roundStarts.size(); r++) {
      int end = r + 1 < roundStarts.size() ? roundStarts.get(r + 1) : events.size();
      List<Op> round = events.subList(roundStarts.get(r), end);
      long ok = round.stream().filter(e -> e.isClient() && e.type() == OpType.OK).count();
      long invoked = round.stream().filter(e -> e.isClient() && e.type() == OpType.INVOKE).count();
      last = ok + " of " + invoked + " final operations ok after the heal (" + processes + " processes)";
      valid = invoked > 0 && ok == invoked;
      if (r + 1 < roundStarts.size()) {
        earlier.append(earlier.length() == 0 ? "" : ", ").append(ok).append('/').append(invoked);
      }
    }
    String detail = earlier.length() == 0 ? last : last + " in round " + roundStarts.size()
        + " (earlier rounds: " + earlier + ")";
    return new Workload.Verdict("recovery", valid ? Validity.TRUE : Validity.FALSE, detail, "");
  }
}
