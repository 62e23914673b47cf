package io.plumbline.controlplane.cli;

import io.plumbline.apiserver.cli.FencingOption;
import io.plumbline.common.UserError;
import io.plumbline.controller.cli.LeaseTimingOptions;
import io.plumbline.controlplane.ControlPlane;
import io.plumbline.controlplane.ControlPlaneState;
import io.plumbline.controlplane.StatusTable;
import io.plumbline.controlplane.UpOptions;
import io.plumbline.controlplane.UpPki;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./plumbline up}: a local HA control plane in the background. */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start a local HA control plane in the background: 3 store members, API servers "
        + "behind HAProxy, controller managers with fenced leader election; TLS, client "
        + "certificates and RBAC everywhere unless --insecure; print the kubeconfig and a status "
        + "table. './plumbline down' stops it.")
public final class UpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--store", defaultValue = "reference",
      description = "reference (this project's store) or etcd (/usr/bin/etcd 3.4) "
          + "(default: ${DEFAULT-VALUE}).")
  String store;

  @Option(names = "--apiservers", defaultValue = "2", description = "API servers, 1..9 "
      + "(default: ${DEFAULT-VALUE}).")
  int apiServers;

  @Option(names = "--controllers", defaultValue = "2", description = "Controller managers, 1..9 "
      + "(default: ${DEFAULT-VALUE}).")
  int controllers;

  @Option(names = "--nodes", defaultValue = "3", description = "Simulated Ready nodes "
      + "node-1..N registered for the scheduler; there are no kubelets (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--dir", defaultValue = "/tmp/plumbline-up", description = "State, logs, "
      + "kubeconfig and store data (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Mixin LeaseTimingOptions leaseTimings;
  @Mixin FencingOption fencing;

  @Mixin HaproxyOption haproxy;

  @Option(names = "--insecure", description = "Plain HTTP and plaintext store ports, no "
      + "certificates, anonymous requests allowed everything: for debugging only.")
  boolean insecure;

  @Option(names = "--timeout", defaultValue = "90", description = "Seconds each tier may take to "
      + "become ready (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--lease-trace-dir", paramLabel = "DIR", description = "Trace the "
      + "controller-manager election (each controller manager and each API server's fence, one "
      + "JSON-lines file each) into DIR, named after spec/election/LeaseElection.tla's actions.")
  Path leaseTraceDir;

  @Override
  public Integer call() throws Exception {
    validate();
    UpOptions options = new UpOptions(store, apiServers, controllers, nodes,
        dir.toAbsolutePath(), leaseTimings.leaseDurationMs(), leaseTimings.renewDeadlineMs(),
        leaseTimings.retryPeriodMs(), fencing.fencing(),
        haproxy.binary(), UpOptions.ETCD, timeoutSeconds, !insecure,
        leaseTraceDir == null ? null : leaseTraceDir.toAbsolutePath(), java.util.Set.of());
    PrintWriter out = spec.commandLine().getOut();
    ControlPlaneState state;
    try {
      state = ControlPlane.up(options, line -> {
        out.println(line);
        out.flush();
      });
    } catch (ControlPlane.AlreadyRunning e) {
      throw new UserError(e.getMessage());
    } catch (ControlPlane.StartFailed e) {
      throw new UserError("up: " + e.getMessage(), 1);
    }
    out.println();
    out.println("kubeconfig: " + state.kubeconfig() + (insecure
        ? " (INSECURE: plain HTTP, no authentication)"
        : " (HTTPS, client certificate of " + UpPki.ADMIN_USER + " in system:masters)"));
    out.println("  export KUBECONFIG=" + state.kubeconfig() + "; kubectl get nodes");
    out.println();
    out.print(StatusTable.render(state));
    out.println();
    out.println("stop with: ./plumbline down --dir " + options.dir());
    out.flush();
    return 0;
  }

  private void validate() {
    if (!store.equals("reference") && !store.equals("etcd")) {
      throw new UserError("--store: expected reference or etcd, got '" + store + "'");
    }
    if (store.equals("etcd") && !java.nio.file.Files.isExecutable(UpOptions.ETCD)) {
      throw new UserError("--store etcd: " + UpOptions.ETCD + " is missing (apt-get install "
          + "etcd-server)");
    }
    if (apiServers < 1 || apiServers > 9 || controllers < 1 || controllers > 9) {
      throw new UserError("--apiservers and --controllers: expected 1..9");
    }
    if (nodes < 0 || timeoutSeconds < 1) {
      throw new UserError("--nodes must be >= 0 and --timeout positive");
    }
    leaseTimings.validate();
  }
}
