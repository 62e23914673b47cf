package io.plumbline.chaos.runtime.local;

import java.util.List;

/**
 * How a {@link TcpProxy} learns who is on the other end of a connection it accepted. All members
 * share 127.0.0.1, so the source address tells nothing: either the proxy is dedicated to one dialer
 * (a per-link proxy, or a client proxy), or it reads the dialer's identity from the first bytes.
 */
interface DialerIdentity {
  /** The dialer when known without reading anything, else {@link LinkPolicy#UNKNOWN}. */
  int fixed();

  /** The dialer named by the first {@code length} bytes, or {@link LinkPolicy#UNKNOWN}. */
  int fromHead(byte[] head, int length);

  /** Every connection comes from {@code dialer} (a member's own proxy for one peer, or clients). */
  static DialerIdentity fixed(int dialer) {
    return new DialerIdentity() {
      @Override
      public int fixed() {
        return dialer;
      }

      @Override
      public int fromHead(byte[] head, int length) {
        return dialer;
      }
    };
  }

  /** etcd's peer protocol: the dialer's advertised peer URLs in an {@code X-PeerURLs} header. */
  static DialerIdentity etcdPeerHeader(List<String> advertisedPeerUrls) {
    List<String> urls = List.copyOf(advertisedPeerUrls);
    return new DialerIdentity() {
      @Override
      public int fixed() {
        return LinkPolicy.UNKNOWN;
      }

      @Override
      public int fromHead(byte[] head, int length) {
        return PeerIdentity.dialer(head, length, urls);
      }
    };
  }
}
