package io.plumbline.chaos.runtime.local;

/** Decides whether a proxy in front of one member may carry traffic from a given dialer. */
@FunctionalInterface
public interface LinkPolicy {
  /** Dialer not identified (no etcd peer header seen). */
  int UNKNOWN = -1;

  /**
   * True when traffic between {@code from} (a member index, or {@link #UNKNOWN}) and {@code to}
   * may flow now.
   */
  boolean allowed(int from, int to);
}
