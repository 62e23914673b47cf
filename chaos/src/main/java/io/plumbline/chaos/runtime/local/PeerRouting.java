package io.plumbline.chaos.runtime.local;

/**
 * How the local runtime knows which member dialed a peer connection (all share 127.0.0.1).
 */
public enum PeerRouting {
  /**
   * One proxy in front of each member's peer port; the dialer is read from etcd's {@code X-PeerURLs}
   * request header. For etcd, whose members must agree on every peer URL (they are part of the
   * replicated member list and of the cluster ID).
   */
  ETCD_HEADER,
  /**
   * One proxy per directed link: member i's {@code {initial-cluster}} names, for each peer j, a
   * proxy that only i dials, so the proxy knows both ends without reading anything. For stores that
   * dial the URLs given on their own command line and identify members by name (the reference
   * store, whose gRPC peer stream carries no readable identity).
   */
  PER_LINK
}
