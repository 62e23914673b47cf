package io.plumbline.conformance.lease;

import io.plumbline.conformance.Check;
import io.plumbline.conformance.CheckGroup;
import java.util.List;

/** The lease group: expiry, keep-alive, revoke, time-to-live. */
public final class LeaseGroup {
  private LeaseGroup() {}

  public static CheckGroup create() {
    return new CheckGroup("lease", List.of(
        Check.of("ttl-expiry", "a lease's keys are deleted after its TTL, never before", LeaseChecks::expiry),
        Check.of("keep-alive", "keep-alive extends a lease past its TTL", LeaseChecks::keepAlive),
        Check.of("revoke", "revoke deletes the attached keys at once", LeaseChecks::revoke),
        Check.of("time-to-live", "time-to-live reports TTLs and attached keys", LeaseChecks::timeToLive)));
  }
}
