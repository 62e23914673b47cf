package io.plumbline.apiserver.http;

import io.plumbline.apiserver.api.ApiError;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.LeaseTraceEvent;
import io.plumbline.apiserver.api.LeaseTraceSink;
import io.plumbline.apiserver.api.ObjectCodec;
import io.plumbline.apiserver.api.Resources;
import io.plumbline.apiserver.api.WriteFence;
import io.plumbline.apiserver.store.ObjectStore;
import io.plumbline.apiserver.store.StoredValue;
import io.plumbline.apiserver.store.WriteGuard;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fencing by lease generation, the fenced variant of {@code spec/election/LeaseElection.tla}: a
 * write that names {@code <ns>/<lease>=<generation>} is accepted only while the Lease's
 * {@code spec.leaseTransitions} still equals that generation, and the check and the write are one
 * store transaction (the write is guarded on the Lease's mod revision as read for the check).
 * Writes without the header are not fenced: kubectl and other clients keep working.
 *
 * <p>With {@code enforce} false the check still runs but only observes: a write from a stale
 * generation goes through, is counted ({@link #staleWritesAccepted()}) and logged — the
 * double-leader writes of the unfenced spec, made visible.
 *
 * <p>Traced ({@link #traceTo}): a fenced create or update reports {@code WriteLands} when it
 * commits and {@code WriteRejected} when refused; fenced deletes are not traced (a cascade commits
 * several objects under one fence).
 */
public final class LeaseFencing implements Fencing {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseFencing.class);
  private static final Pattern CLAIM = Pattern.compile("([a-z0-9.-]+)/([a-z0-9.-]+)=(\\d+)");

  private final ObjectStore store;
  private final boolean enforce;
  private final AtomicLong staleWritesAccepted = new AtomicLong();
  private final AtomicLong staleWritesRefused = new AtomicLong();
  private volatile LeaseTraceSink trace = LeaseTraceSink.OFF;
  /** The one Lease ({@code namespace/name}) whose fenced writes are traced; null: every Lease. */
  private volatile String tracedLease;

  public LeaseFencing(ObjectStore store, boolean enforce) {
    this.store = store;
    this.enforce = enforce;
  }

  /** Writes from a stale generation that went through because fencing only observes. */
  public long staleWritesAccepted() {
    return staleWritesAccepted.get();
  }

  /** Writes from a stale generation refused (fencing enforced). */
  public long staleWritesRefused() {
    return staleWritesRefused.get();
  }

  /** The accounting, as {@code GET /debug/fencing} serves it (for chaos checks). */
  public com.fasterxml.jackson.databind.node.ObjectNode accounting() {
    com.fasterxml.jackson.databind.node.ObjectNode n = Json.object();
    n.put("enforced", enforce);
    n.put("staleWritesRefused", staleWritesRefused.get());
    n.put("staleWritesAccepted", staleWritesAccepted.get());
    return n;
  }

  /**
   * Reports each fenced write's outcome to {@code sink} from now on: {@code WriteLands} when it
   * commits, {@code WriteRejected} when it is refused (trace validation; {@link LeaseTraceSink#OFF}
   * by default).
   */
  public void traceTo(LeaseTraceSink sink) {
    traceTo(sink, null);
  }

  /**
   * As {@link #traceTo(LeaseTraceSink)}, for the writes fenced by Lease {@code lease}
   * ({@code namespace/name}) only: one election's trace (a controller-manager process also runs
   * the scheduler, whose writes are fenced by its own Lease).
   */
  public void traceTo(LeaseTraceSink sink, String lease) {
    this.tracedLease = lease;
    this.trace = sink;
  }

  @Override
  public WriteFence fenceFor(String headerValue) {
    if (headerValue == null) {
      return WriteFence.NONE;
    }
    Matcher m = CLAIM.matcher(headerValue.strip());
    if (!m.matches()) {
      throw ApiError.badRequest(HEADER + ": expected <namespace>/<lease>=<generation>, got "
          + headerValue);
    }
    return new Check(m.group(1) + "/" + m.group(2), Resources.LEASES.key(m.group(1), m.group(2)),
        Long.parseLong(m.group(3)));
  }

  /** The fence of one write claiming {@code claimed} for {@code lease}, re-checked per attempt. */
  private final class Check implements WriteFence {
    private final String lease;
    private final String key;
    private final long claimed;
    /** The Lease's mod revision at the last check: the window in which the write may commit. */
    private long checkedRevision = -1;

    Check(String lease, String key, long claimed) {
      this.lease = lease;
      this.key = key;
      this.claimed = claimed;
    }

    /**
     * Spec actions {@code WriteLands} / {@code WriteRejected}, the decision half: the write is
     * admissible only while the Lease's leaseTransitions equals the claimed generation
     * ({@code Admissible(w)}); enforced, the write is guarded on the Lease's mod revision.
     */
    @Override
    public List<WriteGuard> guards() {
      StoredValue stored = store.get(key).orElse(null);
      checkedRevision = stored == null ? -1 : stored.modRevision();
      String current = stored == null ? "absent (the lease was deleted)"
          : Json.text(ObjectCodec.decode(stored), "spec.leaseTransitions");
      if (current.equals(Long.toString(claimed))) {
        return enforce ? List.of(new WriteGuard(key, stored.modRevision())) : List.of();
      }
      ApiError refusal = ApiError.fenced(lease, claimed, current.isEmpty() ? "unset" : current);
      if (enforce) {
        staleWritesRefused.incrementAndGet();
        emit("WriteRejected", -1);
        throw refusal;
      }
      staleWritesAccepted.incrementAndGet();
      LOG.warn("fencing off, so accepted: {}", refusal.getMessage());
      return List.of();
    }

    /** Spec action {@code WriteLands}: the write committed at {@code revision}. */
    @Override
    public void committed(long revision) {
      emit("WriteLands", revision);
    }

    private void emit(String action, long writeRevision) {
      LeaseTraceSink sink = trace;
      String only = tracedLease;
      if (sink.enabled() && (only == null || only.equals(lease))) {
        // no clock: the spec's WriteLands and WriteRejected read none
        sink.emit(new LeaseTraceEvent(action, "fence", -1, "", 0, 0, "", checkedRevision,
            claimed, writeRevision));
      }
    }
  }
}
