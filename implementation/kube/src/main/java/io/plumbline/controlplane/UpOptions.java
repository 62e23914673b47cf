package io.plumbline.controlplane;

import java.nio.file.Path;

/**
 * Everything {@code up} needs to know. Lease timings default to client-go's (15 s / 10 s / 2 s);
 * tests shorten them.
 *
 * @param store {@code reference} (this project's store, no Docker) or {@code etcd} (real etcd 3.4)
 * @param fencing whether controller managers send, and API servers enforce, lease generations
 * @param secure TLS everywhere with certificates from a CA made in {@code DIR/pki}: store client
 *     and peer TLS with client certificates, API servers on HTTPS with RBAC (HAProxy passes TLS
 *     through), components authenticated by their own client certificates; false: plain HTTP,
 *     anonymous, every request allowed ({@code --insecure})
 * @param leaseTraceDir when set, each controller manager ({@code cm-N.ndjson}) and each API
 *     server's fence ({@code apiserver-N.ndjson}) traces the controller-manager election there,
 *     and {@code up} creates that Lease empty first (the spec's initial Lease); null: no traces
 * @param electionBugs deliberate bugs for the controller managers' elections (tests only)
 * @param injectedWriteDelayMs how long each controller manager holds a fenced write between
 *     deciding it and sending it, as a slow network would (tests only; 0: not at all)
 */
public record UpOptions(String store, int apiServers, int controllers, int nodes, Path dir,
    long leaseDurationMs, long renewDeadlineMs, long retryPeriodMs, boolean fencing,
    Path haproxyBinary, Path etcdBinary, int timeoutSeconds, boolean secure, Path leaseTraceDir,
    java.util.Set<io.plumbline.controller.ElectionBug> electionBugs, long injectedWriteDelayMs) {

  public UpOptions {
    electionBugs = java.util.Set.copyOf(electionBugs);
  }

  /** Without an injected write delay. */
  public UpOptions(String store, int apiServers, int controllers, int nodes, Path dir,
      long leaseDurationMs, long renewDeadlineMs, long retryPeriodMs, boolean fencing,
      Path haproxyBinary, Path etcdBinary, int timeoutSeconds, boolean secure, Path leaseTraceDir,
      java.util.Set<io.plumbline.controller.ElectionBug> electionBugs) {
    this(store, apiServers, controllers, nodes, dir, leaseDurationMs, renewDeadlineMs,
        retryPeriodMs, fencing, haproxyBinary, etcdBinary, timeoutSeconds, secure, leaseTraceDir,
        electionBugs, 0);
  }

  /** Without lease traces or election bugs. */
  public UpOptions(String store, int apiServers, int controllers, int nodes, Path dir,
      long leaseDurationMs, long renewDeadlineMs, long retryPeriodMs, boolean fencing,
      Path haproxyBinary, Path etcdBinary, int timeoutSeconds, boolean secure) {
    this(store, apiServers, controllers, nodes, dir, leaseDurationMs, renewDeadlineMs,
        retryPeriodMs, fencing, haproxyBinary, etcdBinary, timeoutSeconds, secure, null,
        java.util.Set.of());
  }

  public static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
  public static final Path ETCD = Path.of("/usr/bin/etcd");

  /** The defaults of {@code ./plumbline up} for {@code dir}. */
  public static UpOptions defaults(Path dir) {
    return new UpOptions("reference", 2, 2, 3, dir, 15_000, 10_000, 2_000, true, HAPROXY, ETCD,
        90, true);
  }

  public UpOptions withLeaseTimings(long durationMs, long renewDeadlineMs, long retryMs) {
    return new UpOptions(store, apiServers, controllers, nodes, dir, durationMs, renewDeadlineMs,
        retryMs, fencing, haproxyBinary, etcdBinary, timeoutSeconds, secure,
        leaseTraceDir,
        electionBugs, injectedWriteDelayMs);
  }

  public UpOptions withStore(String kind) {
    return new UpOptions(kind, apiServers, controllers, nodes, dir, leaseDurationMs,
        renewDeadlineMs, retryPeriodMs, fencing, haproxyBinary, etcdBinary, timeoutSeconds, secure,
        leaseTraceDir,
        electionBugs, injectedWriteDelayMs);
  }

  public UpOptions withFencing(boolean on) {
    return new UpOptions(store, apiServers, controllers, nodes, dir, leaseDurationMs,
        renewDeadlineMs, retryPeriodMs, on, haproxyBinary, etcdBinary, timeoutSeconds, secure,
        leaseTraceDir,
        electionBugs, injectedWriteDelayMs);
  }

  /** {@code false}: the {@code --insecure} plain mode. */
  public UpOptions withSecure(boolean on) {
    return new UpOptions(store, apiServers, controllers, nodes, dir, leaseDurationMs,
        renewDeadlineMs, retryPeriodMs, fencing, haproxyBinary, etcdBinary, timeoutSeconds, on,
        leaseTraceDir,
        electionBugs, injectedWriteDelayMs);
  }

  public UpOptions withHaproxyBinary(Path binary) {
    return new UpOptions(store, apiServers, controllers, nodes, dir, leaseDurationMs,
        renewDeadlineMs, retryPeriodMs, fencing, binary, etcdBinary, timeoutSeconds, secure,
        leaseTraceDir,
        electionBugs, injectedWriteDelayMs);
  }

  /** {@code n} controller managers. */
  public UpOptions withControllers(int n) {
    return new UpOptions(store, apiServers, n, nodes, dir, leaseDurationMs, renewDeadlineMs,
        retryPeriodMs, fencing, haproxyBinary, etcdBinary, timeoutSeconds, secure,
        leaseTraceDir,
        electionBugs, injectedWriteDelayMs);
  }

  /** Lease traces in {@code traceDir} (see the record's doc), the controller managers with {@code bugs}. */
  public UpOptions withLeaseTraces(Path traceDir,
      java.util.Set<io.plumbline.controller.ElectionBug> bugs) {
    return new UpOptions(store, apiServers, controllers, nodes, dir, leaseDurationMs,
        renewDeadlineMs, retryPeriodMs, fencing, haproxyBinary, etcdBinary, timeoutSeconds, secure,
        traceDir, bugs, injectedWriteDelayMs);
  }

  /**
   * The controller managers hold each fenced write {@code ms} between its StartWrite and its send
   * (tests only: a write decided before a SIGSTOP and sent after it; see
   * {@code ControllerManager}).
   */
  public UpOptions withInjectedWriteDelayMs(long ms) {
    return new UpOptions(store, apiServers, controllers, nodes, dir, leaseDurationMs,
        renewDeadlineMs, retryPeriodMs, fencing, haproxyBinary, etcdBinary, timeoutSeconds, secure,
        leaseTraceDir, electionBugs, ms);
  }
}
