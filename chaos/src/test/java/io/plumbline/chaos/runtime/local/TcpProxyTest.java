package io.plumbline.chaos.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy identifies dialers (etcd's X-PeerURLs header, or fixed for per-link and client proxies)
 * and cuts exactly the forbidden links.
 */
class TcpProxyTest {
  private ServerSocket echo;
  private Thread echoThread;
  private TcpProxy proxy;
  private final AtomicBoolean cutFrom1 = new AtomicBoolean();
  private List<String> urls;

  @BeforeEach
  void start() throws IOException {
    echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    echoThread = new Thread(this::echoLoop);
    echoThread.setDaemon(true);
    echoThread.start();
    // the members' advertised peer URLs only name the dialers here; nothing listens on them
    urls = List.of("http://m0:2380", "http://m1:2380", "http://m2:2380");
    proxy = new TcpProxy(0, 0, echo.getLocalPort(), urls, (from, to) -> !(from == 1 && cutFrom1.get()));
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    echo.close();
  }

  /** Answers every line with the same line (after the HTTP head, which it swallows). */
  private void echoLoop() {
    while (!echo.isClosed()) {
      try {
        Socket s = echo.accept();
        Thread t = new Thread(() -> {
          try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
            OutputStream out = s.getOutputStream();
            String line;
            while ((line = in.readLine()) != null) {
              if (!line.isEmpty() && !line.startsWith("GET") && !line.contains(":")) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
              }
            }
          } catch (IOException e) {
            // connection cut by the proxy
          }
        });
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private Socket dialAs(int member) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
    String head = "GET /raft/stream/msgapp/1 HTTP/1.1\r\nHost: x\r\nX-PeerURLs: " + urls.get(member) + "\r\n\r\n";
    s.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
    return s;
  }

  private static String roundTrip(Socket s, String text) throws IOException {
    s.getOutputStream().write((text + "\n").getBytes(StandardCharsets.UTF_8));
    s.setSoTimeout(5_000);
    return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
  }

  @Test
  void identifiesTheDialerFromTheXPeerUrlsHeader() {
    String head = "POST /raft HTTP/1.1\r\nX-Server-From: 8e9e05c52164694d\r\nX-PeerURLs: " + urls.get(2) + "\r\n\r\n";
    byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
    assertThat(PeerIdentity.headComplete(b, b.length)).isTrue();
    assertThat(PeerIdentity.dialer(b, b.length, urls)).isEqualTo(2);
    assertThat(PeerIdentity.dialer("GET /version HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 25, urls))
        .isEqualTo(LinkPolicy.UNKNOWN);
  }

  @Test
  void carriesTrafficOnAllowedLinks() throws IOException {
    try (Socket s = dialAs(2)) {
      assertThat(roundTrip(s, "hello")).isEqualTo("hello");
    }
  }

  @Test
  void aPartitionClosesLiveConnectionsOnCutLinksAndRefusesNewOnesButKeepsOthers() throws IOException {
    try (Socket from1 = dialAs(1); Socket from2 = dialAs(2)) {
      assertThat(roundTrip(from1, "a")).isEqualTo("a");
      cutFrom1.set(true);
      proxy.enforce();
      await().atMost(Duration.ofSeconds(5)).until(() -> from1.getInputStream().read() == -1);
      assertThat(roundTrip(from2, "still")).isEqualTo("still");
      try (Socket again = dialAs(1)) {
        again.setSoTimeout(5_000);
        assertThat(again.getInputStream().read()).isEqualTo(-1);
      }
      cutFrom1.set(false);
      try (Socket healed = dialAs(1)) {
        assertThat(roundTrip(healed, "back")).isEqualTo("back");
      }
    }
  }

  @Test
  void aProxyWithAKnownDialerReadsNothingFirstAndIsCutAsThatDialer() throws IOException {
    AtomicBoolean clientsCut = new AtomicBoolean();
    TcpProxy clients = new TcpProxy(0, 0, echo.getLocalPort(), DialerIdentity.fixed(LinkPolicy.CLIENTS),
        (from, to) -> !(from == LinkPolicy.CLIENTS && clientsCut.get()));
    int port = clients.port();
    try (clients; Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      assertThat(roundTrip(s, "no head needed")).isEqualTo("no head needed");
      clientsCut.set(true);
      clients.enforce();
      await().atMost(Duration.ofSeconds(5)).until(() -> s.getInputStream().read() == -1);
      try (Socket again = new Socket(InetAddress.getLoopbackAddress(), port)) {
        again.setSoTimeout(5_000);
        assertThat(again.getInputStream().read()).isEqualTo(-1);
      }
    }
  }
}
