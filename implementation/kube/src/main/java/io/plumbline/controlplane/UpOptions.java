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
 */
public record UpOptions(String store, int apiServers, int controllers, int nodes, Path dir,
    long leaseDurationMs, long renewDeadlineMs, long retryPeriodMs, boolean fencing,
    Path haproxyBinary, Path etcdBinary, int timeoutSeconds, boolean secure) {

  public static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
  public static final Path ETCD = Path.of("/usr/bin/etcd");

  /** The defaults of {@code ./plumbline up} for {@code dir}. */
  public static UpOptions defaults(Path dir) {
    return new UpOptions("reference", 2, 2, 3, dir, 15_000, 10_000, 2_000, true, HAPROXY, ETCD,
        90, true);
  }

  public UpOptions withLeaseTimings(long durationMs, long renewDeadlineMs, long retryMs) {
    return new UpOptions(store, apiServers, controllers, nodes, dir, durationMs, renewDeadlineMs,
        retryMs, fencing, haproxyBinary, etcdBinary, timeoutSeconds, secure);
  }

  public UpOptions withStore(String kind) {
    return new UpOptions(kind, apiServers, controllers, nodes, dir, leaseDurationMs,
        renewDeadlineMs, retryPeriodMs, fencing, haproxyBinary, etcdBinary, timeoutSeconds, secure);
  }

  public UpOptions withFencing(boolean on) {
    return new UpOptions(store, apiServers, controllers, nodes, dir, leaseDurationMs,
        renewDeadlineMs, retryPeriodMs, on, haproxyBinary, etcdBinary, timeoutSeconds, secure);
  }

  /** {@code false}: the {@code --insecure} plain mode. */
  public UpOptions withSecure(boolean on) {
    return new UpOptions(store, apiServers, controllers, nodes, dir, leaseDurationMs,
        renewDeadlineMs, retryPeriodMs, fencing, haproxyBinary, etcdBinary, timeoutSeconds, on);
  }

  public UpOptions withHaproxyBinary(Path binary) {
    return new UpOptions(store, apiServers, controllers, nodes, dir, leaseDurationMs,
        renewDeadlineMs, retryPeriodMs, fencing, binary, etcdBinary, timeoutSeconds, secure);
  }
}
