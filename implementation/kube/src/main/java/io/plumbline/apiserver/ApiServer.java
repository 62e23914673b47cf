package io.plumbline.apiserver;

import io.plumbline.apiserver.api.ObjectService;
import io.plumbline.apiserver.api.Resources;
import io.plumbline.apiserver.auth.BootstrapPolicy;
import io.plumbline.apiserver.auth.Security;
import io.plumbline.apiserver.duties.EndpointsController;
import io.plumbline.apiserver.duties.NodeHeartbeats;
import io.plumbline.apiserver.duties.ReconcileLoop;
import io.plumbline.apiserver.duties.Scheduler;
import io.plumbline.apiserver.http.ApiHttpServer;
import io.plumbline.apiserver.http.LeaseFencing;
import io.plumbline.apiserver.http.RequestAuth;
import io.plumbline.apiserver.store.EtcdObjectStore;
import io.plumbline.apiserver.store.ObjectStore;
import io.plumbline.apiserver.store.StoreFailure;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One API server process: the etcd-backed object service, its HTTP face, and its duties (the
 * scheduler and the endpoints controller). This is the composition root: the real clock and
 * randomness are chosen here and nowhere below.
 *
 * <p>Who writes how. The duties are part of this API server, not clients of it: they run in its
 * process, on its {@link ObjectService}, with the store credentials the process already holds,
 * and never cross the HTTP face, so they have no identity to authenticate and RBAC has nothing to
 * decide for them (as kube-apiserver's own in-process controllers, e.g. its bootstrap controller,
 * write to storage directly). They stand in for the kubelet and the endpoints controller this
 * control plane has no program for, and, only when {@link Settings#inProcessScheduler()} (embedded
 * test servers), for the scheduler. Everything outside this process writes through the HTTP face
 * and is authenticated and authorized there: the controller managers with their own client
 * certificate (CN {@code system:kube-controller-manager}, bound by {@link BootstrapPolicy} to a
 * role holding only what replication and its election need) and the external scheduler
 * ({@code controller.KubeScheduler}, CN {@code system:kube-scheduler}: read pods and nodes, create
 * {@code pods/binding}, its own lease); the {@code system:node} role is there for a kubelet.
 */
public final class ApiServer implements AutoCloseable {
  /**
   * How to run one API server. {@code fencing}: enforce the lease-generation header of fenced
   * writers (see {@link LeaseFencing}); false only observes it: stale writes go through and are
   * counted, to show what fencing prevents. {@code inProcessScheduler}: with the duties, bind
   * pending pods here too (the default, for embedded servers); false leaves binding to an external
   * scheduler ({@code controller.KubeScheduler}), as {@code up} runs it.
   */
  public record Settings(List<String> etcdEndpoints, String host, int port,
      Duration requestTimeout, boolean runDuties, long dutyResyncMs, int simulatedNodes,
      long watchBookmarkMs, boolean fencing, Security security, boolean inProcessScheduler) {
    /** Without security: plain HTTP, anonymous, every request allowed ({@link Security#OPEN}). */
    public Settings(List<String> etcdEndpoints, String host, int port, Duration requestTimeout,
        boolean runDuties, long dutyResyncMs, int simulatedNodes, long watchBookmarkMs,
        boolean fencing) {
      this(etcdEndpoints, host, port, requestTimeout, runDuties, dutyResyncMs, simulatedNodes,
          watchBookmarkMs, fencing, Security.OPEN);
    }

    /** With the in-process scheduler. */
    public Settings(List<String> etcdEndpoints, String host, int port, Duration requestTimeout,
        boolean runDuties, long dutyResyncMs, int simulatedNodes, long watchBookmarkMs,
        boolean fencing, Security security) {
      this(etcdEndpoints, host, port, requestTimeout, runDuties, dutyResyncMs, simulatedNodes,
          watchBookmarkMs, fencing, security, true);
    }

    public Settings withSecurity(Security s) {
      return new Settings(etcdEndpoints, host, port, requestTimeout, runDuties, dutyResyncMs,
          simulatedNodes, watchBookmarkMs, fencing, s, inProcessScheduler);
    }

    /** Pods are bound by an external scheduler through {@code pods/binding}, not here. */
    public Settings withoutInProcessScheduler() {
      return new Settings(etcdEndpoints, host, port, requestTimeout, runDuties, dutyResyncMs,
          simulatedNodes, watchBookmarkMs, fencing, security, false);
    }
  }

  private final ObjectStore store;
  private final ApiHttpServer http;
  private final LeaseFencing fencing;
  private final List<ReconcileLoop> duties = new ArrayList<>();

  private ApiServer(ObjectStore store, ApiHttpServer http, LeaseFencing fencing) {
    this.store = store;
    this.http = http;
    this.fencing = fencing;
  }

  /** Reports every fenced write's outcome to {@code sink} (trace validation; see LeaseFencing). */
  public void traceFencingTo(io.plumbline.apiserver.api.LeaseTraceSink sink) {
    fencing.traceTo(sink);
  }

  /** As {@link #traceFencingTo(io.plumbline.apiserver.api.LeaseTraceSink)}, for one Lease's writes. */
  public void traceFencingTo(io.plumbline.apiserver.api.LeaseTraceSink sink, String lease) {
    fencing.traceTo(sink, lease);
  }

  /** Writes from a stale lease generation accepted because fencing was off (observe only). */
  public long staleWritesAccepted() {
    return fencing.staleWritesAccepted();
  }

  /** Starts everything, or nothing: on a failure what was started is stopped again. */
  public static ApiServer start(Settings settings) {
    ObjectStore store = new EtcdObjectStore(settings.etcdEndpoints(), settings.requestTimeout(),
        settings.security().etcdTls().orElse(null));
    try {
      return start(settings, store);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private static ApiServer start(Settings settings, ObjectStore store) {
    LeaseFencing fencing = new LeaseFencing(store, settings.fencing());
    RandomGenerator random = new SecureRandom();
    Clock clock = Clock.systemUTC();
    ObjectService objects = new ObjectService(store, clock, random);
    objects.bootstrapNamespaces();
    SimulatedNodes.register(objects, settings.simulatedNodes());
    if (settings.security().authorizationMode() == Security.Mode.RBAC) {
      BootstrapPolicy.ensure(objects);
    }
    ApiHttpServer http = new ApiHttpServer(objects,
        fencing,
        settings.watchBookmarkMs(), () -> reachable(store),
        RequestAuth.of(settings.security(), objects, clock));
    http.start(settings.host(), settings.port());
    ApiServer server = new ApiServer(store, http, fencing);
    if (settings.runDuties()) {
      server.duties.add(new ReconcileLoop("scheduler", new Scheduler(objects, clock, random,
          settings.inProcessScheduler()),
          settings.dutyResyncMs()).start(store,
              List.of(Resources.PODS.prefix(), Resources.NODES.prefix())));
      server.duties.add(new ReconcileLoop("node-heartbeats", new NodeHeartbeats(objects, clock),
          settings.dutyResyncMs()).start(store, List.of(Resources.NODES.prefix())));
      server.duties.add(new ReconcileLoop("endpoints-controller", new EndpointsController(objects),
          settings.dutyResyncMs()).start(store, List.of(Resources.PODS.prefix(),
              Resources.SERVICES.prefix(), Resources.ENDPOINTS.prefix(),
              Resources.ENDPOINT_SLICES.prefix())));
    }
    return server;
  }

  public int port() {
    return http.port();
  }

  /** The store answers a linearizable read in time. */
  private static boolean reachable(ObjectStore store) {
    try {
      store.get(Resources.NAMESPACES.key(null, "default"));
      return true;
    } catch (StoreFailure e) {
      return false;
    }
  }

  @Override
  public void close() {
    http.close();
    duties.forEach(ReconcileLoop::close);
    store.close();
  }
}
