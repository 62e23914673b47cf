package io.plumbline.chaos.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A client's proxied links carry bytes, are cut (live and new connections) and heal. */
class ClientLinkProxiesTest {
  /** A member that writes one byte to every connection and keeps it open. */
  private static Thread greeter(ServerSocket member) {
    Thread t = new Thread(() -> {
      while (!member.isClosed()) {
        try {
          Socket s = member.accept();
          s.getOutputStream().write('!');
          s.getOutputStream().flush();
        } catch (IOException e) {
          return;
        }
      }
    });
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static int readOne(String endpoint, Socket[] keep) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), URI.create(endpoint).getPort());
    s.setSoTimeout(5_000);
    keep[0] = s;
    return s.getInputStream().read();
  }

  @Test
  void cutClosesLiveLinksAndRefusesNewOnesUntilHealed() throws Exception {
    try (ServerSocket member = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        ClientLinkProxies links = new ClientLinkProxies(
            List.of("http://127.0.0.1:" + member.getLocalPort()))) {
      greeter(member);
      Socket[] live = new Socket[1];
      assertThat(readOne(links.endpoints().get(0), live)).isEqualTo('!');

      links.cut();
      InputStream in = live[0].getInputStream();
      assertThat(in.read()).as("the live link is closed").isEqualTo(-1);
      Socket[] fresh = new Socket[1];
      assertThat(readOne(links.endpoints().get(0), fresh)).as("a new link is refused")
          .isEqualTo(-1);

      links.heal();
      await().atMost(Duration.ofSeconds(5)).until(() -> readOne(links.endpoints().get(0),
          new Socket[1]) == '!');
      live[0].close();
      fresh[0].close();
    }
  }
}
