package io.plumbline.raft.trace;

import io.plumbline.raft.InjectedBug;
import io.plumbline.raft.sim.SimOptions;
import io.plumbline.raft.sim.SimResult;
import io.plumbline.raft.sim.Simulation;
import io.plumbline.spec.tlc.TlcLauncher;
import io.plumbline.spec.trace.TraceFile;
import io.plumbline.spec.trace.TraceFileReader;
import io.plumbline.spec.trace.TraceValidator;
import io.plumbline.spec.trace.TraceVerdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Test helper: simulation runs in the spec profile that write traces, and their validation. */
final class SimulationTraces {
  private SimulationTraces() {}

  /** A traced run of one seed and where its trace went. */
  record Run(SimResult result, Path trace) {}

  /** Runs {@code seed} (3 members, spec profile) with {@code bugs}, tracing into {@code dir}. */
  static Run simulate(Path dir, long seed, int ticks, Set<InjectedBug> bugs) {
    Path file = dir.resolve("seed-" + seed + (bugs.isEmpty() ? "" : "-" + bugs) + ".ndjson");
    try (NdjsonTraceWriter writer = new NdjsonTraceWriter(file)) {
      SimResult r = new Simulation(SimOptions.of(seed, 3, ticks).forTraceValidation()
          .withBugs(bugs).withTrace(writer)).run();
      return new Run(r, file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Validates the traces with TLC in one run (more if some are invalid). */
  static List<TraceVerdict> validate(List<Path> traces) {
    List<TraceFile> files = traces.stream().map(TraceFileReader::read).toList();
    return new TraceValidator(raftSpecDir(), new TlcLauncher(2, "2g"), System.out::println)
        .validate(files);
  }

  /** {@code <repo>/spec/raft} (surefire sets plumbline.root; else two levels above the module). */
  static Path raftSpecDir() {
    String root = System.getProperty("plumbline.root");
    Path base = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent().getParent();
    return base.resolve("spec").resolve("raft");
  }
}
