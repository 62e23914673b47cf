package io.plumbline.apiserver.http;

import io.plumbline.apiserver.api.ApiError;
import io.plumbline.apiserver.api.Json;
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
 */
public final class LeaseFencing implements Fencing {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseFencing.class);
  private static final Pattern CLAIM = Pattern.compile("([a-z0-9.-]+)/([a-z0-9.-]+)=(\\d+)");

  private final ObjectStore store;
  private final boolean enforce;
  private final AtomicLong staleWritesAccepted = new AtomicLong();
  private final AtomicLong staleWritesRefused = new AtomicLong();

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
    String lease = m.group(1) + "/" + m.group(2);
    String key = Resources.LEASES.key(m.group(1), m.group(2));
    long claimed = Long.parseLong(m.group(3));
    return () -> {
      StoredValue stored = store.get(key).orElse(null);
      String current = stored == null ? "absent (the lease was deleted)"
          : Json.text(ObjectCodec.decode(stored), "spec.leaseTransitions");
      if (current.equals(Long.toString(claimed))) {
        return enforce ? List.of(new WriteGuard(key, stored.modRevision())) : List.of();
      }
      ApiError refusal = ApiError.fenced(lease, claimed, current.isEmpty() ? "unset" : current);
      if (enforce) {
        staleWritesRefused.incrementAndGet();
        throw refusal;
      }
      staleWritesAccepted.incrementAndGet();
      LOG.warn("fencing off, so accepted: {}", refusal.getMessage());
      return List.of();
    };
  }
}
