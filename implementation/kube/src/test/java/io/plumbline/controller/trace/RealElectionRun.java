package io.plumbline.controller.trace;

import static org.awaitility.Awaitility.await;

import io.plumbline.apiserver.OneMemberApiServer;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.LeaseTraceSink;
import io.plumbline.apiserver.http.Fencing;
import io.plumbline.controller.ApiClient;
import io.plumbline.controller.ElectionConfig;
import io.plumbline.controller.LeaderElector;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real election run for trace validation: three {@link LeaderElector}s (the production loop on
 * the system clock) against a real API server on etcd, each with a writer that, while its elector
 * leads, creates ConfigMaps carrying the fencing header. The leader is stalled past its lease
 * ({@link LeaderElector#stallFor}: its loop stops as under SIGSTOP, its writer goes on with a now
 * stale generation). Every step goes to one {@link TraceRecorder}.
 */
final class RealElectionRun implements AutoCloseable {
  /**
   * client-go's ratios, scaled so a run takes seconds; the lease in whole seconds, as the Lease
   * records it (candidates time expiry by the record's leaseDurationSeconds).
   */
  static final long LEASE_MS = 2_000;
  static final long RENEW_DEADLINE_MS = 600;
  static final long RETRY_MS = 200;
  static final TraceLeaseElectionCheck.Timing TIMING = TraceLeaseElectionCheck.Timing.of(
      LEASE_MS, RENEW_DEADLINE_MS);
  private static final long WRITE_EVERY_MS = 100;
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final OneMemberApiServer server;
  private final String leaseName;
  private final TraceRecorder recorder = new TraceRecorder();
  private final List<LeaderElector> electors = new ArrayList<>();
  private final List<Writer> writers = new ArrayList<>();

  RealElectionRun(OneMemberApiServer server, String leaseName) {
    this.server = server;
    this.leaseName = leaseName;
    createEmptyLease();
    server.traceFencingTo(recorder);
    for (int i = 1; i <= 3; i++) {
      ElectionConfig config = new ElectionConfig("kube-system", leaseName, "c" + i, LEASE_MS,
          RENEW_DEADLINE_MS, RETRY_MS);
      ApiClient client = new ApiClient(server.url(), Duration.ofSeconds(5), Fencing.HEADER,
          () -> null);
      LeaderElector elector = new LeaderElector(client, config, Clock.systemUTC(),
          new Random(i), recorder, Set.of()).start();
      electors.add(elector);
      writers.add(new Writer(elector, "c" + i).start());
    }
  }

  /** The spec's initial Lease: no holder, no transitions (LeaderElector would create it with 0). */
  private void createEmptyLease() {
    var lease = Json.object().put("apiVersion", "coordination.k8s.io/v1").put("kind", "Lease");
    lease.putObject("metadata").put("name", leaseName).put("namespace", "kube-system");
    lease.putObject("spec").put("holderIdentity", "").put("leaseTransitions", 0);
    ApiClient.Response r = server.client().create(
        "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases", lease);
    if (!r.ok()) {
      throw new IllegalStateException("could not create the Lease: " + r.code() + " " + r.body());
    }
  }

  /** The current leader with the highest generation, once one leads. */
  LeaderElector awaitLeaderAbove(long generation) {
    AtomicReference<LeaderElector> found = new AtomicReference<>();
    await().atMost(WAIT).until(() -> {
      Optional<LeaderElector> l = electors.stream().filter(LeaderElector::isLeading)
          .filter(e -> e.generation() > generation)
          .max(Comparator.comparingLong(LeaderElector::generation));
      l.ifPresent(found::set);
      return l.isPresent();
    });
    return found.get();
  }

  /** Waits until {@code n} more events named {@code action} were traced. */
  void awaitMore(String action, long n) {
    long target = recorder.count(action) + n;
    await().atMost(WAIT).until(() -> recorder.count(action) >= target);
  }

  /** Stops {@code leader}'s loop for twice its lease (its writer goes on). */
  void stall(LeaderElector leader) {
    leader.stallFor(Duration.ofMillis(2 * LEASE_MS));
  }

  List<TraceMerge.Sourced> events() {
    return recorder.events();
  }

  @Override
  public void close() {
    writers.forEach(Writer::stop);
    electors.forEach(e -> e.close(false));
    server.traceFencingTo(LeaseTraceSink.OFF);
  }

  /** While its elector leads, creates one ConfigMap at a time with the fencing header. */
  private final class Writer implements Runnable {
    private final LeaderElector elector;
    private final String name;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile String claim;

    Writer(LeaderElector elector, String name) {
      this.elector = elector;
      this.name = name;
      this.thread = new Thread(this, "writer-" + name);
    }

    Writer start() {
      thread.start();
      return this;
    }

    @Override
    public void run() {
      ApiClient fenced = new ApiClient(server.url(), Duration.ofSeconds(5), Fencing.HEADER,
          () -> claim);
      for (int n = 0; !stopped; n++) {
        Optional<String> c = elector.startWrite();
        if (c.isPresent()) {
          claim = c.get();
          var cm = Json.object().put("apiVersion", "v1").put("kind", "ConfigMap");
          cm.putObject("metadata").put("name", leaseName + "-" + name + "-" + n);
          try {
            fenced.create("/api/v1/namespaces/default/configmaps", cm);
          } catch (ApiClient.Unreachable e) {
            // indefinite: the trace has its StartWrite and, if it reached the fence, the outcome
          }
        }
        try {
          Thread.sleep(WRITE_EVERY_MS); // the controller's pace, not a wait for a condition
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void stop() {
      stopped = true;
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
