package io.plumbline.controlplane.cli;

import io.plumbline.common.UserError;
import io.plumbline.common.cli.EtcdAccess;
import io.plumbline.common.cli.EtcdAccessOptions;
import io.plumbline.store.bench.Bench;
import io.plumbline.store.bench.BenchOp;
import io.plumbline.apiserver.bench.ApiBenchRun;
import io.plumbline.store.bench.BenchRow;
import io.plumbline.store.bench.CpuBenchRow;
import io.plumbline.store.bench.ProcessCpu;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./plumbline bench}: throughput and latency of any etcd v3 endpoints, measured with jetcd. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Closed-loop benchmark of etcd v3 endpoints (real etcd or the reference store) with jetcd.")
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--endpoints", split = ",", description = "Client URLs, comma-separated.")
  List<String> endpoints;

  @Option(names = "--api", description = "Instead: an API server's URL (e.g. HAProxy's from 'up'); "
      + "--op then takes create, get, list, watch.")
  String api;

  @Option(names = "--up-dir", paramLabel = "DIR", description = "With an https --api: the "
      + "directory of the 'up' that started it; its CA and admin certificate (DIR/pki) are used.")
  Path upDir;

  @Option(names = "--clients", defaultValue = "1,16,64", split = ",",
      description = "Concurrent requests per row (default ${DEFAULT-VALUE}).")
  List<Integer> clients;

  @Option(names = "--ops", defaultValue = "10000", description = "Requests per row (default ${DEFAULT-VALUE}).")
  int ops;

  @Option(names = "--op", defaultValue = "put", split = ",",
      description = "put, get (linearizable), get-serializable or txn; with --api: create, get, list, watch (default: all four); comma-separated for several (default ${DEFAULT-VALUE}).")
  List<String> opNames;

  @Option(names = "--value-size", defaultValue = "256", description = "Value bytes (default ${DEFAULT-VALUE}).")
  int valueSize;

  @Option(names = "--out", description = "Also write the rows as JSON to this file.")
  Path out;

  @Option(names = "--cpu-pids", split = ",",
      description = "Server process ids: also report their CPU time (user + system) per operation of each row.")
  List<Long> cpuPids = List.of();

  @Mixin EtcdAccessOptions access;

  @Override
  public Integer call() throws Exception {
    if (api != null) {
      if (!access.access().equals(EtcdAccess.NONE)) {
        throw new UserError("--cacert/--cert/--key/--user are for --endpoints; an https --api takes --up-dir");
      }
      return ApiBenchRun.run(api, opNames, clients, this.ops, out, upDir == null ? null
          : new io.plumbline.controlplane.UpPki(upDir.toAbsolutePath().resolve("pki"))
              .context("admin"));
    }
    if (endpoints == null || endpoints.isEmpty()) {
      throw new UserError("--endpoints or --api is required");
    }
    List<BenchOp> ops = new ArrayList<>();
    for (String name : opNames) {
      try {
        ops.add(BenchOp.parse(name));
      } catch (IllegalArgumentException e) {
        throw new UserError("--op: expected put, get, get-serializable or txn, got '" + name + "'");
      }
    }
    if (this.ops < 1 || valueSize < 0 || clients.stream().anyMatch(c -> c < 1)) {
      throw new UserError("--ops and --clients must be positive, --value-size not negative");
    }
    EtcdAccess etcd = access.access();
    List<CpuBenchRow> rows = new ArrayList<>();
    System.out.println(cpuPids.isEmpty() ? BenchRow.header() : CpuBenchRow.header());
    for (BenchOp op : ops) {
      for (int c : clients) {
        double cpuBefore = cpuPids.isEmpty() ? 0 : ProcessCpu.millis(cpuPids);
        BenchRow row = Bench.run(endpoints.toArray(String[]::new), etcd, op, c, this.ops, valueSize);
        double cpu = cpuPids.isEmpty() ? Double.NaN : (ProcessCpu.millis(cpuPids) - cpuBefore) / this.ops;
        CpuBenchRow r = new CpuBenchRow(row, cpu);
        System.out.println(r);
        rows.add(r);
      }
    }
    if (out != null) {
      Files.writeString(out, "[\n" + String.join(",\n", rows.stream().map(CpuBenchRow::toJson).toList()) + "\n]\n");
    }
    return 0;
  }
}
