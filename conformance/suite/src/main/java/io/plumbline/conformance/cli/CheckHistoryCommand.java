package io.plumbline.conformance.cli;

import io.plumbline.checker.Budget;
import io.plumbline.checker.LinearizabilityChecker;
import io.plumbline.checker.Model;
import io.plumbline.checker.Validity;
import io.plumbline.checker.model.Models;
import io.plumbline.checker.report.Reports;
import io.plumbline.common.UserError;
import io.plumbline.history.HistoryFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code check-history FILE…}: reads each history, checks it for linearizability and prints one
 * row per file and a total. A file that cannot be read or parsed gets its own error line and the
 * others still get their verdicts. Exit 2 when any file had an input error (or on a usage error),
 * else 0 all valid, 1 any invalid, 3 any unknown.
 */
@Command(
    name = "check-history",
    mixinStandardHelpOptions = true,
    description = {"Check recorded histories for linearizability (Wing-Gong-Lowe search, split per key where the model allows).",
        "Formats: jsonl, edn (Jepsen/Knossos), porcupine-etcd, porcupine-kv; detected from the first line."},
    footer = {"", "Exit codes: 0 all valid, 1 any invalid, 3 any unknown (and none invalid), 2 usage error or any file unreadable or malformed."})
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

  @Option(names = "--strict", description = "Refuse empty files (by default an empty file is an empty history: valid, 0 operations).")
  boolean strict;

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
    Budget budget = Budget.ofTimeout(CliValues.duration("--timeout", timeout));
    Object initial = init == null ? null : CliValues.initValue(init);
    if (model != null) {
      Models.create(model, initial); // a flag combination no file can use is a usage error, reported once
    }
    PrintWriter out = spec.commandLine().getOut();
    if (bench) {
      return benchmark(fmt, initial, budget, out);
    }
    return checkAll(fmt, initial, budget, out);
  }

  private Model<?> modelFor(HistoryInput in, Object initial) {
    return model != null ? Models.create(model, initial) : Models.infer(in.history(), in.format(), initial);
  }

  /** Reads and checks one file; an input error becomes that file's verdict, never the batch's end. */
  private FileVerdict checkOne(Path file, HistoryFormat fmt, Object initial, Budget budget) {
    try {
      HistoryInput in = HistoryInput.read(file, fmt, strict);
      return FileVerdict.checked(in, LinearizabilityChecker.check(in.history(), modelFor(in, initial), budget));
    } catch (UserError e) {
      return FileVerdict.failed(file, e.getMessage());
    } catch (RuntimeException e) { // a reader bug must not hide the other files' verdicts either
      return FileVerdict.failed(file, file + ": cannot read: " + e);
    }
  }

  /**
   * Reads and checks files concurrently (one per core), printing rows in the order given as results
   * arrive. Exit code: 2 when any file had an input error, else the combined verdict's.
   */
  private int checkAll(HistoryFormat fmt, Object initial, Budget budget, PrintWriter out) {
    ResultTable table = new ResultTable(out, files.stream().map(Path::toString).toList());
    table.header();
    Validity overall = Validity.TRUE;
    boolean errors = false;
    List<Supplier<FileVerdict>> verdicts = startAll(fmt, initial, budget);
    for (Supplier<FileVerdict> next : verdicts) {
      FileVerdict v = next.get();
      table.row(v);
      if (v.isError()) {
        errors = true;
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": " + v.error());
        err.flush();
        continue;
      }
      overall = overall.and(v.result().validity());
      if (reportDir != null) {
        Reports.write(reportDir, v.file(), v.result());
      }
    }
    table.total();
    if (reportDir != null) {
      out.println("reports: " + reportDir);
    }
    out.flush();
    if (errors) {
      return UserError.USAGE_EXIT_CODE;
    }
    return switch (overall) {
      case TRUE -> 0;
      case FALSE -> 1;
      case UNKNOWN -> 3;
    };
  }

  /** One verdict per file, in order; a single file is checked on this thread (no pool to start). */
  private List<Supplier<FileVerdict>> startAll(HistoryFormat fmt, Object initial, Budget budget) {
    if (files.size() == 1) {
      Path only = files.get(0);
      return List.of(() -> checkOne(only, fmt, initial, budget));
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(files.size(), Runtime.getRuntime().availableProcessors()), r -> {
      Thread t = new Thread(r, "check-history");
      t.setDaemon(true);
      return t;
    });
    List<Supplier<FileVerdict>> verdicts = new ArrayList<>();
    for (Path f : files) {
      Future<FileVerdict> future = pool.submit(() -> checkOne(f, fmt, initial, budget));
      verdicts.add(() -> await(future));
    }
    pool.shutdown(); // runs what was submitted, then its threads end
    return verdicts;
  }

  private static FileVerdict await(Future<FileVerdict> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause()); // checkOne catches every RuntimeException: a bug
    }
  }

  /** {@code --bench}: times the checks of the files that read cleanly; the others get their error line. */
  private int benchmark(HistoryFormat fmt, Object initial, Budget budget, PrintWriter out) {
    List<HistoryInput> inputs = new ArrayList<>();
    boolean errors = false;
    for (Path f : files) {
      try {
        inputs.add(HistoryInput.read(f, fmt, strict));
      } catch (UserError e) {
        errors = true;
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
      }
    }
    spec.commandLine().getErr().flush();
    new Bench(out, rounds).run(inputs, in -> modelFor(in, initial), budget);
    return errors ? UserError.USAGE_EXIT_CODE : 0;
  }
}
