package io.plumbline.chaos.cli;

import io.plumbline.common.cli.Durations;
import io.plumbline.controlplane.cli.HaproxyOption;
import io.plumbline.chaos.client.EtcdClients;
import io.plumbline.chaos.nemesis.FaultKind;
import io.plumbline.chaos.nemesis.NemesisSchedule;
import io.plumbline.chaos.report.StoreWriter;
import io.plumbline.chaos.run.ChaosRunner;
import io.plumbline.chaos.run.RunOptions;
import io.plumbline.chaos.run.RunResult;
import io.plumbline.chaos.runtime.ChaosCluster;
import io.plumbline.chaos.workload.Workload;
import io.plumbline.chaos.workload.Workloads;
import io.plumbline.common.UserError;
import io.plumbline.common.cli.EtcdAccess;
import io.plumbline.common.cli.EtcdAccessOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./plumbline chaos}: one Jepsen-style chaos test, a verdict per checker, a store directory. */
@Command(name = "chaos", mixinStandardHelpOptions = true,
    description = "Run a workload against a cluster while a nemesis injects faults; check the history.",
    footer = {"", "Exit codes: 0 valid, 1 invalid, 3 unknown, 2 usage error."})
public final class ChaosCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--target", defaultValue = "etcd", description = "etcd, reference, image:REF or cmd:'TEMPLATE' (default: ${DEFAULT-VALUE})")
  String target;

  @Option(names = "--target-args", defaultValue = "", description = "extra arguments for every reference store member, space-separated (e.g. a fault mode)")
  String targetArgs;

  @Option(names = "--runtime", defaultValue = Runtimes.AUTO, description = "containers (Docker), local (processes + proxies), "
      + "or auto: containers when Docker answers, else local (default: ${DEFAULT-VALUE})")
  String runtime;

  @Option(names = "--nodes", defaultValue = "3", description = "cluster size (default: ${DEFAULT-VALUE})")
  int nodes;

  @Option(names = "--nemesis", defaultValue = "partition,kill,pause", description = "comma-separated: partition, kill, pause, clock, clients, or none (default: ${DEFAULT-VALUE})")
  String nemesis;

  @Option(names = "--workload", defaultValue = "register", description = "register, etcd-kv, watch, txn, lease, lock, lock-fenced, control-plane, control-plane-unfenced (default: ${DEFAULT-VALUE})")
  String workload;

  @Option(names = "--duration", defaultValue = "60s", description = "length of the fault phase (default: ${DEFAULT-VALUE})")
  String duration;

  @Option(names = "--rate", defaultValue = "200", description = "operations per second in total (default: ${DEFAULT-VALUE})")
  double rate;

  @Option(names = "--concurrency", defaultValue = "10", description = "client processes (default: ${DEFAULT-VALUE})")
  int concurrency;

  @Option(names = "--seed", description = "seed of every random choice (default: random, printed)")
  Long seed;

  @Option(names = "--report", description = "store directory (default: store/chaos/<time>-seed<S>)")
  Path report;

  @Mixin HaproxyOption haproxy;

  @Mixin EtcdAccessOptions access;

  @Override
  public Integer call() throws Exception {
    QuietLogs.apply();
    PrintWriter out = spec.commandLine().getOut();
    if (workload.startsWith("control-plane")) { // its own cluster: implementation's 'up'
      return io.plumbline.chaos.controlplane.ControlPlaneChaosCommand.run(workload, target,
          Durations.parse("--duration", duration), concurrency, seed, report,
          haproxy.required("the control-plane workload"), out);
    }
    long s = seed != null ? seed : System.nanoTime() & 0x7fffffffffffL;
    RunOptions options = options(s);
    EtcdAccess etcd = access.access();
    Path root = Path.of(System.getProperty("plumbline.root", "."));
    List<FaultKind> kinds = kinds();
    Runtimes rt = Runtimes.resolve(runtime, target, targetArgs.isBlank() ? List.of() : List.of(targetArgs.trim().split("\\s+")),
        etcd);
    checkSupported(rt, kinds);
    Workload w = Workloads.create(workload, options.opTimeout(), etcd);
    Path dir = report != null ? report : root.resolve("store/chaos/"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-seed" + s);
    NemesisSchedule schedule = NemesisSchedule.generate(s, kinds, nodes, options.duration().toMillis(),
        NemesisSchedule.Timing.standard());
    out.printf("chaos: target %s, runtime %s, %d nodes, workload %s, nemesis %s, %s at %.0f ops/s, seed %d%n",
        target, rt.describe(), nodes, w.name(), nemesis, duration, rate, s);
    schedule.windows().forEach(x -> out.println("  planned: " + x.describe()));
    out.flush();
    RunResult r;
    try (ChaosCluster cluster = rt.start(nodes, line -> {
      out.println(line);
      out.flush();
    })) {
      out.println("cluster up: " + String.join(",", cluster.clientUrls()));
      out.flush();
      r = new ChaosRunner(cluster, w, schedule, options, () -> EtcdClients.leader(cluster.clientUrls(), etcd), line -> {
        out.println(line);
        out.flush();
      }).run();
      cluster.saveLogs(dir.resolve("logs"));
    }
    StoreWriter.write(dir, s, settings(s), r);
    for (Workload.Verdict v : r.verdicts()) {
      out.printf("%-40s %-8s %s%n", v.checker(), v.validity().word(), v.summary());
    }
    out.println("verdict: " + r.validity().word() + "  (report: " + dir.resolve("index.html") + ")");
    out.flush();
    return r.exitCode();
  }

  private RunOptions options(long s) {
    if (nodes < 1 || nodes > 9) {
      throw new UserError("--nodes: " + nodes + " is out of range; expected 1..9 (usually 3 or 5)");
    }
    if (rate <= 0 || concurrency < 1) {
      throw new UserError(rate <= 0 ? "--rate: must be positive" : "--concurrency: must be at least 1");
    }
    Duration d = Durations.parse("--duration", duration);
    return new RunOptions(s, concurrency, rate, d, Duration.ofSeconds(2), Duration.ofSeconds(30));
  }

  private List<FaultKind> kinds() {
    List<FaultKind> kinds = new ArrayList<>();
    if (nemesis.equals("none")) {
      return kinds;
    }
    for (String name : nemesis.split(",")) {
      FaultKind k = FaultKind.parse(name);
      if (k == null) {
        throw new UserError("--nemesis: unknown fault '" + name + "'; expected partition, kill, pause, clock, clients or none");
      }
      kinds.add(k);
    }
    return kinds;
  }

  /** Refuses, before anything starts, a fault the chosen runtime cannot inject for the target. */
  private static void checkSupported(Runtimes rt, List<FaultKind> kinds) {
    if (kinds.contains(FaultKind.CLOCK)) {
      rt.checkClockFaults();
    }
    if (kinds.contains(FaultKind.CLIENTS)) {
      rt.checkClientCuts();
    }
  }

  private Map<String, Object> settings(long s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("target", target);
    m.put("target-args", targetArgs);
    m.put("runtime", runtime);
    m.put("nodes", nodes);
    m.put("nemesis", nemesis);
    m.put("workload", workload);
    m.put("duration", duration);
    m.put("rate", rate);
    m.put("concurrency", concurrency);
    m.put("seed", s);
    m.put("etcd-access", access.access().toString()); // file names and user; the password never
    return m;
  }
}
