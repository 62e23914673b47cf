package io.plumbline.conformance.robustness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Junk below gRPC: a plain-text connection that sends HTTP/2's client preface followed by random
 * bytes (frames with nonsense lengths, types and flags), reads whatever the server answers for a
 * moment, and closes. Nothing is compared; the liveness probe after the batch tells whether the
 * member survived. Plain-text endpoints only (a TLS endpoint would reject the bytes before HTTP/2).
 */
final class Http2Junk {
  private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private Http2Junk() {}

  /** The bytes sent: the preface, then 9–200 seeded random bytes. */
  static byte[] bytes(Random random) {
    byte[] junk = new byte[9 + random.nextInt(192)];
    random.nextBytes(junk);
    byte[] all = new byte[PREFACE.length + junk.length];
    System.arraycopy(PREFACE, 0, all, 0, PREFACE.length);
    System.arraycopy(junk, 0, all, PREFACE.length, junk.length);
    return all;
  }

  /** Sends {@code bytes} to {@code endpoint}; returns how many bytes the server answered before closing or timing out. */
  static int send(String endpoint, byte[] bytes, int timeoutMillis) {
    URI u = URI.create(endpoint);
    if (!"http".equals(u.getScheme())) {
      return -1;
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(u.getHost(), u.getPort()), timeoutMillis);
      s.setSoTimeout(timeoutMillis);
      OutputStream out = s.getOutputStream();
      out.write(bytes);
      out.flush();
      InputStream in = s.getInputStream();
      int total = 0;
      byte[] buf = new byte[4096];
      for (int n; (n = in.read(buf)) > 0 && total < 65536; ) {
        total += n;
      }
      return total;
    } catch (IOException e) {
      return -1; // refused, reset or timed out: the liveness probe decides whether it matters
    }
  }
}
