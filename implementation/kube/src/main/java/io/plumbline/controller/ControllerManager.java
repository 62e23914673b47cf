package io.plumbline.controller;

import io.plumbline.apiserver.api.LeaseTraceSink;
import io.plumbline.apiserver.http.Fencing;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One controller-manager instance: a leader-election candidate, the replication loop and the
 * garbage collector, which run only while this instance believes it leads. With fencing on,
 * every controller write carries the lease generation this instance acquired, so the API server
 * refuses the writes of a deposed leader that has not noticed yet; with fencing off, those
 * writes land (the double-leader hazard of {@code spec/election/LeaseElection.tla}).
 */
public final class ControllerManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControllerManager.class);

  /** How to run one instance. */
  public record Settings(String apiServer, ElectionConfig election, long syncPeriodMs,
      Duration requestTimeout, boolean fencing, javax.net.ssl.SSLContext tls) {
    /** Over plain HTTP, without credentials. */
    public Settings(String apiServer, ElectionConfig election, long syncPeriodMs,
        Duration requestTimeout, boolean fencing) {
      this(apiServer, election, syncPeriodMs, requestTimeout, fencing, null);
    }
  }

  private final Settings settings;
  private final LeaderElector elector;
  private final ReplicationManager replication;
  private final GarbageCollector collector;
  private final LeaderGatedLoop loop;
  private final AtomicLong fencedWrites = new AtomicLong();
  private final AtomicLong syncs = new AtomicLong();

  public ControllerManager(Settings settings, Clock clock, RandomGenerator random) {
    this(settings, clock, random, LeaseTraceSink.OFF, Set.of());
  }

  /**
   * An instance whose election and fenced writes report to {@code trace} (LeaseElection.tla's
   * actions, see {@link LeaderElector}), with deliberate election {@code bugs} (tests only).
   */
  public ControllerManager(Settings settings, Clock clock, RandomGenerator random,
      LeaseTraceSink trace, Set<ElectionBug> bugs) {
    this(settings, clock, random, trace, bugs, () -> { });
  }

  /**
   * As above, with {@code beforeSend} run between each fenced write's StartWrite and its send
   * (tests only: the command line's injected write delay): the spec lets any time pass between
   * {@code StartWrite} and the write reaching the fence, and a run under SIGSTOP needs a write
   * decided before the stop and sent after it (the deposed leader's stale write, which the fence
   * must refuse: {@code WriteRejected}). Without it, whether such a write happens is a race between
   * the resumed elector's {@code StepDown} and the controllers' next pass.
   */
  public ControllerManager(Settings settings, Clock clock, RandomGenerator random,
      LeaseTraceSink trace, Set<ElectionBug> bugs, Runnable beforeSend) {
    this.settings = settings;
    ApiClient unfenced = new ApiClient(settings.apiServer(), settings.requestTimeout(),
        Fencing.HEADER, () -> null, settings.tls());
    this.elector = new LeaderElector(unfenced, settings.election(), clock, random, trace, bugs);
    // fenced: each write is the spec's StartWrite, stamped with the generation this instance
    // leads under; one decided after the elector stepped down is not sent (as client-go cancels
    // a lost leader's context). Unfenced (fencing off): no header.
    ApiClient fenced = new ApiClient(settings.apiServer(), settings.requestTimeout(),
        Fencing.HEADER, () -> settings.fencing() ? held(elector.startWrite().orElseThrow(() ->
            ApiClient.notSent(settings.election().identity() + " no longer leads: write not sent")),
            beforeSend) : null, settings.tls())
        // fenced or not, every controller write says who wrote it under which generation: the
        // evidence a reader needs to see a deposed leader's write land (chaos's fencing check)
        .withWriterStamp(() -> settings.election().identity() + "@" + elector.generation());
    this.replication = new ReplicationManager(fenced, clock);
    this.collector = new GarbageCollector(fenced);
    this.loop = new LeaderGatedLoop("replication", elector, settings.election(),
        settings.syncPeriodMs(), this::sync, LOG, "sync");
  }

  /** The fencing claim of a write already decided ({@code StartWrite}), after {@code hold} ran. */
  private static String held(String claim, Runnable hold) {
    hold.run();
    return claim;
  }

  public ControllerManager start() {
    loop.start();
    return this;
  }

  public boolean isLeading() {
    return elector.isLeading();
  }

  public long generation() {
    return elector.generation();
  }

  /** This instance's takeovers of the lease from another holder, with their timing. */
  public java.util.List<LeaderElector.Takeover> takeovers() {
    return elector.takeovers();
  }

  /** Writes the API server refused as coming from a stale generation. */
  public long fencedWrites() {
    return fencedWrites.get();
  }

  public long syncs() {
    return syncs.get();
  }

  /** One pass while leading: replication, then (unless fenced off) garbage collection. */
  private void sync() {
    SyncReport report = replication.sync();
    if (report.fenced() == 0) {
      report = report.plus(collector.collect());
    }
    syncs.incrementAndGet();
    fencedWrites.addAndGet(report.fenced());
    if (report.fenced() > 0) {
      LOG.warn("{}: {} writes fenced off: generation {} is stale",
          settings.election().identity(), report.fenced(), elector.generation());
    }
  }

  /** Stops; {@code release} gives the lease up (graceful), otherwise it must expire (a kill). */
  public void close(boolean release) {
    loop.close(release);
  }

  @Override
  public void close() {
    close(true);
  }
}
