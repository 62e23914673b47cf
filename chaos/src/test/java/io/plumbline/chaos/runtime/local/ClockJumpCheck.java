package io.plumbline.chaos.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.LeaseOption;
import io.plumbline.chaos.client.EtcdClients;
import io.plumbline.chaos.runtime.ChaosCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The check the clock tests of both runtimes share: a running reference member's clocks really
 * move. With the leader 10 hours ahead, a 60 s lease expires within seconds (its deadline is on the
 * monotonic clock; without the fake clock it would outlive the 30 s wait), and the leader stamps its
 * "lease expired" log line 10 hours ahead of ours (the wall clock).
 */
public final class ClockJumpCheck {
  private static final long TEN_HOURS_S = 36_000;

  private ClockJumpCheck() {}

  /** Runs the check on {@code cluster} (reference members, clocks at +0); members' logs are saved to {@code logs}. */
  public static void aLeaderTenHoursAheadExpiresA60SecondLeaseAndStampsItsLogAhead(ChaosCluster cluster, Path logs)
      throws Exception {
    assertThat(cluster.supportsClockFaults()).isTrue();
    try (Client client = EtcdClients.forMember(cluster.clientUrls().get(0))) {
      int leader = EtcdClients.leader(cluster.clientUrls());
      assertThat(leader).isNotNegative();
      long lease = client.getLeaseClient().grant(60).get(10, TimeUnit.SECONDS).getID();
      cluster.setClockOffset(leader, TEN_HOURS_S);
      LocalTime ahead = LocalTime.now().plusSeconds(TEN_HOURS_S);
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
          client.getLeaseClient().timeToLive(lease, LeaseOption.DEFAULT).get(5, TimeUnit.SECONDS).getTTL() == -1);
      cluster.saveLogs(logs);
      assertThat(linesStampedNear(logs.resolve("m" + leader + ".log"), ahead)).anyMatch(l -> l.contains("expired"));
      cluster.setClockOffset(leader, 0);
    }
  }

  /** Log lines whose {@code HH:mm:ss} stamp lies within 2 minutes of {@code t} (either side of midnight). */
  private static List<String> linesStampedNear(Path log, LocalTime t) throws IOException {
    return Files.readAllLines(log).stream().filter(line -> line.length() >= 8).filter(line -> {
      try {
        long d = Math.abs(LocalTime.parse(line.substring(0, 8)).toSecondOfDay() - t.toSecondOfDay());
        return Math.min(d, 86_400 - d) <= 120;
      } catch (DateTimeParseException notAStampedLine) {
        return false;
      }
    }).toList();
  }
}
