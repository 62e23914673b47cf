package io.plumbline.chaos.runtime.local;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Finds which member dialed a peer connection. All members share 127.0.0.1, so the source address
 * tells nothing; etcd's peer protocol (rafthttp) sends the dialer's advertised peer URLs in an
 * {@code X-PeerURLs} header on every stream and pipeline request, and each advertised peer URL is
 * that member's own proxy, so the header names the dialer.
 */
final class PeerIdentity {
  /** Bytes of a request head the proxy reads before deciding (etcd's heads are ~500 bytes). */
  static final int MAX_HEAD_BYTES = 8192;

  private PeerIdentity() {}

  /**
   * The index in {@code advertisedPeerUrls} of the member named by the head's {@code X-PeerURLs},
   * or {@link LinkPolicy#UNKNOWN}.
   */
  static int dialer(byte[] head, int length, List<String> advertisedPeerUrls) {
    String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
    for (String line : text.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("x-peerurls")) {
        String value = line.substring(colon + 1).trim();
        for (String url : value.split(",")) {
          int i = advertisedPeerUrls.indexOf(url.trim());
          if (i >= 0) {
            return i;
          }
        }
      }
    }
    return LinkPolicy.UNKNOWN;
  }

  /** True once the bytes hold a complete HTTP request head. */
  static boolean headComplete(byte[] buf, int length) {
    for (int i = 3; i < length; i++) {
      if (buf[i - 3] == '\r' && buf[i - 2] == '\n' && buf[i - 1] == '\r' && buf[i] == '\n') {
        return true;
      }
    }
    return false;
  }
}
