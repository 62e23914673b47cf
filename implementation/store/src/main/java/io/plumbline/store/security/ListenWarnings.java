package io.plumbline.store.security;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * The warning a member prints for a listen address other hosts can reach: without TLS and client
 * certificates, anyone who reaches it reads and writes everything.
 */
public final class ListenWarnings {
  private ListenWarnings() {}

  /** The warning for {@code url} (named by {@code flag}), or null when it listens on loopback only. */
  public static String warning(String flag, URI url, TlsFlags tls) {
    if (isLoopback(url.getHost())) {
      return null;
    }
    String exposure = !tls.enabled() ? "in plaintext, without authentication: anyone who reaches it owns the data"
        : !tls.clientCertAuth() ? "with TLS but without client certificate authentication"
        : "with TLS and client certificate authentication";
    return flag + " " + url + " is not a loopback address; it is reachable from other hosts " + exposure;
  }

  private static boolean isLoopback(String host) {
    if ("localhost".equals(host)) {
      return true;
    }
    try {
      InetAddress a = InetAddress.getByName(host);
      return a.isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
