package io.plumbline.spec.cli;

import io.plumbline.common.UserError;
import io.plumbline.spec.check.ModelReport;
import io.plumbline.spec.check.ModelRunner;
import io.plumbline.spec.check.ResultsJson;
import io.plumbline.spec.check.ResultsMarkdown;
import io.plumbline.spec.check.ResultsTable;
import io.plumbline.spec.manifest.ModelEntry;
import io.plumbline.spec.manifest.ModelManifest;
import io.plumbline.spec.manifest.Suite;
import io.plumbline.spec.tlc.TlcLauncher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code plumbline spec check}: runs the manifest's models with TLC and judges each result. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
        "Model-check the models of spec/models.tsv with TLC and judge each result.",
        "Shows live progress, one row per model, and readable counterexamples (also written as JSON).",
        "Exit code 0 when every model gives its expected result, 1 otherwise, 2 on usage or manifest errors."})
public final class CheckCommand implements Callable<Integer> {
  /** A --time-limit value: a count (at most six digits, so it cannot overflow) and a unit. */
  private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([smh])");

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "MODEL", arity = "0..*",
      description = "Models to check, by manifest name (default: every model of --suite).")
  List<String> models = new ArrayList<>();

  @Option(names = "--suite", paramLabel = "ci|deep|mbt|all", defaultValue = "ci",
      description = "Which models to run when none are named (default: ${DEFAULT-VALUE}).")
  String suite;

  @Option(names = "--workers", paramLabel = "N",
      description = "TLC worker threads (default: the number of cores); a model expected to pass runs "
          + "with action coverage on one worker, since TLC's coverage is only repeatable with one.")
  Integer workers;

  @Option(names = "--tlc-heap", paramLabel = "SIZE", defaultValue = "2g",
      description = "Maximum heap of each TLC process, as for -Xmx (default: ${DEFAULT-VALUE}).")
  String tlcHeap;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
  Path json;

  @Option(names = "--markdown", paramLabel = "FILE",
      description = "Also write the results as a Markdown table (the spec README's table) to FILE.")
  Path markdown;

  @Option(names = "--time-limit", paramLabel = "DURATION",
      description = "Stop each model's TLC run after DURATION (e.g. 90s, 30m, 2h) and report how far "
          + "it got (for deep models; default: no limit).")
  String timeLimit;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Where counterexamples are written (default: runs/spec-check/<timestamp>).")
  Path out;

  @Option(names = "--spec-dir", paramLabel = "DIR",
      description = "The spec directory holding models.tsv (default: <plumbline root>/spec).")
  Path specDir;

  @Option(names = "--traces", description = "Print every counterexample, expected ones too "
      + "(default: only unexpected ones, or all when models are named).")
  boolean traces;

  @Option(names = "--list", description = "List the manifest's models and exit.")
  boolean list;

  @Override
  public Integer call() {
    Path dir = SpecPaths.specDir(specDir);
    ModelManifest manifest = ModelManifest.load(dir);
    PrintWriter stdout = spec.commandLine().getOut();
    if (list) {
      stdout.print(ManifestListing.render(manifest));
      stdout.flush();
      return 0;
    }
    List<ModelEntry> chosen = manifest.select(models, suites());
    if (chosen.isEmpty()) {
      throw new UserError("no models of suite '" + suite + "' in " + SpecPaths.display(manifest.file()));
    }
    int threads = workerCount();
    validateHeap();
    Optional<Duration> limit = timeLimit();
    stdout.printf("spec check: %d model(s) from %s, %d TLC worker(s), TLC heap %s%s%n", chosen.size(),
        SpecPaths.display(manifest.file()), threads, tlcHeap,
        limit.map(d -> ", time limit " + timeLimit + " per model").orElse(""));
    List<ModelReport> reports;
    try (ProgressPrinter printer = new ProgressPrinter(stdout, System.console() != null,
        traces || !models.isEmpty())) {
      Path evidence = out != null ? out : SpecPaths.evidenceDir();
      reports = new ModelRunner(new TlcLauncher(threads, tlcHeap, limit), evidence, printer)
          .checkAll(chosen);
    }
    stdout.println();
    stdout.print(ResultsTable.render(reports));
    if (json != null) {
      ResultsJson.write(json, reports, threads);
      stdout.println("results (JSON): " + SpecPaths.display(json));
    }
    if (markdown != null) {
      String command = String.join(" ", spec.commandLine().getParseResult().originalArgs());
      ResultsMarkdown.write(markdown, reports, new ResultsMarkdown.RunSettings(
          "./plumbline " + command, threads, tlcHeap,
          limit.map(Duration::toSeconds).orElse(0L)));
      stdout.println("results (Markdown): " + SpecPaths.display(markdown));
    }
    stdout.flush();
    return reports.stream().allMatch(r -> r.verdict().asExpected()) ? 0 : 1;
  }

  private Set<Suite> suites() {
    if (suite.equals("all")) {
      return EnumSet.allOf(Suite.class);
    }
    try {
      return EnumSet.of(Suite.parse(suite));
    } catch (IllegalArgumentException e) {
      throw new UserError("--suite: must be ci, deep, mbt or all, found '" + suite + "'");
    }
  }

  private int workerCount() {
    if (workers == null) {
      return Runtime.getRuntime().availableProcessors();
    }
    if (workers < 1) {
      throw new UserError("--workers: must be at least 1, found " + workers);
    }
    return workers;
  }

  private Optional<Duration> timeLimit() {
    if (timeLimit == null) {
      return Optional.empty();
    }
    Matcher m = DURATION.matcher(timeLimit);
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new UserError("--time-limit: must be a positive duration like 90s, 30m or 2h, found '"
          + timeLimit + "'");
    }
    long n = Long.parseLong(m.group(1));
    return Optional.of(switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    });
  }

  private void validateHeap() {
    if (!tlcHeap.matches("\\d+[mMgG]")) {
      throw new UserError("--tlc-heap: must be a size like 512m or 2g, found '" + tlcHeap + "'");
    }
  }
}
