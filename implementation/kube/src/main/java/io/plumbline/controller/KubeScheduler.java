package io.plumbline.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.duties.Placement;
import io.plumbline.apiserver.http.Fencing;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler as kube-scheduler is: a client of the API server with its own identity (the
 * client certificate in {@code settings.tls()}, CN {@code system:kube-scheduler}). While it leads
 * through its own Lease ({@link LeaderElector}, lease name e.g. {@code kube-scheduler}), each pass
 * lists nodes and pods, and binds every pending pod where {@link Placement} says (the policy the
 * in-process scheduler uses too) with {@code POST pods/NAME/binding}, fenced by its lease
 * generation. A pass runs when a watch on unscheduled pods ({@link #PENDING_PODS}) reports a
 * change or reconnects, and at least every sync period (the resync that covers what a watch
 * misses). A 409 (already bound, or fenced off) is left to the next pass.
 */
public final class KubeScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KubeScheduler.class);

  /** kube-scheduler's informer for unassigned pods; the server ends it every 5 minutes. */
  static final String PENDING_PODS =
      "/api/v1/pods?watch=true&fieldSelector=spec.nodeName%3D&timeoutSeconds=300";

  private final ControllerManager.Settings settings;
  private final LeaderElector elector;
  private final ApiClient client;
  private final LeaderGatedLoop loop;
  private final WatchTrigger pending;
  private final AtomicLong bound = new AtomicLong();

  /** {@code settings} as a controller manager's: server, election (its own lease), period, TLS. */
  public KubeScheduler(ControllerManager.Settings settings, Clock clock, RandomGenerator random) {
    this.settings = settings;
    ApiClient unfenced = new ApiClient(settings.apiServer(), settings.requestTimeout(),
        Fencing.HEADER, () -> null, settings.tls());
    this.elector = new LeaderElector(unfenced, settings.election(), clock, random);
    this.client = new ApiClient(settings.apiServer(), settings.requestTimeout(), Fencing.HEADER,
        // fenced by the generation it leads with; one that never led (a test's direct pass) has none
        () -> settings.fencing() && elector.generation() >= 0
            ? settings.election().fenceClaim(elector.generation()) : null,
        settings.tls());
    this.loop = new LeaderGatedLoop("scheduler", elector, settings.election(),
        settings.syncPeriodMs(), this::schedule, LOG, "pass");
    // reads need no fence; a broken watch is retried as often as the election retries
    this.pending = new WatchTrigger(unfenced, PENDING_PODS, settings.election().retryPeriodMs(),
        loop::wake, LOG, settings.election().identity());
  }

  public KubeScheduler start() {
    loop.start();
    pending.start();
    return this;
  }

  public boolean isLeading() {
    return elector.isLeading();
  }

  /** Pods this instance bound so far. */
  public long bound() {
    return bound.get();
  }

  /** One pass, whether leading or not (the loop calls it only while leading): list, place, bind. */
  public long schedule() {
    ApiClient.Response nodes = client.get("/api/v1/nodes");
    ApiClient.Response pods = client.get("/api/v1/pods");
    if (!nodes.ok() || !pods.ok()) {
      LOG.warn("{}: list failed: nodes {}, pods {}", settings.election().identity(),
          nodes.code(), pods.code());
      return 0;
    }
    Placement placement = Placement.of(nodes.body().path("items"), pods.body().path("items"));
    long n = 0;
    for (JsonNode pod : pods.body().path("items")) {
      String chosen = Placement.pending(pod) ? placement.choose() : null;
      if (chosen != null && bind(pod, chosen)) {
        placement.placed(chosen);
        n++;
      }
    }
    return n;
  }

  private boolean bind(JsonNode pod, String nodeName) {
    String ns = Json.text(pod, "metadata.namespace");
    String name = Json.text(pod, "metadata.name");
    var binding = Json.object().put("apiVersion", "v1").put("kind", "Binding");
    binding.putObject("metadata").put("name", name).put("namespace", ns);
    binding.putObject("target").put("apiVersion", "v1").put("kind", "Node").put("name", nodeName);
    ApiClient.Response r = client.create("/api/v1/namespaces/" + ns + "/pods/" + name
        + "/binding", binding);
    if (r.ok()) {
      bound.incrementAndGet();
    } else if (r.code() != 409 && r.code() != 404) {
      LOG.warn("{}: binding {}/{} to {}: {} {}", settings.election().identity(), ns, name,
          nodeName, r.code(), r.body().path("message").asText());
    }
    return r.ok();
  }

  /** Stops; {@code release} gives the lease up (graceful), otherwise it must expire (a kill). */
  public void close(boolean release) {
    pending.close();
    loop.close(release);
  }

  @Override
  public void close() {
    close(true);
  }
}
