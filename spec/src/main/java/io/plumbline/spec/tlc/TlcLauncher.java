package io.plumbline.spec.tlc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs TLC on one model as a child JVM and interprets its {@code -tool} output.
 *
 * <p>TLC runs in a fresh temporary directory (working directory, {@code -metadir}, and
 * {@code java.io.tmpdir}, where TLC unpacks its standard modules), deleted afterwards, so nothing is
 * left in {@code spec/}. The child dies with this JVM ({@link ChildProcesses}: a shutdown hook for
 * SIGTERM and Ctrl-C, a stdin watcher in the child for SIGKILL); a second hook removes the
 * scratch directory.
 *
 * <p>With a time limit (for deep models that are not meant to finish), the child is stopped when
 * the limit is reached and the run ends as {@link TlcRunResult.Outcome#TIME_LIMIT}, with the
 * counts TLC had reached, read live over JMX just before stopping it.
 *
 * <p>With coverage on, TLC also reports its action coverage ({@code -coverage 1}: every minute
 * and at the end), which {@link TlcRunResult#coverage()} carries, so a caller can tell which
 * actions never fired.
 *
 * @param workers TLC worker threads
 * @param heap the child's maximum heap, as for {@code -Xmx} (e.g. "2g")
 * @param timeLimit when to stop TLC, if ever
 * @param coverage whether TLC collects and reports action coverage
 * @param simulation a random simulation instead of exhaustive model checking, if present (one
 *     worker then, see {@link Simulation})
 * @param shortRun whether the run is expected to end early (at an expected violation), so the child
 *     JVM compiles with C1 only ({@code -XX:TieredStopAtLevel=1}, see {@link #forShortRun()})
 */
public record TlcLauncher(int workers, String heap, Optional<Duration> timeLimit, boolean coverage,
    Optional<Simulation> simulation, boolean shortRun) {

  /** A launcher that checks exhaustively. */
  public TlcLauncher(int workers, String heap, Optional<Duration> timeLimit, boolean coverage) {
    this(workers, heap, timeLimit, coverage, Optional.empty(), false);
  }

  /** A launcher without a time limit and without coverage. */
  public TlcLauncher(int workers, String heap) {
    this(workers, heap, Optional.empty());
  }

  /** A launcher without coverage. */
  public TlcLauncher(int workers, String heap, Optional<Duration> timeLimit) {
    this(workers, heap, timeLimit, false);
  }

  /**
   * The same launcher with action coverage on, and one worker. TLC credits a new state to the
   * action of the worker that inserts it first, so with several workers a state two actions reach
   * goes to either: an action whose every new state another action can also reach (e.g.
   * Step_DropStaleMessage in MCEtcdRaftUpToDate, 36 distinct states with one worker) was once
   * credited with none under two workers at high load, and the model came out VACUOUS. With one
   * worker the search order, and so the coverage the vacuity check judges, is the same every run.
   */
  public TlcLauncher withCoverage() {
    return new TlcLauncher(1, heap, timeLimit, true, simulation, shortRun);
  }

  /** The same launcher running {@code run} as a random simulation (one worker, no coverage). */
  public TlcLauncher withSimulation(Simulation run) {
    return new TlcLauncher(1, heap, timeLimit, false, Optional.of(run), shortRun);
  }

  /**
   * The same launcher for a run expected to stop early, at a violation: its JVM compiles with C1
   * only. C2's compilations of SANY and of TLC's evaluator cost more CPU than a short run wins back
   * from them; C1's code is slower per state, which only a long run feels. CPU-s of the direct TLC
   * run ({@code /usr/bin/time}, 2 workers, same load, alternating; spec/README.md has the commands):
   * MCEtcdRaftDebugLeader 2.9 with C2, 1.7 with C1; MCEtcdRaftStaleResponse (24,824 states
   * generated) 12.8 and 5.3; but MCEtcdRaftAsyncPersist (519,083 generated, 1 worker) 42.3 and
   * 40.3, so a run through millions of states is left to C2.
   */
  public TlcLauncher forShortRun() {
    return new TlcLauncher(workers, heap, timeLimit, coverage, simulation, true);
  }

  /** Called once the child runs (e.g. to attach a live statistics reader to its pid). */
  public interface Observer {
    /** The child has started. */
    default void started(Process process) {}

    /** TLC reported its periodic progress. */
    default void progress(TlcProgress progress) {}
  }

  /** Runs TLC on {@code module} with {@code config} and returns what it found. */
  public TlcRunResult run(Path module, Path config, Observer observer) {
    return run(module, config, observer, message -> { });
  }

  /**
   * As {@link #run(Path, Path, Observer)}, also handing every TLC message to {@code tap} as it
   * arrives (e.g. to read what the spec printed with PrintT).
   */
  public TlcRunResult run(Path module, Path config, Observer observer, Consumer<TlcMessage> tap) {
    Path scratch = createScratch();
    Process process = null;
    Thread hook = null;
    try {
      Optional<InBoundsInvariants> inBounds = simulation.isPresent() ? Optional.empty()
          : InBoundsInvariants.of(Files.readString(config), moduleName(module));
      List<String> command;
      if (inBounds.isPresent()) {
        Path wrapper = scratch.resolve(InBoundsInvariants.MODULE + ".tla");
        Path wrapperConfig = scratch.resolve(InBoundsInvariants.MODULE + ".cfg");
        Files.writeString(wrapper, inBounds.get().module());
        Files.writeString(wrapperConfig, inBounds.get().config());
        command = command(wrapper, wrapperConfig, scratch, Optional.of(module.toAbsolutePath().getParent()));
      } else {
        command = command(module, config, scratch, Optional.empty());
      }
      process = ChildProcesses.start(new ProcessBuilder(command)
          .directory(scratch.toFile())
          .redirectErrorStream(true));
      hook = cleanUpOnExit(process, scratch);
      observer.started(process);
      TlcResultCollector collector = new TlcResultCollector(observer::progress, simulation.isPresent());
      AtomicReference<TlcProgress> stoppedAt = new AtomicReference<>();
      ScheduledExecutorService timer = stopAtTimeLimit(process, stoppedAt);
      try {
        readOutput(process, new TlcMessageReader(collector.andThen(tap)));
        int exitCode = process.waitFor();
        TlcRunResult result = stoppedAt.get() != null ? collector.stoppedAtTimeLimit(stoppedAt.get())
            : collector.result(exitCode);
        return inBounds.isEmpty() ? result
            : result.withViolated(InBoundsInvariants.originalName(result.violated()));
      } finally {
        if (timer != null) {
          timer.shutdownNow();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run TLC", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new TlcRunResult(TlcRunResult.Outcome.ERROR, "", "interrupted", TlcProgress.NONE, List.of());
    } finally {
      if (process != null && process.isAlive()) {
        process.destroyForcibly();
      }
      removeHook(hook);
      deleteRecursively(scratch);
    }
  }

  /**
   * With a time limit, a timer that reads the child's counts over JMX and then stops it; the
   * counts go to {@code stoppedAt}, which also tells the caller the limit was reached.
   */
  private ScheduledExecutorService stopAtTimeLimit(
      Process child, AtomicReference<TlcProgress> stoppedAt) {
    if (timeLimit.isEmpty()) {
      return null;
    }
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tlc-time-limit");
      t.setDaemon(true);
      return t;
    });
    timer.schedule(() -> {
      if (!child.isAlive()) {
        return; // it finished on its own just in time
      }
      TlcProgress last = LiveTlcStats.attach(child.pid()).flatMap(stats -> {
        try (stats) {
          return stats.read();
        }
      }).orElse(TlcProgress.NONE);
      stoppedAt.set(last);
      // Through the handle: Process.destroy() also closes the child's streams, and the thread
      // reading TLC's output would then fail with "Stream closed" instead of reading to the end.
      child.toHandle().destroy();
    }, timeLimit.get().toMillis(), TimeUnit.MILLISECONDS);
    return timer;
  }

  /**
   * The child's command line: TLC (under {@link DieWithParent}) with machine-readable output in
   * the scratch directory.
   */
  List<String> command(Path module, Path config, Path scratch) {
    return command(module, config, scratch, Optional.empty());
  }

  /** As {@link #command(Path, Path, Path)}, with {@code library} searched for modules too. */
  private List<String> command(Path module, Path config, Path scratch, Optional<Path> library) {
    List<String> jvm = new ArrayList<>(List.of("-XX:+UseParallelGC", "-Xmx" + heap));
    if (shortRun) {
      jvm.add("-XX:TieredStopAtLevel=1");
    }
    jvm.add("-Djava.io.tmpdir=" + scratch);
    // The generated InBoundsInvariants module lives in the scratch directory and extends the
    // model's module, which SANY then finds here.
    library.ifPresent(dir -> jvm.add("-DTLA-Library=" + dir));
    // Removed by the child itself if this JVM dies by SIGKILL (no hook of ours runs then).
    jvm.add("-D" + DieWithParent.SCRATCH_PROPERTY + "=" + scratch);
    List<String> tlc = new ArrayList<>(List.of("-tool", "-workers", Integer.toString(workers),
        "-metadir", scratch.resolve("states").toString()));
    simulation.ifPresent(s -> tlc.addAll(s.tlcArguments()));
    if (coverage) {
      // Every minute, so a run stopped at its time limit still has a recent report.
      tlc.addAll(List.of("-coverage", "1"));
    }
    tlc.addAll(List.of("-config", config.toAbsolutePath().toString(),
        module.toAbsolutePath().toString()));
    return ChildProcesses.command(jvm, "tlc2.TLC", tlc);
  }

  /**
   * Ctrl-C or SIGTERM ends this JVM through its shutdown hooks, without running our finally
   * blocks: take the TLC child down (as ChildProcesses' own hook does, whichever runs first) and
   * remove its scratch directory there.
   */
  private static Thread cleanUpOnExit(Process child, Path scratch) {
    Thread hook = new Thread(() -> {
      ChildProcesses.stop(child);
      deleteRecursively(scratch);
    }, "tlc-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  private static void removeHook(Thread hook) {
    if (hook == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already exiting; the hook runs anyway.
    }
  }

  /** The TLA+ module name of {@code module} (its file name without {@code .tla}). */
  private static String moduleName(Path module) {
    String file = module.getFileName().toString();
    return file.endsWith(".tla") ? file.substring(0, file.length() - 4) : file;
  }

  private static void readOutput(Process process, TlcMessageReader reader) throws IOException {
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        reader.accept(line);
      }
    }
    reader.finish();
  }

  private static Path createScratch() {
    try {
      return Files.createTempDirectory("plumbline-tlc-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for TLC", e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // Best effort (the Ctrl-C hook may be deleting it at the same time); a leftover is harmless.
    }
  }
}
