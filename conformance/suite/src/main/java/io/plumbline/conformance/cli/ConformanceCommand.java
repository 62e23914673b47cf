package io.plumbline.conformance.cli;

import io.plumbline.common.cli.Durations;
import io.plumbline.common.cli.EtcdAccess;
import io.plumbline.common.cli.EtcdAccessOptions;
import io.plumbline.common.UserError;
import io.plumbline.conformance.ConformanceSuite;
import io.plumbline.conformance.ConsoleReport;
import io.plumbline.conformance.SuiteOptions;
import io.plumbline.conformance.SuiteResult;
import io.plumbline.db.HealthProbe;
import io.plumbline.db.StatusProbe;
import io.plumbline.db.LocalCluster;
import io.plumbline.db.MemberCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./plumbline conformance}: the etcd-API conformance suite against any endpoints, or against
 * members it starts itself. Without {@code --endpoints} or {@code --launch} it starts the embedded
 * default, 3 reference store members (no Docker, nothing to install): plumbline's main job.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true,
    description = "Checks an etcd-API server against etcd's documented guarantees "
        + "(groups: kv, txn, watch, lease, linearizability, serializable, hostile; opt-in: robustness).",
    footer = {"", "Exit codes: 0 every check passed (known deviations allowed), 1 a check failed or was unknown, "
        + "2 usage error."})
public final class ConformanceCommand implements Callable<Integer> {
  @Option(names = "--endpoints", paramLabel = "URL,URL,…", description = "client URLs, e.g. http://127.0.0.1:2379")
  String endpoints;

  @Option(names = "--launch", paramLabel = "N", description = "start N local members on free ports, test them, stop them "
      + "(instead of --endpoints; default when neither is given: 3)")
  Integer launch;

  @Option(names = "--target", defaultValue = "reference", description = "what --launch starts: reference (plumbline's "
      + "reference store) or etcd (/usr/bin/etcd) (default: ${DEFAULT-VALUE})")
  String target;

  @Option(names = "--member-command", paramLabel = "TEMPLATE", description = "member command for --launch instead of "
      + "--target, with placeholders {name} {data-dir} {client-url} {peer-url} {initial-cluster} {initial-cluster-state} "
      + "{cluster-token}")
  String memberCommand;

  @Option(names = "--only", paramLabel = "GROUP[,GROUP]", description = "run only these groups (default: all)")
  String only;

  @Option(names = "--report", paramLabel = "DIR", description = "report directory (default: runs/conformance/<run id>)")
  Path report;

  @Option(names = "--clients", defaultValue = "10", description = "concurrent clients of the linearizability group (default: ${DEFAULT-VALUE})")
  int clients;

  @Option(names = "--duration", defaultValue = "30s", description = "linearizability/serializable workload length (default: ${DEFAULT-VALUE})")
  String duration;

  @Option(names = "--seed", description = "seed for every random choice (default: random, printed)")
  Long seed;

  @Option(names = "--call-timeout", defaultValue = "5s", description = "deadline of every request (default: ${DEFAULT-VALUE})")
  String callTimeout;

  @Option(names = "--differential", arity = "0..1", fallbackValue = "launch", paramLabel = "URL,URL,…",
      description = "robustness: send every request also to this second implementation and report differences "
          + "(without URLs: a real etcd member launched from /usr/bin/etcd)")
  String differential;

  @Option(names = "--fuzz-budget", defaultValue = "60s", description = "how long the robustness group fuzzes "
      + "(default: ${DEFAULT-VALUE})")
  String fuzzBudget;

  @Option(names = "--replay", paramLabel = "FILE", description = "send the request saved in a robustness replay file "
      + "to --endpoints (and --differential) and show the answers, instead of running the suite")
  Path replay;

  @Mixin EtcdAccessOptions access;

  @Override
  public Integer call() {
    if (launch != null && endpoints != null) {
      throw new UserError("give either --endpoints URL,… or --launch N, not both");
    }
    if (replay != null) {
      if (endpoints == null) {
        throw new UserError("--replay needs --endpoints URL,…");
      }
      return Replay.run(replay, options(), System.out);
    }
    if (endpoints != null) {
      return withDifferential(() -> run(endpoints));
    }
    int members = launch == null ? 3 : launch;
    if (members < 1 || members > 9) {
      throw new UserError("--launch: " + members + " is out of range 1..9");
    }
    Launch how = launchTarget();
    System.out.printf("plumbline conformance: starting %d local members of %s …%n", members, how.what());
    try (LocalCluster cluster = LocalCluster.start(new LocalCluster.Options(members, how.command(),
        how.probe(), Duration.ofSeconds(90)))) {
      return withDifferential(() -> run(cluster.endpoints()));
    }
  }

  /** Runs {@code body}, first launching a real etcd member when {@code --differential} was given without URLs. */
  private int withDifferential(java.util.function.IntSupplier body) {
    if (!"launch".equals(differential)) {
      return body.getAsInt();
    }
    if (!Files.isExecutable(Path.of("/usr/bin/etcd"))) {
      throw new UserError("--differential without URLs launches /usr/bin/etcd, which is not installed "
          + "(Debian's etcd-server); or give --differential URL,…");
    }
    System.out.println("plumbline conformance: starting 1 etcd member (/usr/bin/etcd) for --differential …");
    try (LocalCluster etcd = LocalCluster.start(LocalCluster.Options.etcd(1))) {
      differential = etcd.endpoints();
      return body.getAsInt();
    } finally {
      differential = "launch";
    }
  }

  /** What {@code --launch} starts, and how its health is probed. */
  private record Launch(String what, MemberCommand command, HealthProbe probe) {}

  private Launch launchTarget() {
    if (memberCommand != null) {
      return new Launch("'" + memberCommand + "'", MemberCommand.parse(memberCommand), StatusProbe.grpc(Duration.ofSeconds(2)));
    }
    return switch (target) {
      case "etcd" -> {
        if (!Files.isExecutable(Path.of("/usr/bin/etcd"))) {
          throw new UserError("--target etcd: /usr/bin/etcd not found; install Debian's etcd-server");
        }
        yield new Launch("etcd (/usr/bin/etcd)", MemberCommand.etcd(), StatusProbe.grpc(Duration.ofSeconds(2)));
      }
      case "reference" -> {
        if (!MemberCommand.referenceStoreAvailable()) {
          throw new UserError("--target reference: the reference store is not on this class path; run it through ./plumbline");
        }
        yield new Launch("the reference store (embedded default)", MemberCommand.referenceStore(List.of()),
            StatusProbe.grpc(Duration.ofSeconds(2)));
      }
      default -> throw new UserError("--target: unknown target '" + target + "'; expected reference or etcd");
    };
  }

  private int run(String endpointList) {
    endpoints = endpointList;
    SuiteOptions options = options();
    String runId = ConformanceSuite.newRunId(options.seed());
    SuiteOptions withReport = options.withReportDir(report != null ? report : defaultReportRoot().resolve(runId));
    System.out.printf("plumbline conformance: %s, groups %s, run %s, seed %d%n", String.join(",", withReport.endpoints()),
        String.join(",", withReport.groups()), runId, withReport.seed());
    ConsoleReport console = new ConsoleReport(System.out);
    SuiteResult result = ConformanceSuite.run(withReport, runId, console);
    console.summary(result);
    return result.passed() ? 0 : 1;
  }

  SuiteOptions options() {
    EtcdAccess a = access.access();
    List<String> eps = urls("--endpoints", endpoints);
    List<String> groups = new ArrayList<>(ConformanceSuite.GROUPS);
    if (only != null) {
      groups = new ArrayList<>();
      for (String g : only.split(",")) {
        if (!ConformanceSuite.GROUPS.contains(g.trim()) && !ConformanceSuite.OPT_IN.contains(g.trim())) {
          throw new UserError("--only: unknown group '" + g.trim() + "'; expected one of "
              + String.join(", ", ConformanceSuite.GROUPS) + ", " + String.join(", ", ConformanceSuite.OPT_IN));
        }
        groups.add(g.trim());
      }
    }
    if (clients < 1 || clients > 1000) {
      throw new UserError("--clients: " + clients + " is out of range 1..1000");
    }
    List<String> diff = differential == null || "launch".equals(differential) ? List.of()
        : urls("--differential", differential);
    return new SuiteOptions(eps, groups, report, clients, Durations.parse("--duration", duration),
        seed != null ? seed : System.nanoTime() & 0xffffffL, Durations.parse("--call-timeout", callTimeout), tls(a),
        diff, Durations.parse("--fuzz-budget", fuzzBudget), login(a));
  }

  private static List<String> urls(String flag, String list) {
    List<String> eps = new ArrayList<>();
    for (String e : list.split(",")) {
      String t = e.trim();
      if (!t.matches("https?://[^/\\s]+/?")) {
        throw new UserError(flag + ": '" + t + "' is not a URL like http://127.0.0.1:2379");
      }
      eps.add(t.endsWith("/") ? t.substring(0, t.length() - 1) : t);
    }
    return eps;
  }

  private SuiteOptions.Tls tls(EtcdAccess a) {
    return a.tls() ? new SuiteOptions.Tls(a.caCert(), a.cert(), a.key()) : null;
  }

  private static SuiteOptions.Login login(EtcdAccess a) {
    return a.login() ? new SuiteOptions.Login(a.user(), a.password()) : null;
  }

  private static Path defaultReportRoot() {
    String root = System.getProperty("plumbline.root");
    return Path.of(root != null ? root : ".").resolve("runs").resolve("conformance");
  }
}
