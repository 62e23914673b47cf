package io.plumbline.chaos.runtime.containers;

import io.plumbline.common.InitialCluster;
import io.plumbline.db.HealthProbe;
import io.plumbline.db.StatusProbe;
import io.plumbline.db.MemberCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What runs in each member's container: an image, the arguments after it (a program and its flags,
 * or only flags for an image's own entrypoint) with the placeholders of {@link #PLACEHOLDERS}, extra
 * {@code docker run} options (mounts) and the health probe used from the host.
 *
 * @param name how the target is named in output ({@code etcd}, {@code reference}, {@code image:REF}, …)
 * @param image the image to run
 * @param args arguments after the image, with placeholders
 * @param runOptions extra {@code docker run} options (e.g. {@code -v} mounts)
 * @param probe health probe, called with the member's client URL on 127.0.0.1
 * @param fakeableClock true when the member reads time through libc (a JVM), so libfaketime from the
 *     base image can shift its clock ({@link ContainerClock})
 */
public record ContainerTarget(String name, String image, List<String> args, List<String> runOptions, HealthProbe probe,
    boolean fakeableClock) {
  /** Port every member listens on for clients inside its container (mapped to 127.0.0.1 on the host). */
  public static final int CLIENT_PORT = 2379;
  /** Port every member listens on for peers inside its container (reachable only on the run's network). */
  public static final int PEER_PORT = 2380;
  /** Where a member keeps its data inside its container; it survives kill and restart. */
  public static final String DATA_ROOT = "/var/lib/plumbline";

  public static final List<String> PLACEHOLDERS = List.of("{name}", "{data-dir}", "{client-url}",
      "{listen-client-url}", "{peer-url}", "{listen-peer-url}", "{initial-cluster}", "{initial-cluster-state}",
      "{cluster-token}", "{log-config}");

  public ContainerTarget {
    args = List.copyOf(args);
    runOptions = List.copyOf(runOptions);
  }

  /** etcd's flags with the placeholders; shared by the etcd target and the {@code image:} contract. */
  public static List<String> etcdFlags() {
    return List.of("--name", "{name}", "--data-dir", "{data-dir}",
        "--listen-client-urls", "{listen-client-url}", "--advertise-client-urls", "{client-url}",
        "--listen-peer-urls", "{listen-peer-url}", "--initial-advertise-peer-urls", "{peer-url}",
        "--initial-cluster", "{initial-cluster}", "--initial-cluster-state", "{initial-cluster-state}",
        "--initial-cluster-token", "{cluster-token}");
  }

  /** Real etcd 3.4 from the base image; pre-vote on, as on the local runtime. */
  public static ContainerTarget etcd(String baseImage) {
    List<String> args = new ArrayList<>(List.of("/usr/bin/etcd"));
    args.addAll(etcdFlags());
    args.addAll(List.of("--pre-vote=true", "--logger", "zap", "--log-outputs", "stderr"));
    return new ContainerTarget("etcd", baseImage, args, List.of(), StatusProbe.grpc(Duration.ofSeconds(2)), false);
  }

  /** A user's image: its entrypoint receives etcd's flags (see chaos/README.md, "Image contract"). */
  public static ContainerTarget image(String ref) {
    return new ContainerTarget("image:" + ref, ref, etcdFlags(), List.of(), StatusProbe.grpc(Duration.ofSeconds(2)),
        false);
  }

  /** A command template run inside the base image. */
  public static ContainerTarget command(String baseImage, List<String> template) {
    return new ContainerTarget("cmd", baseImage, template, List.of(), StatusProbe.grpc(Duration.ofSeconds(2)), false);
  }

  /** The values of the placeholders for member {@code name} of a cluster with {@code names}. */
  static Map<String, String> values(String name, List<String> names, String clusterToken) {
    String cluster = InitialCluster.of(names, i -> "http://" + names.get(i) + ":" + PEER_PORT);
    return Map.of("{name}", name, "{data-dir}", DATA_ROOT + "/" + name,
        "{client-url}", "http://" + name + ":" + CLIENT_PORT, "{listen-client-url}", "http://0.0.0.0:" + CLIENT_PORT,
        "{peer-url}", "http://" + name + ":" + PEER_PORT, "{listen-peer-url}", "http://0.0.0.0:" + PEER_PORT,
        "{initial-cluster}", cluster, "{initial-cluster-state}", "new", "{cluster-token}", clusterToken);
  }

  /** The arguments with every placeholder replaced. */
  List<String> render(Map<String, String> values) {
    return new MemberCommand(args).render(values);
  }
}
