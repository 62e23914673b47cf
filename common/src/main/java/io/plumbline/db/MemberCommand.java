package io.plumbline.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The command line that starts one cluster member, as a template. Placeholders in any argument are
 * replaced per member: {@code {name}}, {@code {data-dir}}, {@code {client-url}}, {@code {peer-url}},
 * {@code {initial-cluster}} ({@code m0=http://…,m1=…}), {@code {initial-cluster-state}} ({@code new}
 * on first start, {@code existing} on restart) and {@code {cluster-token}}. The same flag names as
 * etcd's let the reference store ({@code ./plumbline store …}) or any user command be launched the
 * same way.
 *
 * @param args the program and its arguments, with placeholders
 */
public record MemberCommand(List<String> args) {
  /** Placeholders a template may use. */
  public static final List<String> PLACEHOLDERS = List.of("{name}", "{data-dir}", "{client-url}", "{peer-url}",
      "{initial-cluster}", "{initial-cluster-state}", "{cluster-token}");

  public MemberCommand {
    args = List.copyOf(Objects.requireNonNull(args, "args"));
    if (args.isEmpty()) {
      throw new IllegalArgumentException("a member command needs at least the program");
    }
  }

  /**
   * Real etcd ({@code /usr/bin/etcd} from Debian's etcd-server). Pre-vote is on so that a member
   * that was paused or cut off does not raise its term and disrupt the cluster when it returns
   * (etcd 3.4 has it off by default).
   */
  public static MemberCommand etcd(String program) {
    return new MemberCommand(List.of(program,
        "--name", "{name}",
        "--data-dir", "{data-dir}",
        "--listen-client-urls", "{client-url}",
        "--advertise-client-urls", "{client-url}",
        "--listen-peer-urls", "{peer-url}",
        "--initial-advertise-peer-urls", "{peer-url}",
        "--initial-cluster", "{initial-cluster}",
        "--initial-cluster-state", "{initial-cluster-state}",
        "--initial-cluster-token", "{cluster-token}",
        "--pre-vote=true",
        "--logger", "zap",
        "--log-outputs", "stderr"));
  }

  /** {@link #etcd(String)} with the Debian package's path. */
  public static MemberCommand etcd() {
    return etcd("/usr/bin/etcd");
  }

  /** Main class of a reference store member ({@code ./plumbline store}), in the CLI jar and on test class paths. */
  public static final String REFERENCE_STORE_MAIN = "io.plumbline.store.cli.StoreMain";

  /**
   * plumbline's reference store, one JVM per member started from this JVM's own class path (the CLI
   * jar, or a test class path), with etcd's flag names plus {@code storeFlags} (e.g. {@code --fault
   * stale-read}). Small heaps and C1 only: three members share the machine with the suite's clients.
   * Callers check {@link #referenceStoreAvailable()} first.
   */
  public static MemberCommand referenceStore(List<String> storeFlags) {
    return referenceStore(List.of(), storeFlags);
  }

  /** As {@link #referenceStore(List)} with extra JVM flags (e.g. a log level property). */
  public static MemberCommand referenceStore(List<String> jvmFlags, List<String> storeFlags) {
    return referenceStoreLaunchedBy(referenceStoreJvm(currentJava(), memberJvmFlags(jvmFlags),
        System.getProperty("java.class.path")), storeFlags);
  }

  /** The JVM flags of a member started on this machine: {@link #MEMBER_JVM_FLAGS}, then {@code extra}. */
  public static List<String> memberJvmFlags(List<String> extra) {
    List<String> flags = new ArrayList<>(MEMBER_JVM_FLAGS);
    flags.addAll(extra);
    return flags;
  }

  /** Small heaps and C1 only: three members share the machine with the suite's or the chaos run's clients. */
  public static final List<String> MEMBER_JVM_FLAGS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  /** The program of this JVM (a member started from here runs the same Java). */
  public static String currentJava() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /**
   * The launcher of a reference store member as its own JVM: {@code java} (a path, or the name a
   * container resolves), {@code jvmFlags}, {@code classPath} and the store's main class.
   */
  public static List<String> referenceStoreJvm(String java, List<String> jvmFlags, String classPath) {
    List<String> launcher = new ArrayList<>();
    launcher.add(java);
    launcher.addAll(jvmFlags);
    launcher.addAll(List.of("-cp", classPath, REFERENCE_STORE_MAIN));
    return launcher;
  }

  /**
   * A reference store member started by {@code launcher} (a program and arguments that end where
   * the store's flags begin, e.g. {@code java … ComponentMain store} of {@code up} or the CLI's
   * {@code plumbline store} of {@code cluster start}), with etcd's flag names plus {@code storeFlags}.
   */
  public static MemberCommand referenceStoreLaunchedBy(List<String> launcher, List<String> storeFlags) {
    return referenceStoreLaunchedBy(launcher, "{client-url}", "{peer-url}", storeFlags);
  }

  /**
   * As {@link #referenceStoreLaunchedBy(List, List)}, listening on the URLs the placeholders {@code
   * clientUrl} and {@code peerUrl} stand for (chaos runs put a proxy in front of each member, so its
   * members listen on {@code {listen-client-url}}, not the advertised {@code {client-url}}).
   */
  public static MemberCommand referenceStoreLaunchedBy(List<String> launcher, String clientUrl, String peerUrl,
      List<String> storeFlags) {
    List<String> args = new ArrayList<>(launcher);
    args.addAll(List.of("--name", "{name}", "--data-dir", "{data-dir}",
        "--listen-client-urls", clientUrl, "--listen-peer-urls", peerUrl,
        "--initial-cluster", "{initial-cluster}"));
    args.addAll(storeFlags);
    return new MemberCommand(args);
  }

  /** True when the reference store's main class is on this JVM's class path (conformance does not depend on it). */
  public static boolean referenceStoreAvailable() {
    return ClassLoader.getSystemClassLoader().getResource(REFERENCE_STORE_MAIN.replace('.', '/') + ".class") != null;
  }

  /** Parses a template written as one string of space-separated arguments (no quoting). */
  public static MemberCommand parse(String template) {
    List<String> parts = new ArrayList<>();
    for (String p : template.trim().split("\\s+")) {
      if (!p.isEmpty()) {
        parts.add(p);
      }
    }
    return new MemberCommand(parts);
  }

  /**
   * The command line of member {@code m} of {@code cluster}: every placeholder of {@link
   * #PLACEHOLDERS} replaced ({@code state} is {@code new} or {@code existing}).
   */
  public List<String> renderFor(Member m, List<Member> cluster, String state, String clusterToken) {
    Map<String, String> values = new java.util.LinkedHashMap<>();
    values.put("{name}", m.name());
    values.put("{data-dir}", m.dataDir().toString());
    values.put("{client-url}", m.clientUrl());
    values.put("{peer-url}", m.peerUrl());
    values.put("{initial-cluster}", io.plumbline.common.InitialCluster.of(
        cluster.stream().map(Member::name).toList(), i -> cluster.get(i).peerUrl()));
    values.put("{initial-cluster-state}", state);
    values.put("{cluster-token}", clusterToken);
    return render(values);
  }

  /** The argument list with every placeholder replaced by its value from {@code values}. */
  public List<String> render(Map<String, String> values) {
    List<String> out = new ArrayList<>(args.size());
    for (String a : args) {
      String r = a;
      for (Map.Entry<String, String> v : values.entrySet()) {
        r = r.replace(v.getKey(), v.getValue());
      }
      out.add(r);
    }
    return out;
  }
}
