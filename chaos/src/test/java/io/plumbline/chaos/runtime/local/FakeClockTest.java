package io.plumbline.chaos.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.etcd.jetcd.Client;
import io.plumbline.chaos.client.EtcdClients;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The clock nemesis really moves a running reference member's clocks: with the leader 10 hours
 * ahead, a 60 s lease expires within seconds (its deadline is on the monotonic clock), and the
 * leader stamps its "lease expired" log line 10 hours ahead of ours (the wall clock).
 */
class FakeClockTest {
  private static final long TEN_HOURS_S = 36_000;

  @Test
  void aLeaderTenHoursAheadExpiresA60SecondLeaseAtOnceAndStampsItsLogAhead() throws Exception {
    assertThat(FakeClock.library()).as("libfaketime (apt-get install faketime; scripts/test installs it)").isPresent();
    try (ProxiedCluster c = ProxiedCluster.start(3, LocalTarget.reference(List.of()), Duration.ofSeconds(60));
        Client client = EtcdClients.forMember(c.clientUrls().get(0))) {
      assertThat(c.supportsClockFaults()).isTrue();
      int leader = EtcdClients.leader(c.clientUrls());
      assertThat(leader).isNotNegative();
      long lease = client.getLeaseClient().grant(60).get(10, TimeUnit.SECONDS).getID();
      c.setClockOffset(leader, TEN_HOURS_S);
      LocalTime ahead = LocalTime.now().plusSeconds(TEN_HOURS_S);
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
          client.getLeaseClient().timeToLive(lease, io.etcd.jetcd.options.LeaseOption.DEFAULT)
              .get(5, TimeUnit.SECONDS).getTTL() == -1);
      assertThat(LogStamps.linesStampedNear(c.members().get(leader).logFile(), ahead)).anyMatch(l -> l.contains("expired"));
      c.setClockOffset(leader, 0);
    }
  }
}
