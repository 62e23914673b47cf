package io.plumbline.controller.trace;

import static org.awaitility.Awaitility.await;

import io.plumbline.apiserver.api.LeaseTraceFile;
import io.plumbline.controller.ElectionBug;
import io.plumbline.controlplane.ControlPlane;
import io.plumbline.controlplane.DetachedProcess;
import io.plumbline.controlplane.Probes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A second election inside an {@link UpElectionRun}'s plane, on a Lease of its own: controller
 * managers started as separate processes with the command line {@code up} gave the plane's
 * {@code cm-1}, changed only in identity, Lease name, trace file and injected bugs (and without
 * the scheduler or the write delay, which this election does not need). The same etcd members, API
 * servers and HAProxy serve it, so a second election costs two JVMs instead of a second plane.
 * The API servers trace the fence of the plane's own Lease only, so this trace holds the
 * candidates' steps and no fence events (a candidate's write stays in flight, which the spec
 * allows). Closing SIGKILLs its processes.
 */
final class FreshLeaseElection implements AutoCloseable {
  private final UpElectionRun plane;
  private final String lease;
  private final Path traceDir;
  private final Map<String, ProcessHandle> managers = new LinkedHashMap<>();

  /** Creates Lease kube-system/{@code lease} empty (the spec's initial Lease), then the candidates. */
  FreshLeaseElection(UpElectionRun plane, String lease, List<String> identities,
      Set<ElectionBug> bugs, Path traceDir) throws IOException {
    this.plane = plane;
    this.lease = lease;
    this.traceDir = traceDir;
    Probes.createEmptyLease(Probes.Access.of(plane.planeDir()), plane.serverUrl(),
        ControlPlane.LEASE_NAMESPACE, lease);
    for (String id : identities) {
      Path log = plane.planeDir().resolve("logs").resolve(id + ".log");
      managers.put(id, DetachedProcess.start(command(plane.commandOf("cm-1"), id, bugs), log,
          DetachedProcess.javaClassPath()));
    }
  }

  /** {@code up}'s command line for a controller manager, turned into one for this election. */
  private List<String> command(List<String> upCommand, String id, Set<ElectionBug> bugs) {
    List<String> cmd = new ArrayList<>();
    for (int i = 0; i < upCommand.size(); i++) {
      String arg = upCommand.get(i);
      if (arg.equals("--scheduler")) {
        continue;
      }
      if (arg.equals("--injected-write-delay-ms")) {
        i++; // and its value
        continue;
      }
      if (arg.equals("--identity") || arg.equals("--lease-trace-file")) {
        cmd.addAll(List.of(arg, arg.equals("--identity") ? id : traceFile(id).toString()));
        i++; // up's value replaced
        continue;
      }
      // the marker down recognises up's own processes by: this one is not
      cmd.add(arg.startsWith("-Dplumbline.up=") ? "-Dplumbline.up="
          + plane.planeDir().resolve(id) : arg);
    }
    cmd.addAll(List.of("--lease-name", lease));
    bugs.stream().sorted().forEach(b -> cmd.addAll(List.of("--injected-election-bug", b.name())));
    return cmd;
  }

  private Path traceFile(String id) {
    return traceDir.resolve(id + ".ndjson");
  }

  /**
   * The candidate holding this election's Lease, once one other than {@code not} holds it (the
   * first, {@code not} empty, within a JVM's start).
   */
  String awaitHolderOtherThan(String not) {
    String[] holder = {""};
    await().atMost(not.isEmpty() ? UpElectionRun.WAIT : UpElectionRun.START_WAIT)
        .pollInterval(Duration.ofMillis(20)).until(() -> {
      holder[0] = Probes.leaseHolder(plane.serverUrl(), ControlPlane.LEASE_NAMESPACE, lease)
          .orElse("");
      return !holder[0].isEmpty() && !holder[0].equals(not);
    });
    return holder[0];
  }

  /** SIGSTOPs candidate {@code id}. */
  void stop(String id) throws IOException {
    UpElectionRun.signal(managers.get(id).pid(), "STOP");
  }

  /**
   * SIGCONTs candidate {@code id} and waits until its elector took a step after the one the stop
   * caught: a Lease write that took effect while it was stopped (and that the others may have
   * read) is then in its trace, as UpdateSucceeds or UpdateUnanswered.
   */
  void resume(String id) throws IOException {
    int seen = LeaseTraceFile.read(traceFile(id)).size();
    UpElectionRun.signal(managers.get(id).pid(), "CONT");
    await().atMost(UpElectionRun.WAIT).pollInterval(Duration.ofMillis(20)).until(() ->
        LeaseTraceFile.read(traceFile(id)).stream().skip(seen).map(l -> l.event().action())
            .anyMatch(a -> a.equals("Get") || a.equals("StepDown")));
  }

  /**
   * SIGKILLs every candidate, the holder last (so no traced step reads a Lease write whose event
   * the kill lost), then merges their traces. Stopped candidates must be resumed first.
   */
  List<TraceMerge.Entry> killAndMerge() throws IOException {
    String holder = Probes.leaseHolder(plane.serverUrl(), ControlPlane.LEASE_NAMESPACE, lease)
        .orElse("");
    managers.entrySet().stream().sorted((a, b) -> Boolean.compare(a.getKey().equals(holder),
        b.getKey().equals(holder))).forEach(e -> kill(e.getValue()));
    List<Path> files = new ArrayList<>();
    for (String id : managers.keySet()) {
      if (traceFile(id).toFile().exists()) {
        files.add(traceFile(id));
      }
    }
    return TraceMerge.mergeFiles(files);
  }

  @Override
  public void close() {
    managers.values().forEach(FreshLeaseElection::kill);
  }

  private static void kill(ProcessHandle h) {
    if (h.isAlive()) {
      h.destroyForcibly();
      h.onExit().join();
    }
  }
}
