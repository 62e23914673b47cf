package io.plumbline.raft.mbt;

import io.plumbline.spec.tlc.ChildProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs TLC (as a child JVM, started by the spec module's ChildProcesses) to produce what the
 * model-based tests replay: a state graph dump or a directory of simulation traces. Output goes to
 * {@code workDir}; TLC's log to {@code workDir/tlc.log}.
 */
final class TlcRun {
  private TlcRun() {}

  /**
   * Dumps the whole state graph of {@code module}/{@code config}; returns the dot file. One worker,
   * so the dump's order, and with it the walks, are the same on every run.
   */
  static Path dumpGraph(Path module, Path config, Path workDir) throws IOException, InterruptedException {
    Path dot = workDir.resolve("graph");
    run(module, config, workDir, List.of("-workers", "1", "-dump", "dot,actionlabels", dot.toString()));
    return workDir.resolve("graph.dot");
  }

  /** Writes {@code traces} random behaviours of at most {@code depth} states; returns the files. */
  static List<Path> simulate(Path module, Path config, Path workDir, int traces, int depth, long seed)
      throws IOException, InterruptedException {
    Path dir = Files.createDirectories(workDir.resolve("traces"));
    run(module, config, workDir, List.of("-workers", "1", "-simulate",
        "file=" + dir.resolve("trace") + ",num=" + traces, "-depth", Integer.toString(depth),
        "-seed", Long.toString(seed)));
    try (var files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  private static void run(Path module, Path config, Path workDir, List<String> args)
      throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    List<String> tlc = new ArrayList<>(List.of("-metadir", workDir.resolve("states").toString()));
    tlc.addAll(args);
    tlc.addAll(List.of("-config", config.toAbsolutePath().toString(), module.toAbsolutePath().toString()));
    List<String> cmd = ChildProcesses.command(
        List.of("-XX:+UseParallelGC", "-Xmx2g", "-Djava.io.tmpdir=" + workDir), "tlc2.TLC", tlc);
    Path log = workDir.resolve("tlc.log");
    // Through ChildProcesses: TLC dies with this JVM (SIGTERM or SIGKILL of surefire's fork).
    Process p = ChildProcesses.start(new ProcessBuilder(cmd).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()));
    try {
      if (!p.waitFor(20, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException("TLC failed (exit " + (p.isAlive() ? "timeout" : p.exitValue())
            + "), see " + log + ":\n" + tail(log));
      }
    } finally {
      p.destroyForcibly();
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
  }
}
