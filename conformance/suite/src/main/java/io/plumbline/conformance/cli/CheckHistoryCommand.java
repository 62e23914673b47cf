package io.plumbline.conformance.cli;

import io.plumbline.common.cli.Durations;
import io.plumbline.checker.Budget;
import io.plumbline.checker.CheckResult;
import io.plumbline.checker.LinearizabilityChecker;
import io.plumbline.checker.Model;
import io.plumbline.checker.Validity;
import io.plumbline.checker.model.Models;
import io.plumbline.checker.report.Reports;
import io.plumbline.common.UserError;
import io.plumbline.history.History;
import io.plumbline.history.HistoryFormat;
import io.plumbline.history.HistoryReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code check-history FILE…}: reads each history, checks it for linearizability and prints one
 * row per file and a total. Exit 0 all valid, 1 any invalid, 3 any unknown, 2 usage/input error.
 */
@Command(
    name = "check-history",
    mixinStandardHelpOptions = true,
    description = {"Check recorded histories for linearizability (Wing-Gong-Lowe search, split per key where the model allows).",
        "Formats: jsonl, edn (Jepsen/Knossos), porcupine-etcd, porcupine-kv; detected from the first line."},
    footer = {"", "Exit codes: 0 all valid, 1 any invalid, 3 any unknown (and none invalid), 2 usage or input error."})
public final class CheckHistoryCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "History files.")
  List<Path> files = new ArrayList<>();

  @Option(names = "--model", paramLabel = "NAME",
      description = "register, cas-register, etcd, kv, mutex or multi-register (default: implied by the file).")
  String model;

  @Option(names = "--init", paramLabel = "V", description = "Initial value: nil, 0, \"a\", {\"x\":0} or EDN {:x 0}.")
  String init;

  @Option(names = "--format", paramLabel = "FMT", description = "jsonl, edn, porcupine-etcd or porcupine-kv (default: detect).")
  String format;

  @Option(names = "--report", paramLabel = "DIR", description = "Write DIR/<file>.json for every file and DIR/<file>.html for invalid ones.")
  Path reportDir;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s",
      description = "Budget per file; past it the verdict is unknown (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(names = "--bench", description = "Benchmark instead: warm up, then time each file's check repeatedly and sum the medians.")
  boolean bench;

  @Option(names = "--rounds", paramLabel = "N", defaultValue = "10", description = "Timed rounds per file with --bench (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Override
  public Integer call() {
    HistoryFormat fmt = format == null ? null : HistoryFormat.fromCliName(format);
    if (format != null && fmt == null) {
      throw new UserError("--format: unknown format '" + format + "'; expected jsonl, edn, porcupine-etcd or porcupine-kv");
    }
    if (model != null && !Models.NAMES.contains(model)) {
      throw new UserError("--model: unknown model '" + model + "'; expected one of " + String.join(", ", Models.NAMES));
    }
    if (rounds < 1) {
      throw new UserError("--rounds: expected a positive number, got " + rounds);
    }
    Budget budget = Budget.ofTimeout(Durations.parse("--timeout", timeout));
    Object initial = init == null ? null : CliValues.initValue(init);
    PrintWriter out = spec.commandLine().getOut();
    List<Input> inputs = new ArrayList<>();
    for (Path f : files) {
      inputs.add(read(f, fmt));
    }
    if (bench) {
      new Bench(out, rounds).run(inputs, in -> modelFor(in, initial), budget);
      return 0;
    }
    return checkAll(inputs, initial, budget, out);
  }

  /** A file read and parsed, with the format it was read as. */
  record Input(Path file, History history, HistoryFormat format) {}

  private static Input read(Path f, HistoryFormat fmt) {
    if (!Files.isRegularFile(f)) {
      throw new UserError(f + ": no such file");
    }
    try {
      HistoryFormat actual = fmt != null ? fmt : HistoryReader.detect(f.toString(), Files.readString(f));
      History h = HistoryReader.read(f, actual);
      h.operations(); // pairing errors are input errors: report them before any checking
      return new Input(f, h, actual);
    } catch (java.io.IOException e) {
      throw new UserError(f + ": cannot read: " + e.getMessage());
    }
  }

  private Model<?> modelFor(Input in, Object initial) {
    return model != null ? Models.create(model, initial) : Models.infer(in.history(), in.format(), initial);
  }

  /** Checks files concurrently (one per core), printing rows in the order given as results arrive. */
  private int checkAll(List<Input> inputs, Object initial, Budget budget, PrintWriter out) {
    ResultTable table = new ResultTable(out, inputs.stream().map(i -> i.file().toString()).toList());
    table.header();
    Validity overall = Validity.TRUE;
    ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
      Thread t = new Thread(r, "check-history");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<CheckResult>> results = new ArrayList<>();
      for (Input in : inputs) {
        Model<?> m = modelFor(in, initial);
        results.add(pool.submit(() -> LinearizabilityChecker.check(in.history(), m, budget)));
      }
      for (int i = 0; i < inputs.size(); i++) {
        CheckResult r = await(results.get(i));
        table.row(inputs.get(i).file().toString(), r);
        overall = overall.and(r.validity());
        if (reportDir != null) {
          Reports.write(reportDir, inputs.get(i).file(), r);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    table.total();
    if (reportDir != null) {
      out.println("reports: " + reportDir);
    }
    out.flush();
    return switch (overall) {
      case TRUE -> 0;
      case FALSE -> 1;
      case UNKNOWN -> 3;
    };
  }

  private static CheckResult await(Future<CheckResult> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r; // e.g. a MalformedHistoryException: the CLI turns it into one line and exit 2
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
