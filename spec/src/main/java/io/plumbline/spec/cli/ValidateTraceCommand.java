package io.plumbline.spec.cli;

import io.plumbline.common.UserError;
import io.plumbline.spec.tlc.TlcLauncher;
import io.plumbline.spec.trace.TraceFile;
import io.plumbline.spec.trace.TraceFileReader;
import io.plumbline.spec.trace.TraceReportJson;
import io.plumbline.spec.trace.TraceValidator;
import io.plumbline.spec.trace.TraceVerdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code plumbline spec validate-trace FILE...}: is each NDJSON trace a behaviour of EtcdRaft? */
@Command(
    name = "validate-trace",
    mixinStandardHelpOptions = true,
    description = "Check with TLC that NDJSON Raft traces (format: spec/raft/README.md) are "
        + "behaviours of EtcdRaft.tla. Exit 0: all valid, 1: some invalid, 2: bad input.")
public final class ValidateTraceCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", arity = "1..*", description = "NDJSON trace files.")
  List<Path> files;

  @Option(names = "--json", paramLabel = "OUT", description = "Also write the verdicts as JSON to OUT.")
  Path json;

  @Option(names = "--spec-dir", paramLabel = "DIR",
      description = "The spec directory (default: <repo>/spec).")
  Path specDir;

  @Option(names = "--tlc-heap", paramLabel = "SIZE", defaultValue = "2g",
      description = "Maximum heap of the TLC process (default: ${DEFAULT-VALUE}).")
  String tlcHeap;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (!tlcHeap.matches("\\d+[mMgG]")) {
      throw new UserError("--tlc-heap: must be a size like 512m or 2g, found '" + tlcHeap + "'");
    }
    Path raft = SpecPaths.specDir(specDir).resolve("raft");
    if (!Files.isRegularFile(raft.resolve("TraceEtcdRaft.tla"))) {
      throw new UserError("--spec-dir: no raft/TraceEtcdRaft.tla under " + SpecPaths.specDir(specDir));
    }
    List<TraceFile> traces = files.stream().map(TraceFileReader::read).toList();
    PrintWriter out = spec.commandLine().getOut();
    long start = System.nanoTime();
    List<TraceVerdict> verdicts;
    try {
      verdicts = new TraceValidator(raft, new TlcLauncher(2, tlcHeap), line -> {
        out.println(line);
        out.flush();
      }).validate(traces);
    } catch (IllegalStateException e) {
      throw new UserError(e.getMessage().lines().findFirst().orElse("TLC failed"));
    }
    verdicts.forEach(v -> print(out, v));
    long invalid = verdicts.stream().filter(v -> !v.valid()).count();
    out.printf("%d trace(s): %d valid, %d invalid (%.1f s)%n", verdicts.size(),
        verdicts.size() - invalid, invalid, (System.nanoTime() - start) / 1e9);
    writeJson(out, verdicts);
    out.flush();
    return invalid == 0 ? 0 : 1;
  }

  private static void print(PrintWriter out, TraceVerdict v) {
    String file = SpecPaths.display(v.file());
    if (v.valid()) {
      out.printf("valid    %s (%d events)%n", file, v.events());
      return;
    }
    TraceVerdict.Unexplained u = v.failure();
    out.printf("invalid  %s (%d events): event %d (line %d) %s is not explained%n", file,
        v.events(), u.index(), u.line(), u.event());
    out.println("    event:  " + u.summary());
    out.println("    why:    " + u.reason());
    out.println("    before: " + u.before());
    if (u.expected() != null) {
      out.println("    spec:   " + u.expected());
    }
    out.println("    trace:  " + u.actual());
  }

  private void writeJson(PrintWriter out, List<TraceVerdict> verdicts) {
    if (json == null) {
      return;
    }
    try {
      Files.writeString(json, TraceReportJson.render(verdicts));
      out.println("report: " + json);
    } catch (IOException e) {
      throw new UserError("--json: cannot write " + json + ": " + e.getMessage());
    }
  }
}
