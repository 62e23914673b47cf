package io.plumbline.apiserver.http;

import io.plumbline.apiserver.api.WriteFence;

/**
 * Turns a write request's fencing header into the {@link WriteFence} its store writes carry. The
 * one place fencing is decided: {@link #NONE} ignores the header, {@link LeaseFencing} enforces it.
 */
@FunctionalInterface
public interface Fencing {
  /** The header a fenced writer sets: {@code <namespace>/<lease name>=<leaseTransitions>}. */
  String HEADER = "X-Plumbline-Lease-Generation";

  /** The fence for a write carrying {@code headerValue} (null when the header is absent). */
  WriteFence fenceFor(String headerValue);

  Fencing NONE = header -> WriteFence.NONE;
}
