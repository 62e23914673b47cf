package io.plumbline.chaos.runtime.local;

/** Decides whether a proxy in front of one member may carry traffic from a given dialer. */
@FunctionalInterface
public interface LinkPolicy {
  /** Dialer not identified (no etcd peer header seen). */
  int UNKNOWN = -1;

  /** The dialer is a workload client (client-link proxies). */
  int CLIENTS = -2;

  /**
   * True when traffic between {@code from} (a member index, {@link #CLIENTS} or {@link #UNKNOWN})
   * and {@code to} may flow now.
   */
  boolean allowed(int from, int to);
}
