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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fencing by lease generation, the fenced variant of {@code spec/election/LeaseElection.tla}: a
 * write that names {@code <ns>/<lease>=<generation>} is accepted only while the Lease's
 * {@code spec.leaseTransitions} still equals that generation, and the check and the write are one
 * store transaction (the write is guarded on the Lease's mod revision as read for the check).
 * Writes without the header are not fenced: kubectl and other clients keep working.
 */
public final class LeaseFencing implements Fencing {
  private static final Pattern CLAIM = Pattern.compile("([a-z0-9.-]+)/([a-z0-9.-]+)=(\\d+)");

  private final ObjectStore store;

  public LeaseFencing(ObjectStore store) {
    this.store = store;
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
      StoredValue stored = store.get(key)
          .orElseThrow(() -> ApiError.fenced(lease, claimed, "absent (the lease was deleted)"));
      String current = Json.text(ObjectCodec.decode(stored), "spec.leaseTransitions");
      if (!current.equals(Long.toString(claimed))) {
        throw ApiError.fenced(lease, claimed, current.isEmpty() ? "unset" : current);
      }
      return List.of(new WriteGuard(key, stored.modRevision()));
    };
  }
}
