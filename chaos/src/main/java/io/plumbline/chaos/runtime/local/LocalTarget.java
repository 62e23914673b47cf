package io.plumbline.chaos.runtime.local;

import io.plumbline.common.cli.EtcdAccess;
import io.plumbline.db.HealthProbe;
import io.plumbline.db.StatusProbe;
import io.plumbline.db.MemberCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the local runtime launches and how it routes and probes it.
 *
 * @param command the member template; must contain {@code {listen-peer-url}}; with {@code
 *     {listen-client-url}} clients reach the member through a client proxy too
 * @param probe the health probe (always called on the member's own client port, never the proxy)
 * @param routing how peer proxies tell dialers apart
 * @param fakeableClock true when the member reads time through libc (a JVM), so libfaketime can shift it
 * @param clientScheme {@code http}, or {@code https} when the members serve clients over TLS
 */
public record LocalTarget(MemberCommand command, HealthProbe probe, PeerRouting routing, boolean fakeableClock,
    String clientScheme) {
  /** A target serving clients in plain text. */
  public LocalTarget(MemberCommand command, HealthProbe probe, PeerRouting routing, boolean fakeableClock) {
    this(command, probe, routing, fakeableClock, "http");
  }

  /**
   * The same members serving clients on https URLs (their TLS flags are in the template or {@code --target-args}),
   * probed by the status call dialed with {@code access}'s TLS files (a port that requires client certificates
   * answers nothing else).
   */
  public LocalTarget overTls(EtcdAccess access) {
    return new LocalTarget(command, StatusProbe.grpc(Duration.ofSeconds(2), access), routing, fakeableClock, "https");
  }

  /** Real etcd: one proxy per member, dialers identified by header; its clock cannot be faked. */
  public static LocalTarget etcd(String program) {
    return etcd(program, List.of());
  }

  /** Real etcd with {@code extraArgs} appended to every member's command line (e.g. its TLS flags). */
  public static LocalTarget etcd(String program, List<String> extraArgs) {
    List<String> args = new ArrayList<>(ProxiedCluster.etcdCommand(program).args());
    args.addAll(extraArgs);
    return new LocalTarget(new MemberCommand(args), StatusProbe.grpc(Duration.ofSeconds(2)),
        PeerRouting.ETCD_HEADER, false);
  }

  /**
   * The reference store, one JVM per member started from this JVM's own class path (the CLI jar, or
   * the test class path), so no member rebuilds or shares anything. Per-link proxies, gRPC health,
   * and a clock libfaketime can shift.
   */
  public static LocalTarget reference(List<String> extraArgs) {
    MemberCommand command = MemberCommand.referenceStoreLaunchedBy(
        MemberCommand.referenceStoreJvm(MemberCommand.currentJava(),
            MemberCommand.memberJvmFlags(List.of("-Dlogback.configurationFile={log-config}")),
            System.getProperty("java.class.path")),
        "{listen-client-url}", "{listen-peer-url}", extraArgs);
    return new LocalTarget(command, StatusProbe.grpc(Duration.ofSeconds(2)),
        PeerRouting.PER_LINK, true);
  }
}
