package io.plumbline.controller.cli;

import javax.net.ssl.SSLContext;
import io.plumbline.apiserver.cli.FencingOption;
import io.plumbline.common.UserError;
import io.plumbline.apiserver.api.LeaseTraceFile;
import io.plumbline.apiserver.api.LeaseTraceSink;
import io.plumbline.controller.ControllerManager;
import io.plumbline.controller.ElectionBug;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import io.plumbline.controller.ElectionConfig;
import io.plumbline.controller.KubeScheduler;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./plumbline controller-manager}: one candidate instance, in the foreground. */
@Command(name = "controller-manager", mixinStandardHelpOptions = true,
    description = "Run a controller manager (replication controller loop) that leads through a "
        + "Lease in kube-system, client-go style, with fenced writes.")
public final class ControllerManagerCommand implements Runnable {
  @Option(names = "--server", defaultValue = "http://127.0.0.1:6443",
      description = "API server URL (default: ${DEFAULT-VALUE}).")
  String server;

  @Option(names = "--identity", required = true,
      description = "This instance's name in the Lease's holderIdentity.")
  String identity;

  @Option(names = "--lease-name", defaultValue = "kube-controller-manager",
      description = "Lease in kube-system to elect through (default: ${DEFAULT-VALUE}).")
  String leaseName;

  @Mixin LeaseTimingOptions leaseTimings;

  @Option(names = "--sync-period-ms", defaultValue = "1000",
      description = "The replication loop runs this often while leading (default: ${DEFAULT-VALUE}).")
  long syncPeriodMs;

  @Mixin FencingOption fencing;

  @Mixin ApiClientTlsOptions tls;

  @Option(names = "--scheduler", negatable = false,
      description = "Also run the scheduler in this process: its own election (--scheduler-lease-"
          + "name) and, for https, its own client certificate (--scheduler-certificate/-key).")
  boolean scheduler;

  @Option(names = "--scheduler-lease-name", defaultValue = "kube-scheduler",
      description = "Lease in kube-system the scheduler elects through (default: ${DEFAULT-VALUE}).")
  String schedulerLeaseName;

  @Option(names = "--lease-trace-file", paramLabel = "FILE",
      description = "Append each step of this instance's election (--lease-name) and each fenced "
          + "write it starts to FILE as JSON lines, named after spec/election/LeaseElection.tla's "
          + "actions, for trace validation.")
  Path leaseTraceFile;

  /** Tests only: proves trace validation rejects a buggy election in a real process. */
  @Option(names = "--injected-election-bug", hidden = true, paramLabel = "BUG")
  Set<ElectionBug> injectedBugs;

  /**
   * Tests only: each fenced write waits this long between its StartWrite and its send, so a
   * SIGSTOP can land on a write already decided (trace validation of the fence's refusal).
   */
  @Option(names = "--injected-write-delay-ms", hidden = true, paramLabel = "MS")
  long injectedWriteDelayMs;

  @Override
  public void run() {
    ControllerManager.Settings settings = settings(leaseName, tls.controllerManager());
    LeaseTraceSink trace = LeaseTraceSink.OFF;
    if (leaseTraceFile != null) {
      try {
        trace = new LeaseTraceFile(leaseTraceFile);
      } catch (IOException e) {
        throw new UserError("--lease-trace-file " + leaseTraceFile + ": " + e.getMessage(), e);
      }
    }
    ControllerManager manager = new ControllerManager(settings, Clock.systemUTC(),
        new SecureRandom(), trace, injectedBugs == null ? Set.of() : injectedBugs,
        this::injectedWriteDelay).start();
    KubeScheduler kubeScheduler = scheduler ? new KubeScheduler(settings(schedulerLeaseName,
        tls.scheduler()), Clock.systemUTC(), new SecureRandom()).start() : null;
    System.out.println("controller-manager " + identity + ": campaigning for kube-system/"
        + leaseName + (scheduler ? " and kube-system/" + schedulerLeaseName + " (scheduler)" : "")
        + " on " + server + (fencing.fencing() ? " (fenced writes)" : " (fencing OFF)"));
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (kubeScheduler != null) {
        kubeScheduler.close(true);
      }
      manager.close(true);
      stop.countDown();
    }));
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Holds a decided fenced write {@code --injected-write-delay-ms} before it is sent, as a slow
   * network would (an injected fault, not a wait for a condition).
   */
  private void injectedWriteDelay() {
    if (injectedWriteDelayMs == 0) {
      return;
    }
    try {
      Thread.sleep(injectedWriteDelayMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ControllerManager.Settings settings(String lease, SSLContext tls) {
    URI uri;
    try {
      uri = URI.create(server);
    } catch (IllegalArgumentException e) {
      throw new UserError("--server: not a URL: " + server);
    }
    if (uri.getHost() == null || !"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new UserError("--server: expected http(s)://HOST:PORT, got " + server);
    }
    if (injectedWriteDelayMs < 0) {
      throw new UserError("--injected-write-delay-ms must not be negative");
    }
    if (syncPeriodMs <= 0) {
      throw new UserError("--sync-period-ms must be positive");
    }
    leaseTimings.validate();
    ElectionConfig election = new ElectionConfig("kube-system", lease, identity,
        leaseTimings.leaseDurationMs(), leaseTimings.renewDeadlineMs(),
        leaseTimings.retryPeriodMs());
    // the controllers' own calls; the election sets its own deadlines from the renew deadline
    return new ControllerManager.Settings(server, election, syncPeriodMs,
        Duration.ofMillis(Math.min(leaseTimings.retryPeriodMs(), 5_000)), fencing.fencing(), tls);
  }
}
