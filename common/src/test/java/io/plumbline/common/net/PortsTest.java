package io.plumbline.common.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortsTest {
  @Test
  void picksDistinctPorts() {
    List<Integer> ports = Ports.pick(20);
    assertThat(ports).doesNotHaveDuplicates().allMatch(p -> p > 0 && p < 65536);
  }

  /** The race itself: another program takes the picked port; the start is retried on new ports and says so. */
  @Test
  void aPortTakenBetweenPickAndBindIsRetriedOnNewPorts() throws Exception {
    List<String> said = new ArrayList<>();
    List<ServerSocket> thieves = new ArrayList<>();
    try {
      ServerSocket bound = Ports.withRetry(1, ports -> {
        if (thieves.isEmpty()) { // someone else binds the port first
          thieves.add(new ServerSocket(ports.get(0), 1, InetAddress.getLoopbackAddress()));
        }
        return new ServerSocket(ports.get(0), 1, InetAddress.getLoopbackAddress());
      }, said::add);
      bound.close();
      assertThat(said).singleElement().asString().contains("was taken", "attempt 2 of 5");
    } finally {
      for (ServerSocket s : thieves) {
        s.close();
      }
    }
  }

  @Test
  void otherFailuresAreNotRetried() {
    List<String> said = new ArrayList<>();
    assertThatThrownBy(() -> Ports.withRetry(1, ports -> {
      throw new IOException("disk full");
    }, said::add)).hasMessage("disk full");
    assertThat(said).isEmpty();
  }

  @Test
  void givesUpAfterTheLastAttempt() {
    List<String> said = new ArrayList<>();
    assertThatThrownBy(() -> Ports.withRetry(1, ports -> {
      throw new BindException("Address already in use");
    }, said::add)).isInstanceOf(BindException.class);
    assertThat(said).hasSize(Ports.ATTEMPTS - 1);
  }

  @Test
  void recognisesBindFailuresInCausesAndLogs() {
    assertThat(Ports.isBindFailure(new RuntimeException("start failed", new IOException("bind(..) failed: Address already in use")))).isTrue();
    assertThat(Ports.isBindFailure(new PortTakenException("member n2: see its log"))).isTrue();
    assertThat(Ports.mentionsBindFailure("listen tcp 127.0.0.1:2380: bind: address already in use")).isTrue();
    assertThat(Ports.mentionsBindFailure("Failed to bind to address /127.0.0.1:42171")).isTrue();
    assertThat(Ports.mentionsBindFailure("Port already in use. Make sure no other process is using port 42171 and try again.")).isTrue();
    assertThat(Ports.mentionsBindFailure("[ALERT] Starting frontend api: cannot bind socket (Address already in use) [127.0.0.1:40001]")).isTrue();
    assertThat(Ports.mentionsBindFailure("Bind for 127.0.0.1:40001 failed: port is already allocated")).isTrue();
    assertThat(Ports.isBindFailure(new IOException("connection refused"))).isFalse();
  }
}
