package io.plumbline.chaos.runtime.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A user-space TCP proxy in front of one member's peer or client port: accepts on {@code
 * listenPort}, learns who dialed ({@link DialerIdentity}: fixed for a per-link or client proxy, or
 * from etcd's first request head), and forwards both ways to {@code targetPort} while the {@link
 * LinkPolicy} allows that link. When a partition starts, {@link
 * #enforce()} closes connections that are now cut, and new ones on cut links are closed at once:
 * the peers see refused/reset links, as with an iptables REJECT rule. No root needed.
 */
public final class TcpProxy implements AutoCloseable {
  private final int member;
  private final int targetPort;
  private final DialerIdentity identity;
  private final LinkPolicy policy;
  private final ServerSocket server;
  private final Set<Piped> live = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean closed;

  /** One proxied connection and the member that dialed it. */
  private record Piped(int from, Socket client, Socket upstream) {
    void close() {
      closeQuietly(client);
      closeQuietly(upstream);
    }
  }

  /**
   * @param member index of the member behind this proxy
   * @param listenPort the port peers dial (the member's advertised peer URL)
   * @param targetPort the member's real peer port
   * @param advertisedPeerUrls every member's advertised peer URL, in member order (dialers are
   *     identified by etcd's {@code X-PeerURLs} header)
   */
  public TcpProxy(int member, int listenPort, int targetPort, List<String> advertisedPeerUrls, LinkPolicy policy) {
    this(member, listenPort, targetPort, DialerIdentity.etcdPeerHeader(advertisedPeerUrls), policy);
  }

  /** A proxy whose dialer is known from {@code identity}. */
  TcpProxy(int member, int listenPort, int targetPort, DialerIdentity identity, LinkPolicy policy) {
    this.member = member;
    this.targetPort = targetPort;
    this.identity = identity;
    this.policy = policy;
    try {
      server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort), 128);
    } catch (IOException e) {
      throw new UncheckedIOException("proxy for member " + member + " cannot listen on " + listenPort, e);
    }
    acceptor = new Thread(this::acceptLoop, "proxy-m" + member);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Closes every live connection the policy no longer allows (called when a partition changes). */
  public void enforce() {
    for (Piped p : live) {
      if (!allows(p.from())) {
        p.close();
        live.remove(p);
      }
    }
  }

  private boolean allows(int from) {
    return from == member || policy.allowed(from, member);
  }

  /** The port this proxy accepts on. */
  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        Thread t = new Thread(() -> open(client), "proxy-m" + member + "-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!closed) {
          continue; // a failed accept of one connection does not stop the proxy
        }
      }
    }
  }

  /** Identifies the dialer (reading the request head when needed), then connects upstream and pipes both ways. */
  private void open(Socket client) {
    byte[] head = new byte[PeerIdentity.MAX_HEAD_BYTES];
    int n = 0;
    try {
      int from = identity.fixed();
      if (from == LinkPolicy.UNKNOWN) {
        n = readHead(client, head);
        from = identity.fromHead(head, n);
      }
      if (!allows(from)) {
        closeQuietly(client);
        return;
      }
      Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
      Piped p = new Piped(from, client, upstream);
      live.add(p);
      upstream.getOutputStream().write(head, 0, n);
      Thread back = new Thread(() -> pump(upstream, client, p), "proxy-m" + member + "-back");
      back.setDaemon(true);
      back.start();
      pump(client, upstream, p);
    } catch (IOException e) {
      closeQuietly(client);
    }
  }

  /** Reads until a complete HTTP request head, a full buffer, 2 s of silence or the end; returns the bytes read. */
  private static int readHead(Socket client, byte[] head) throws IOException {
    int n = 0;
    client.setSoTimeout(2_000); // a dialer that sends nothing first (not HTTP) stays unidentified
    InputStream in = client.getInputStream();
    while (n < head.length && !PeerIdentity.headComplete(head, n)) {
      int r;
      try {
        r = in.read(head, n, head.length - n);
      } catch (SocketTimeoutException e) {
        break;
      }
      if (r < 0) {
        break;
      }
      n += r;
    }
    client.setSoTimeout(0);
    return n;
  }

  private void pump(Socket from, Socket to, Piped p) {
    byte[] buf = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int r;
      while ((r = in.read(buf)) >= 0) {
        out.write(buf, 0, r);
      }
    } catch (IOException e) {
      // the other side or enforce() closed the connection
    } finally {
      p.close();
      live.remove(p);
    }
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    for (Piped p : live) {
      p.close();
    }
    live.clear();
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // closing a socket that is already broken
    }
  }
}
