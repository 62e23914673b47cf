package io.plumbline.chaos.controlplane;

import io.plumbline.apiserver.ApiServer;
import io.plumbline.apiserver.store.StoreFailure;
import io.plumbline.chaos.nemesis.Applied;
import io.plumbline.chaos.workload.Workload.Verdict;
import io.plumbline.controller.ControllerManager;
import io.plumbline.controller.ElectionConfig;
import io.plumbline.controller.LeaderElector;
import io.plumbline.history.History;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A control plane in this JVM, cheap enough for {@code mvn verify}: API servers on a store's client
 * URLs and controller managers, each controller manager talking to one API server through a
 * {@link ControllerLink} (which records its writes and can hold them), no HAProxy: chaos clients are
 * spread over the API servers directly. Its one fault of its own is {@link #freezeLeader()}.
 */
public final class InProcessControlPlane implements CpPlane, AutoCloseable {
  /** The lease every controller manager campaigns for. */
  static final String LEASE_NAMESPACE = "kube-system";
  static final String LEASE_NAME = "plumbline-controller-manager";

  /** How many of each, on which store, fenced or not, with which lease timings. */
  public record Settings(List<String> storeUrls, int apiServers, int controllerManagers, boolean fencing,
      long leaseDurationMs, long renewDeadlineMs, long retryPeriodMs, long syncPeriodMs) {}

  /** One freeze: whom, since when (wall clock ms, the electors' clock). */
  private record Freeze(String fault, String leader, long atMs) {}

  private final Settings settings;
  private final List<ApiServer> servers = new ArrayList<>();
  private final List<ControllerLink> links = new ArrayList<>();
  private final List<ControllerManager> managers = new ArrayList<>();
  private final List<Freeze> freezes = new CopyOnWriteArrayList<>();

  private InProcessControlPlane(Settings settings) {
    this.settings = settings;
  }

  /** Starts everything, or nothing. */
  public static InProcessControlPlane start(Settings s) {
    InProcessControlPlane p = new InProcessControlPlane(s);
    try {
      for (int i = 0; i < s.apiServers(); i++) {
        p.servers.add(startApiServer(s));
      }
      for (int i = 0; i < s.controllerManagers(); i++) {
        p.startManager(i);
      }
      p.awaitLeader(30_000);
      return p;
    } catch (IOException e) {
      p.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      p.close();
      throw e;
    }
  }

  /**
   * One API server, no duties (pods need no node to count for their RC, and the duties would only add
   * load). Its start writes the default namespaces; a store that has just started, on a loaded machine,
   * may not answer that in time, so the start is tried up to 3 times.
   */
  private static ApiServer startApiServer(Settings s) {
    for (int attempt = 1; ; attempt++) {
      try {
        return ApiServer.start(new ApiServer.Settings(s.storeUrls(), "127.0.0.1", 0, Duration.ofSeconds(5), false,
            1_000, 0, 1_000, s.fencing()));
      } catch (StoreFailure e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  private void startManager(int i) throws IOException {
    String id = "controller-manager-" + (i + 1);
    AtomicReference<ControllerManager> self = new AtomicReference<>();
    ControllerLink link = new ControllerLink(id, apiServerUrls().get(i % servers.size()),
        () -> self.get() == null ? 0 : self.get().generation());
    links.add(link);
    ElectionConfig election = new ElectionConfig(LEASE_NAMESPACE, LEASE_NAME, id, settings.leaseDurationMs(),
        settings.renewDeadlineMs(), settings.retryPeriodMs());
    ControllerManager m = new ControllerManager(new ControllerManager.Settings(link.url(), election,
        settings.syncPeriodMs(), Duration.ofSeconds(5), settings.fencing()), Clock.systemUTC(), new SecureRandom());
    self.set(m);
    managers.add(m);
    m.start();
  }

  /**
   * Until a controller manager leads (at most {@code limitMs}): a plane that is up has a leader, and a
   * freeze planned early in the run must find one. Without one the run goes on, and a freeze that finds
   * none has no effect (the run's evidence says unknown).
   */
  private void awaitLeader(long limitMs) {
    long deadline = System.nanoTime() + limitMs * 1_000_000;
    while (managers.stream().noneMatch(ControllerManager::isLeading) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50); // polling the electors' state until the first lease is taken
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  public List<String> apiServerUrls() {
    return servers.stream().map(a -> "http://127.0.0.1:" + a.port()).toList();
  }

  /** {@code apiserver-1}, ...: the name of API server {@code i} in histories and reports. */
  public static String apiServerName(int i) {
    return "apiserver-" + (i + 1);
  }

  /**
   * How long a freeze waits for the leader to send an object creation before holding everything anyway
   * ({@link CpSchedule#inProcess} lengthens the freeze by as much, so the hold itself is not shortened).
   */
  static final long CREATION_WAIT_MS = 1_000;

  /**
   * Holds every write of the leading controller manager (see {@link ControllerLink}) from its next object
   * creation on, waiting up to {@link #CREATION_WAIT_MS} for one: its renewals stall until it is deposed,
   * and the creation it had in flight, which no precondition guards, lands after the takeover, where only
   * fencing can refuse it. A freeze that caught no creation in time holds from then on, and says so: the
   * writes it holds may all be refused for other reasons (a conflict, an object gone), and then the
   * fencing verdict is unknown, not valid.
   */
  public synchronized Applied freezeLeader(String fault) {
    // a loaded machine can leave the lease between holders for a moment (a renewal that missed its
    // deadline): wait up to a lease duration for a leader, within the run's drift tolerance
    long deadline = System.nanoTime() + settings.leaseDurationMs() * 1_000_000;
    while (managers.stream().noneMatch(ControllerManager::isLeading) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50); // polling the electors' state
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (int i = 0; i < managers.size(); i++) {
      if (managers.get(i).isLeading()) {
        String id = "controller-manager-" + (i + 1);
        ControllerLink link = links.get(i);
        link.holdFromNextCreation();
        long t0 = System.nanoTime();
        String creation;
        try {
          creation = link.awaitCreationHeld(CREATION_WAIT_MS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          link.hold();
          creation = "";
        }
        long waitedMs = (System.nanoTime() - t0) / 1_000_000;
        freezes.add(new Freeze(fault, id, System.currentTimeMillis()));
        return new Applied("hold the writes of the active controller manager " + id + (creation.isEmpty()
            ? " (no creation within " + CREATION_WAIT_MS + " ms: holding from then)"
            : " from its " + creation + ", " + waitedMs + " ms in"), null);
      }
    }
    return new Applied("hold the writes of the active controller manager", "no controller manager led within "
        + settings.leaseDurationMs() + " ms");
  }

  /** Lets every held write go on; says how many there were. */
  public synchronized String thawAll() {
    int held = 0;
    for (ControllerLink l : links) {
      held += l.heldSoFar();
      l.release();
    }
    return "controller links released (" + held + " write(s) held so far)";
  }

  /** Every write the controller managers sent, as their links saw it. */
  List<ControllerWrite> writes() {
    List<ControllerWrite> out = new ArrayList<>();
    links.forEach(l -> out.addAll(l.writes()));
    return out;
  }

  @Override
  public String readUrl() {
    return apiServerUrls().get(0);
  }

  @Override
  public String readName() {
    return apiServerName(0);
  }

  @Override
  public String serverName(String identity) {
    List<String> urls = apiServerUrls();
    for (int i = 0; i < urls.size(); i++) {
      if (urls.get(i).endsWith("//" + identity)) {
        return apiServerName(i);
      }
    }
    return identity;
  }

  /**
   * For each freeze, the first takeover by another controller manager after it (as that one's elector
   * recorded it), or a {@code none} takeover when none came.
   */
  @Override
  public List<CpNemesis.Takeover> takeovers() {
    List<CpNemesis.Takeover> out = new ArrayList<>();
    for (Freeze f : freezes) {
      CpNemesis.Takeover found = new CpNemesis.Takeover(f.fault(), f.leader(), "none", -1, -1);
      for (int i = 0; i < managers.size(); i++) {
        String id = "controller-manager-" + (i + 1);
        for (LeaderElector.Takeover t : managers.get(i).takeovers()) {
          if (!id.equals(f.leader()) && t.acquiredAtMs() >= f.atMs()
              && (found.ms() < 0 || t.acquiredAtMs() - f.atMs() < found.ms())) {
            found = new CpNemesis.Takeover(f.fault(), f.leader(), id, t.acquiredAtMs() - f.atMs(), t.afterObservedMs());
          }
        }
      }
      out.add(found);
    }
    return out;
  }

  /**
   * Judged from every write the controller managers sent ({@link FencingOracle#judge}); a stale creation the
   * pod watch read back also makes it invalid, and is the operation the report marks.
   */
  @Override
  public Verdict fencing(History history, List<FencingOracle.StampedWrite> readBack) {
    Verdict wire = FencingOracle.judge(writes());
    FencingOracle.StampedWrite stale = FencingOracle.firstStale(readBack);
    if (stale == null) {
      return wire;
    }
    Verdict v = wire.validity() == io.plumbline.checker.Validity.FALSE ? wire
        : FencingOracle.verdict(readBack, -1, "not asked (in-process run)");
    return v.naming(FencingOracle.blamed(history, stale, stale + ": a deposed leader's write"),
        "a deposed leader's write, accepted");
  }

  @Override
  public void close() {
    links.forEach(ControllerLink::release);
    managers.forEach(m -> m.close(false));
    links.forEach(ControllerLink::close);
    servers.forEach(ApiServer::close);
  }
}
