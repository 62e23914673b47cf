package io.plumbline.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.Json;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O shell around {@link LeaseElection}, with client-go's loop: try to acquire every retry
 * period (jittered by up to 1.2×), then renew every retry period; if no renewal succeeds for a
 * renew deadline, leadership is lost and the candidate starts over. Lease writes are never
 * fenced (a candidate has no generation yet); leadership and generation are published through
 * volatile fields for the controllers.
 */
public final class LeaderElector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderElector.class);
  private static final double JITTER_FACTOR = 1.2;
  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
          .withZone(java.time.ZoneOffset.UTC);

  private final ApiClient client;
  private final ElectionConfig config;
  private final Clock clock;
  private final RandomGenerator random;
  private final LeaseElection election;
  private final Thread thread;
  private final Object wakeup = new Object();
  private volatile boolean leading;
  private volatile long generation = -1;
  private volatile boolean stopped;

  public LeaderElector(ApiClient client, ElectionConfig config, Clock clock,
      RandomGenerator random) {
    this.client = client;
    this.config = config;
    this.clock = clock;
    this.random = random;
    this.election = new LeaseElection(config);
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

  private void run() {
    while (!stopped) {
      while (!stopped && !tryAcquireOrRenew()) {
        pause((long) (config.retryPeriodMs() * (1 + random.nextDouble() * JITTER_FACTOR)));
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

  private void renewUntilLost() {
    long lastRenewMs = clock.millis();
    while (!stopped) {
      pause(config.retryPeriodMs());
      if (tryAcquireOrRenew()) {
        lastRenewMs = clock.millis();
      } else if (clock.millis() - lastRenewMs >= config.renewDeadlineMs()) {
        return;
      }
    }
  }

  /** One round of client-go's tryAcquireOrRenew: read, decide, conditionally write. */
  private boolean tryAcquireOrRenew() {
    try {
      ApiClient.Response read = client.get(leasePath() + "/" + config.name());
      if (read.code() != 200 && read.code() != 404) {
        return false;
      }
      Optional<LeaseRecord> current = read.code() == 404 ? Optional.empty()
          : Optional.of(LeaseRecord.fromSpec(read.body().path("spec")));
      long now = clock.millis();
      LeaseElection.Decision decision = election.decide(current, now, microTime());
      ApiClient.Response write = switch (decision.kind()) {
        case WAIT -> null;
        case CREATE -> client.create(leasePath(), lease(decision.record(), null));
        case UPDATE -> client.update(leasePath() + "/" + config.name(),
            lease(decision.record(), read.body().path("metadata")));
      };
      if (write == null || !write.ok()) {
        return false;
      }
      election.written(decision.record(), now);
      generation = decision.record().leaseTransitions();
      return true;
    } catch (ApiClient.Unreachable e) {
      LOG.debug("{}: {}", config.identity(), e.getMessage());
      return false;
    }
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
    return MICRO_TIME.format(clock.instant().truncatedTo(ChronoUnit.MICROS));
  }

  private void pause(long ms) {
    synchronized (wakeup) {
      try {
        if (!stopped) {
          wakeup.wait(Math.max(1, ms));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
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
    stopped = true;
    synchronized (wakeup) {
      wakeup.notifyAll();
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (release && leading) {
      ApiClient.Response read = client.get(leasePath() + "/" + config.name());
      LeaseRecord held = LeaseRecord.fromSpec(read.body().path("spec"));
      if (read.code() == 200 && held.holderIdentity().equals(config.identity())) {
        client.update(leasePath() + "/" + config.name(), lease(new LeaseRecord("", 1,
            held.acquireTime(), microTime(), held.leaseTransitions()), read.body().path("metadata")));
      }
    }
    leading = false;
  }

  @Override
  public void close() {
    close(true);
  }
}
