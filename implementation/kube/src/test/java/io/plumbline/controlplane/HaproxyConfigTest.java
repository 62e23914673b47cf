package io.plumbline.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HaproxyConfigTest {
  private final String config = HaproxyConfig.render(8000, 8001,
      List.of("127.0.0.1:7001", "127.0.0.1:7002"));

  @Test
  void healthChecksEachApiServerOnHealthzEverySecondDownAfterTwoUpAfterTwo() {
    assertThat(config).contains("option httpchk GET /healthz",
        "default-server inter 1s fall 2 rise 2",
        "server apiserver-1 127.0.0.1:7001 check", "server apiserver-2 127.0.0.1:7002 check");
  }

  @Test
  void failedConnectionsAreRetriedElsewhereAndWatchStreamsMayStayOpenForAnHour() {
    assertThat(config).contains("option redispatch", "retries 2", "timeout client 1h",
        "timeout server 1h", "timeout tunnel 1h");
  }

  @Test
  void listensOnLoopbackOnlyWithAStatsPage() {
    assertThat(config).contains("bind 127.0.0.1:8000", "bind 127.0.0.1:8001", "stats uri /stats")
        .doesNotContain("bind *", "bind 0.0.0.0");
  }

  @Test
  void withTlsItPassesTlsThroughInTcpModeAndHealthChecksOverTls() {
    String tls = HaproxyConfig.render(8000, 8001, List.of("127.0.0.1:7001"), true);
    assertThat(tls).contains("mode tcp", "option httpchk GET /healthz",
        "server apiserver-1 127.0.0.1:7001 check check-ssl verify none")
        .doesNotContain("timeout http-request", "ssl crt");
    assertThat(tls.substring(tls.indexOf("listen stats"))).contains("mode http");
  }

  @Test
  void bothModesSpreadRequestsOverEveryApiServerAndRetryAFailedConnectionElsewhere() {
    for (boolean tls : new boolean[] {false, true}) {
      String rendered = HaproxyConfig.render(8000, 8001,
          List.of("127.0.0.1:7001", "127.0.0.1:7002"), tls);
      assertThat(rendered).as("tls=" + tls)
          .contains("balance roundrobin", "option redispatch", "retries 2");
    }
  }
}
