package io.plumbline.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.LeaseTraceEvent;
import io.plumbline.apiserver.api.LeaseTraceSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O shell around {@link LeaseElection}, with client-go's loop: try to acquire every retry
 * period (jittered by up to 1.2×), then renew every retry period; if no renewal succeeds for a
 * renew deadline, leadership is lost (at that instant: a pause never runs past it) and the
 * candidate starts over. Its time and pauses come only through an {@link ElectionClock} and its
 * Lease calls through a {@link LeaseApi}, so a test can run the whole loop on a fake clock
 * ({@code LeaderElectorTimingTest}). Lease writes are never
 * fenced (a candidate has no generation yet); leadership and generation are published through
 * volatile fields for the controllers.
 *
 * <p>Traced (a {@link LeaseTraceSink} other than {@code OFF}): each step of this loop is reported
 * as the {@code spec/election/LeaseElection.tla} action it takes ({@link LeaseElection}'s methods
 * name them; {@link #startWrite} is {@code StartWrite}), with the Lease revision it read or wrote,
 * for {@code TraceLeaseElection.tla}. Untraced, no event is built. Not spec actions, so not
 * traced: creating a missing Lease (the spec's Lease always exists; a traced run starts from an
 * empty one) and {@code close(true)}'s release.
 */
public final class LeaderElector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderElector.class);
  private static final double JITTER_FACTOR = 1.2;
  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
          .withZone(java.time.ZoneOffset.UTC);

  private final LeaseApi api;
  private final ElectionConfig config;
  private final ElectionClock clock;
  private final RandomGenerator random;
  private final LeaseElection election;
  private final Set<ElectionBug> bugs;
  private final Thread thread;
  private volatile boolean leading;
  private volatile long generation = -1;
  private volatile boolean stopped;
  private final List<Takeover> takeovers = new CopyOnWriteArrayList<>();
  private final LeaseTraceSink trace;
  /** Guards the step down together with {@link #startWrite}, so a trace orders the two. */
  private final Object leadership = new Object();
  /** The Lease revision the step being traced read or wrote (-1: none); loop thread only. */
  private long traceRevision = -1;
  /** Test hook: the loop takes no step before this time on its clock (as if SIGSTOPped). */
  private volatile long stalledUntilMs;

  /**
   * This candidate took the lease from {@code from} at generation {@code generation}: at
   * {@code acquiredAtMs} (the time its decision was taken, before the write), having last seen
   * the old holder's record change at {@code observedAtMs}, both on its own clock. client-go's
   * bound: {@code acquiredAtMs - observedAtMs} lies between the lease duration and the lease
   * duration + one retry period (+ the read's round trip).
   */
  public record Takeover(String from, long generation, long observedAtMs, long acquiredAtMs) {
    public long afterObservedMs() {
      return acquiredAtMs - observedAtMs;
    }
  }

  public LeaderElector(ApiClient client, ElectionConfig config, Clock clock,
      RandomGenerator random) {
    this(client, config, clock, random, LeaseTraceSink.OFF, Set.of());
  }

  /**
   * An elector that reports its steps to {@code trace}, with deliberate {@code bugs} (tests only:
   * trace validation must reject a run with a bug).
   */
  public LeaderElector(ApiClient client, ElectionConfig config, Clock clock,
      RandomGenerator random, LeaseTraceSink trace, Set<ElectionBug> bugs) {
    this(LeaseApi.over(client), config, ElectionClock.system(clock), random, trace, bugs);
  }

  /**
   * An elector whose Lease calls go to {@code api} and whose time is {@code clock} (its own: the
   * elector {@link ElectionClock#stop stops} it on close).
   */
  public LeaderElector(LeaseApi api, ElectionConfig config, ElectionClock clock,
      RandomGenerator random, LeaseTraceSink trace, Set<ElectionBug> bugs) {
    this.api = api;
    this.config = config;
    this.clock = clock;
    this.random = random;
    this.trace = trace;
    this.bugs = Set.copyOf(bugs);
    this.election = new LeaseElection(config, trace.enabled() ? this::traceStep : ElectionTrace.NONE,
        bugs);
    this.thread = new Thread(this::run, "leader-elector-" + config.identity());
    this.thread.setDaemon(true);
  }

  public LeaderElector start() {
    thread.start();
    return this;
  }

  /** True while this candidate believes it holds the lease (it may be wrong: see fencing). */
  public boolean isLeading() {
    return leading;
  }

  /** The lease generation (leaseTransitions) this candidate acquired, or -1 before that. */
  public long generation() {
    return generation;
  }

  /** The takeovers of this candidate so far (a handful per run; for tests and chaos checks). */
  public List<Takeover> takeovers() {
    return List.copyOf(takeovers);
  }

  /**
   * The elector's loop, on the caller's thread, until it is closed or its clock's
   * {@link ElectionClock#pause pause} says stop ({@link #start} runs it on the elector's thread;
   * a deterministic test calls it directly with a fake clock).
   */
  void run() {
    while (!stopped) {
      // client-go's acquire timeout: kube-controller-manager gives its leader-election client
      // the renew deadline, so a slow answer on a loaded machine is waited for rather than
      // thrown away together with a whole retry period
      while (!stopped && !tryAcquireOrRenew(config.renewDeadlineMs())) {
        pause(election.nextAttemptInMs(clock.millis(), jitteredRetryMs()));
      }
      if (stopped) {
        return;
      }
      leading = true;
      LOG.info("{}: leading with lease generation {}", config.identity(), generation);
      renewUntilLost();
      leading = false;
      LOG.info("{}: {}", config.identity(), stopped ? "stopped" : "lost the lease");
    }
  }

  /** client-go's wait.JitterUntil: the retry period stretched by up to 1.2 of itself, never less. */
  private long jitteredRetryMs() {
    double factor = bugs.contains(ElectionBug.JITTER_BELOW_RETRY)
        ? random.nextDouble() * JITTER_FACTOR : 1 + random.nextDouble() * JITTER_FACTOR;
    return (long) (config.retryPeriodMs() * factor);
  }

  /**
   * Renews every retry period until the renew deadline passes without a successful renewal; then
   * steps down at that instant: the pause before an attempt ends at the deadline at the latest
   * (client-go's poll ends when its renew-deadline context does), and a renewal may take only
   * what is left of the deadline (client-go's timeout context).
   */
  private void renewUntilLost() {
    boolean lateBug = bugs.contains(ElectionBug.STEP_DOWN_A_RETRY_LATE);
    boolean first = true;
    while (!stopped) {
      if (!(first && bugs.contains(ElectionBug.RENEW_AT_ACQUIRE))) {
        pause(lateBug ? config.retryPeriodMs()
            : Math.min(config.retryPeriodMs(), untilRenewDeadlineMs()));
      }
      first = false;
      if (stopped || stepDownIfDue()) {
        return;
      }
      long left = bugs.contains(ElectionBug.RENEW_PAST_DEADLINE) ? config.renewDeadlineMs()
          : untilRenewDeadlineMs();
      if (!tryAcquireOrRenew(left) && !lateBug && stepDownIfDue()) {
        return;
      }
    }
  }

  /** What is left (at least 1 ms) of a round's budget that ends at {@code deadlineMs}. */
  private long leftOf(long deadlineMs) {
    return Math.max(1, deadlineMs - clock.millis());
  }

  private long untilRenewDeadlineMs() {
    return election.lastRenewMs() + config.renewDeadlineMs() - clock.millis();
  }

  /** Spec action {@code StepDown(c)}, taken when the renew deadline has passed. */
  private boolean stepDownIfDue() {
    synchronized (leadership) {
      traceRevision = -1;
      if (!election.stepDown(clock.millis())) {
        return false;
      }
      leading = false;
      return true;
    }
  }

  /**
   * Spec action {@code StartWrite(c)}: a controller of this leader is about to send a write. While
   * this candidate leads, returns the fencing header value (namespace/lease=generation) that write
   * must carry, and traces the step; else empty. A leader that stalled past its lease still
   * answers here until its loop runs again and steps down: that is the stale writer fencing stops.
   */
  public Optional<String> startWrite() {
    synchronized (leadership) {
      if (!leading) {
        return Optional.empty();
      }
      if (trace.enabled()) {
        trace.emit(new LeaseTraceEvent("StartWrite", config.identity(), clock.millis(), "", 0, 0,
            "", -1, generation, -1));
      }
      return Optional.of(config.fenceClaim(generation));
    }
  }

  /**
   * Test hook: the loop takes no further step until {@code duration} has passed on its clock, as
   * if the process were SIGSTOPped while waiting between two attempts (where it spends nearly all
   * its time). {@link #startWrite} still answers: a SIGSTOP would stop the controllers too, but
   * their writes decided before it would arrive after it, and these are the stale writes fencing
   * must refuse.
   */
  public void stallFor(Duration duration) {
    stalledUntilMs = clock.millis() + duration.toMillis();
  }

  /**
   * One round of client-go's tryAcquireOrRenew: read, decide, conditionally write; the read and
   * the write share {@code timeoutMs} (client-go's one context for the round).
   */
  private boolean tryAcquireOrRenew(long timeoutMs) {
    try {
      long budgetMs = Math.max(1, timeoutMs);
      long deadlineMs = clock.millis() + budgetMs;
      ApiClient.Response read = api.get(leasePath() + "/" + config.name(), budgetMs);
      if (read.code() != 200 && read.code() != 404) {
        return false;
      }
      Optional<LeaseRecord> current = read.code() == 404 ? Optional.empty()
          : Optional.of(LeaseRecord.fromSpec(read.body().path("spec")));
      // one clock reading for the decision and the renewTime it writes
      Instant instant = clock.instant();
      long now = instant.toEpochMilli();
      traceRevision = revision(read);
      LeaseElection.Decision decision = election.decide(current, now, microTime(instant));
      ApiClient.Response write;
      try {
        write = switch (decision.kind()) {
          case WAIT -> null;
          case CREATE -> api.create(leasePath(), lease(decision.record(), null), leftOf(deadlineMs));
          case UPDATE -> api.update(leasePath() + "/" + config.name(),
              lease(decision.record(), read.body().path("metadata")), leftOf(deadlineMs));
        };
      } catch (ApiClient.Unreachable e) {
        traceRevision = -1; // the merge finds where it landed, if it did
        election.unanswered(decision.record(), now);
        throw e;
      }
      if (write != null && write.code() == 409) {
        traceRevision = -1; // the merge places it after the write that beat it
        election.conflicted(now);
      } else if (write != null && !write.ok()) {
        traceRevision = -1; // e.g. a store timeout behind the API server: indefinite too
        election.unanswered(decision.record(), now);
      }
      if (write == null || !write.ok()) {
        return false;
      }
      recordTakeover(decision.record(), now);
      traceRevision = revision(write);
      election.written(decision.record(),
          bugs.contains(ElectionBug.RENEW_DEADLINE_FROM_ANSWER) ? clock.millis() : now);
      generation = decision.record().leaseTransitions();
      return true;
    } catch (ApiClient.Unreachable e) {
      LOG.debug("{}: {}", config.identity(), e.getMessage());
      return false;
    }
  }

  /** A write that raised the generation over another holder's record is a takeover. */
  private void recordTakeover(LeaseRecord written, long nowMs) {
    String from = election.observedHolder();
    if (from.isEmpty() || from.equals(config.identity())) {
      return;
    }
    Takeover t = new Takeover(from, written.leaseTransitions(), election.observedTimeMs(), nowMs);
    takeovers.add(t);
    LOG.info("{}: took over from {} at generation {}, {} ms after last seeing its lease record "
        + "change (bound: lease {} ms + retry {} ms)", config.identity(), from, t.generation(),
        t.afterObservedMs(), config.leaseDurationMs(), config.retryPeriodMs());
  }

  private static long revision(ApiClient.Response response) {
    return response.body().path("metadata").path("resourceVersion").asLong(-1);
  }

  /** Turns a step of {@link LeaseElection} into a trace event with the revision it read/wrote. */
  private void traceStep(String action, String candidate, long nowMs, LeaseRecord lease,
      String intent) {
    trace.emit(new LeaseTraceEvent(action, candidate, nowMs,
        lease == null ? "" : lease.holderIdentity(),
        lease == null || lease.renewTime().isEmpty() ? 0
            : Instant.parse(lease.renewTime()).toEpochMilli(),
        lease == null ? 0 : lease.leaseTransitions(), intent == null ? "" : intent,
        traceRevision, 0, -1));
  }

  private ObjectNode lease(LeaseRecord record, JsonNode readMetadata) {
    ObjectNode lease = Json.object().put("apiVersion", "coordination.k8s.io/v1")
        .put("kind", "Lease");
    ObjectNode meta = lease.putObject("metadata").put("name", config.name())
        .put("namespace", config.namespace());
    if (readMetadata != null) {
      meta.put("resourceVersion", readMetadata.path("resourceVersion").asText());
    }
    lease.set("spec", record.toSpec());
    return lease;
  }

  private String leasePath() {
    return "/apis/coordination.k8s.io/v1/namespaces/" + config.namespace() + "/leases";
  }

  private String microTime() {
    return microTime(clock.instant());
  }

  private static String microTime(Instant instant) {
    return MICRO_TIME.format(instant.truncatedTo(ChronoUnit.MICROS));
  }

  /** Lets {@code ms} pass on the clock (and a stall, if one is set); stops when the clock says so. */
  private void pause(long ms) {
    if (stopped || !clock.pause(Math.max(1, ms))) {
      stopped = true;
      return;
    }
    for (long left = stalledUntilMs - clock.millis(); left > 0 && !stopped;
        left = stalledUntilMs - clock.millis()) {
      if (!clock.pause(left)) {
        stopped = true;
      }
    }
  }

  /**
   * Stops campaigning. With {@code release} a leader first gives the lease up (holder "" so a
   * standby takes over at once, as client-go's ReleaseOnCancel); without, it just goes silent,
   * like a killed process, and the lease has to expire.
   */
  public void close(boolean release) {
    boolean wasLeading = leading; // read first: the worker clears it on its way out
    stopped = true;
    clock.stop();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (release && wasLeading) { // the holder check below still guards a lease lost meanwhile
      ApiClient.Response read = api.get(leasePath() + "/" + config.name(),
          config.renewDeadlineMs());
      LeaseRecord held = LeaseRecord.fromSpec(read.body().path("spec"));
      if (read.code() == 200 && held.holderIdentity().equals(config.identity())) {
        api.update(leasePath() + "/" + config.name(), lease(new LeaseRecord("", 1,
            held.acquireTime(), microTime(), held.leaseTransitions()), read.body().path("metadata")),
            config.renewDeadlineMs());
      }
    }
    leading = false;
  }

  @Override
  public void close() {
    close(true);
  }
}
