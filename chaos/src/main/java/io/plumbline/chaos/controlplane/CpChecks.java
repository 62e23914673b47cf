package io.plumbline.chaos.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.chaos.workload.Workload.Verdict;
import io.plumbline.checker.Validity;
import io.plumbline.controlplane.Component;
import io.plumbline.controlplane.ControlPlaneState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The control-plane checks, each one verdict; all read the cluster through HTTP. */
final class CpChecks {
  private CpChecks() {}

  /**
   * RCs whose owned pods (controller ownerReference = the RC's uid) or status differ from
   * spec.replicas; empty when all converged.
   */
  static List<String> unconverged(RcClient client) {
    List<String> out = new ArrayList<>();
    Optional<JsonNode> rcs = client.get(RcClient.RCS);
    if (rcs.isEmpty()) {
      return List.of("the RC list is not readable through HAProxy");
    }
    for (JsonNode rc : rcs.get().path("items")) {
      String name = rc.at("/metadata/name").asText();
      int want = rc.at("/spec/replicas").asInt();
      long owned = pods(client, name).stream().filter(p -> ownerUid(p).equals(
          rc.at("/metadata/uid").asText())).count();
      int status = rc.at("/status/replicas").asInt(-1);
      if (owned != want || status != want) {
        out.add(name + ": spec.replicas " + want + ", owned pods " + owned + ", status.replicas "
            + status);
      }
    }
    return out;
  }

  /**
   * Pods whose controller (an RC) no longer exists: the controller manager's garbage collector
   * deletes them within a sync period or two, so this polls for up to {@code waitMs}.
   */
  static Verdict orphans(RcClient client, long waitMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + waitMs;
    while (true) {
      Optional<JsonNode> pods = client.get("/api/v1/namespaces/default/pods");
      Optional<JsonNode> rcs = client.get(RcClient.RCS);
      boolean late = System.currentTimeMillis() > deadline;
      if (pods.isEmpty() || rcs.isEmpty()) {
        if (late) {
          return new Verdict("no orphaned pods", Validity.UNKNOWN, "pods or RCs not readable "
              + "through HAProxy for " + waitMs + " ms", "");
        }
        Thread.sleep(500); // a read that timed out on a loaded machine: read again
        continue;
      }
      Verdict v = orphans(pods.get(), rcs.get());
      if (v.validity() == Validity.TRUE || late) {
        return v;
      }
      Thread.sleep(500); // polling until the garbage collector's next pass
    }
  }

  /** The orphans among {@code pods} (a PodList), given the live RCs (an RC list). */
  static Verdict orphans(JsonNode pods, JsonNode rcs) {
    java.util.Set<String> uids = new java.util.HashSet<>();
    rcs.path("items").forEach(rc -> uids.add(rc.at("/metadata/uid").asText()));
    List<String> orphans = new ArrayList<>();
    for (JsonNode p : pods.path("items")) {
      String owner = ownerUid(p);
      if (!owner.isEmpty() && !uids.contains(owner)) {
        orphans.add(p.at("/metadata/name").asText() + " (owner uid " + owner + " is gone)");
      }
    }
    return orphans.isEmpty()
        ? new Verdict("no orphaned pods", Validity.TRUE, "every owned pod's RC exists", "")
        : new Verdict("no orphaned pods", Validity.FALSE, orphans.size() + " pod(s) outlived "
            + "their RC (neither the cascading delete nor the garbage collector removed them)",
            String.join("\n", orphans));
  }

  private static List<JsonNode> pods(RcClient client, String rc) {
    List<JsonNode> out = new ArrayList<>();
    client.get("/api/v1/namespaces/default/pods?labelSelector=rc%3D" + rc)
        .ifPresent(l -> l.path("items").forEach(out::add));
    return out;
  }

  private static String ownerUid(JsonNode pod) {
    for (JsonNode ref : pod.at("/metadata/ownerReferences")) {
      if (ref.path("controller").asBoolean(false)) {
        return ref.path("uid").asText("");
      }
    }
    return "";
  }

  static Verdict convergence(List<String> unconverged, int rcs, long waitedMs) {
    return unconverged.isEmpty()
        ? new Verdict("convergence", Validity.TRUE, "every RC (" + rcs + ") has exactly "
            + "spec.replicas pods and status, " + waitedMs + " ms after the heal", "")
        : new Verdict("convergence", Validity.FALSE, unconverged.size()
            + " RC(s) did not converge after the heal", String.join("\n", unconverged));
  }

  /**
   * Fencing, judged by {@link FencingOracle} from the pod creations the watch read back; every API
   * server's {@code /debug/fencing} accounting is reported beside it as extra evidence only.
   */
  static Verdict fencing(ControlPlaneState state, List<FencingOracle.StampedWrite> readBack) {
    long refused = 0;
    long accepted = 0;
    for (Component api : state.ofKind(Component.Kind.APISERVER)) {
      Optional<JsonNode> a = new RcClient(api.url()).get("/debug/fencing");
      if (a.isEmpty()) {
        return FencingOracle.verdict(readBack, -1, api.name() + " did not answer /debug/fencing");
      }
      refused += a.get().path("staleWritesRefused").asLong();
      accepted += a.get().path("staleWritesAccepted").asLong();
    }
    return FencingOracle.verdict(readBack, refused + accepted, refused + " stale-generation write(s) refused, "
        + accepted + " accepted");
  }

  /**
   * Each takeover within client-go's bound as the new leader measured it: no earlier than the
   * lease duration and no later than {@code boundMs} after it last saw the old holder's lease
   * record change. The time from the fault itself is reported beside it (it adds how late the
   * standby last saw a renewal — a full lease duration for a standby started just before).
   * Unknown when no takeover-causing fault ran (a controller fault without a takeover is a
   * {@code none} takeover, and invalid).
   */
  static Verdict takeovers(List<CpNemesis.Takeover> takeovers, long boundMs, long leaseMs) {
    if (takeovers.isEmpty()) { // no controller was killed or paused: nothing was judged, never "valid"
      return new Verdict("standby takeover", Validity.UNKNOWN, "no takeover-causing fault (kill or SIGSTOP of the"
          + " active controller manager) ran in this run: nothing to judge; run longer or with another seed", "");
    }
    List<String> late = takeovers.stream()
        .filter(t -> t.ms() < 0 || t.afterObservedMs() < leaseMs || t.afterObservedMs() > boundMs)
        .map(t -> t.fault() + ": " + t.from() + " -> " + t.to() + " after " + t.ms()
            + " ms, " + t.afterObservedMs() + " ms after the last observed lease change")
        .toList();
    String times = takeovers.stream().map(t -> t.afterObservedMs() + " (" + t.ms() + ")")
        .toList().toString();
    return late.isEmpty()
        ? new Verdict("standby takeover", Validity.TRUE, takeovers.size() + " takeover(s), ms "
            + "after the last observed lease change (after the fault) " + times + ", all within ["
            + leaseMs + ", " + boundMs + "]", "")
        : new Verdict("standby takeover", Validity.FALSE, late.size() + " of " + takeovers.size()
            + " takeover(s) outside [" + leaseMs + ", " + boundMs + "] ms after the last "
            + "observed lease change, unlogged or missing", String.join("\n", late));
  }

  static Verdict watch(RvWatcher watcher) {
    List<String> v = watcher.violations();
    String summary = watcher.events() + " events over " + watcher.reconnects() + " reconnect(s)";
    return v.isEmpty()
        ? new Verdict("watch resourceVersion monotonic", Validity.TRUE, summary
            + ", never went back", "")
        : new Verdict("watch resourceVersion monotonic", Validity.FALSE, v.size()
            + " step(s) back; " + summary, String.join("\n", v));
  }
}
