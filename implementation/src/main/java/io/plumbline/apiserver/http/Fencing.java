package io.plumbline.apiserver.http;

import io.plumbline.apiserver.store.WriteGuard;
import java.util.List;

/**
 * Turns a write request's fencing header into store guards. The one place fencing is decided:
 * {@link #NONE} accepts every write as it is.
 */
@FunctionalInterface
public interface Fencing {
  /** The header a fenced writer sets: {@code <namespace>/<lease name>=<leaseTransitions>}. */
  String HEADER = "X-Plumbline-Lease-Generation";

  /** Guards for a write carrying {@code headerValue} (null when the header is absent). */
  List<WriteGuard> guardsFor(String headerValue);

  Fencing NONE = header -> List.of();
}
