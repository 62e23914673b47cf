package io.plumbline.controlplane;

import io.plumbline.db.MemberCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The command line of each component {@code up} starts (pure: ports and paths in, argv out). */
final class Commands {
  private Commands() {}

  /**
   * A store member: the reference store via {@link ComponentMain}, or the etcd binary, from the
   * shared member command templates ({@link MemberCommand}).
   */
  static List<String> storeMember(UpOptions o, String name, Path dataDir, String clientUrl,
      String peerUrl, String initialCluster, UpPki pki) {
    MemberCommand template = o.store().equals("etcd")
        ? MemberCommand.etcd(o.etcdBinary().toString())
        : MemberCommand.referenceStoreLaunchedBy(
            DetachedProcess.javaCommand(dataDir.toString(), "store"), List.of());
    List<String> cmd = new ArrayList<>(template.render(Map.of("{name}", name, "{data-dir}",
        dataDir.toString(), "{client-url}", clientUrl, "{peer-url}", peerUrl, "{initial-cluster}",
        initialCluster, "{initial-cluster-state}", "new", "{cluster-token}", "plumbline-up")));
    if (pki != null) {
      // etcd's own flags, which the reference store takes too: client and peer mTLS
      cmd.addAll(List.of("--cert-file", pki.cert("store").toString(), "--key-file",
          pki.key("store").toString(), "--trusted-ca-file", pki.ca().toString(),
          "--client-cert-auth", "--peer-cert-file", pki.cert("store").toString(),
          "--peer-key-file", pki.key("store").toString(), "--peer-trusted-ca-file",
          pki.ca().toString(), "--peer-client-cert-auth"));
    }
    return cmd;
  }

  /** The signature {@link DetachedProcess#find} looks for in a store member's arguments. */
  static String storeSignature(UpOptions o, Path dataDir) {
    return o.store().equals("etcd") ? dataDir.toString() : marker(dataDir.toString());
  }

  static List<String> apiServer(UpOptions o, Path marker, int port, List<String> endpoints,
      UpPki pki) {
    List<String> cmd = new ArrayList<>(DetachedProcess.javaCommand(marker.toString(),
        "apiserver"));
    cmd.addAll(List.of("--etcd-endpoints", String.join(",", endpoints), "--port",
        String.valueOf(port), "--nodes", String.valueOf(o.nodes()),
        // a loaded machine may keep a fresh store from answering within one request timeout
        "--store-wait-ms", String.valueOf(o.timeoutSeconds() * 1000L)));
    if (!o.fencing()) {
      cmd.add("--no-fencing");
    }
    // the controller-manager processes run the scheduler, a client with its own identity
    cmd.add("--no-in-process-scheduler");
    if (o.leaseTraceDir() != null) {
      cmd.addAll(List.of("--lease-trace-file", traceFile(o, marker).toString(),
          "--lease-trace-lease", ControlPlane.LEASE_NAMESPACE + "/" + ControlPlane.LEASE_NAME));
    }
    if (pki == null) {
      cmd.addAll(List.of("--anonymous-auth", "--authorization-mode", "AlwaysAllow"));
    } else {
      cmd.addAll(List.of("--tls-cert-file", pki.cert("apiserver").toString(),
          "--tls-private-key-file", pki.key("apiserver").toString(),
          "--client-ca-file", pki.ca().toString(), "--authorization-mode", "RBAC",
          "--etcd-cafile", pki.ca().toString(),
          "--etcd-certfile", pki.cert(UpPki.STORE_CLIENT).toString(),
          "--etcd-keyfile", pki.key(UpPki.STORE_CLIENT).toString()));
    }
    return cmd;
  }

  static List<String> controllerManager(UpOptions o, Path marker, String identity,
      String serverUrl, UpPki pki) {
    List<String> cmd = new ArrayList<>(DetachedProcess.javaCommand(marker.toString(),
        "controller-manager"));
    cmd.addAll(List.of("--server", serverUrl, "--identity", identity,
        "--lease-duration-ms", String.valueOf(o.leaseDurationMs()),
        "--renew-deadline-ms", String.valueOf(o.renewDeadlineMs()),
        "--retry-period-ms", String.valueOf(o.retryPeriodMs()), "--scheduler"));
    if (pki != null) {
      // each its own identity, bound to the system:kube-controller-manager or the
      // system:kube-scheduler ClusterRole only
      cmd.addAll(List.of("--certificate-authority", pki.ca().toString(),
          "--client-certificate", pki.cert("controller-manager").toString(),
          "--client-key", pki.key("controller-manager").toString(),
          "--scheduler-certificate", pki.cert("scheduler").toString(),
          "--scheduler-key", pki.key("scheduler").toString()));
    }
    if (o.leaseTraceDir() != null) {
      cmd.addAll(List.of("--lease-trace-file", traceFile(o, marker).toString()));
    }
    o.electionBugs().stream().sorted().forEach(b ->
        cmd.addAll(List.of("--injected-election-bug", b.name())));
    if (o.injectedWriteDelayMs() > 0) {
      cmd.addAll(List.of("--injected-write-delay-ms", String.valueOf(o.injectedWriteDelayMs())));
    }
    // always fenced writes: without fencing only the API servers stop enforcing, so each
    // double-leader write is still seen, logged and counted
    return cmd;
  }

  static List<String> haproxy(UpOptions o, Path config) {
    return List.of(o.haproxyBinary().toString(), "-f", config.toString());
  }

  /** The lease trace of the component whose marker is {@code marker}: {@code <name>.ndjson}. */
  static Path traceFile(UpOptions o, Path marker) {
    return o.leaseTraceDir().resolve(marker.getFileName() + ".ndjson");
  }

  /** The JVM argument that marks a Java component as started by {@code up} for this path. */
  static String marker(String path) {
    return "-Dplumbline.up=" + path;
  }
}
