package io.plumbline.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plumbline.apiserver.OneMemberApiServer;
import io.plumbline.controlplane.ComponentMain;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standby takes over from a leader <em>process</em> frozen with SIGSTOP within client-go's
 * bound: no earlier than a lease duration and no later than a lease duration + one retry period
 * (+ {@link #SLACK_MS} for the read's round trip) after it last saw the leader's lease record
 * change. Asserted from the timestamps the standby recorded at its lease transitions
 * ({@link LeaderElector.Takeover}), not from a wall-clock sleep: a correctness bound of the
 * election, not a performance threshold. Round 2 took up to 2.2 retry periods past expiry here
 * (the jittered acquire retry slept through the expiry instant).
 */
class TakeoverAfterSigstopTest {
  private static final long LEASE_MS = 4_000;
  private static final long RENEW_DEADLINE_MS = 3_000;
  private static final long RETRY_MS = 1_000;
  /** The read at expiry and its decision: one API round trip on a loaded 2-core machine. */
  private static final long SLACK_MS = 1_000;

  static OneMemberApiServer cluster;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    cluster = OneMemberApiServer.start();
    base = cluster.url();
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  /** The frozen leader: a real controller-manager process (the test JVM cannot stop itself). */
  private static Process leaderProcess(Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC",
        ComponentMain.class.getName(), "controller-manager", "--server", base,
        "--identity", "frozen", "--lease-name", "sigstop",
        "--lease-duration-ms", String.valueOf(LEASE_MS),
        "--renew-deadline-ms", String.valueOf(RENEW_DEADLINE_MS),
        "--retry-period-ms", String.valueOf(RETRY_MS));
    pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
    return pb.redirectErrorStream(true).redirectOutput(log.toFile())
        .redirectInput(new File("/dev/null")).start();
  }

  private static String holder(ApiClient api) {
    return api.get("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/sigstop").body()
        .path("spec").path("holderIdentity").asText("");
  }

  private static void signal(Process p, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
    assertThat(kill.waitFor()).isZero();
  }

  @Test
  void aStandbyTakesOverFromASigstoppedLeaderWithinLeaseDurationPlusRetry(@TempDir Path dir)
      throws Exception {
    ApiClient api = cluster.client();
    Process frozen = leaderProcess(dir.resolve("frozen.log"));
    ElectionConfig election = new ElectionConfig("kube-system", "sigstop", "standby", LEASE_MS,
        RENEW_DEADLINE_MS, RETRY_MS);
    ControllerManager standby = null;
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> holder(api).equals("frozen"));
      standby = new ControllerManager(new ControllerManager.Settings(base, election, 1_000,
          Duration.ofSeconds(1), true), Clock.systemUTC(), new Random(7)).start();
      ControllerManager watching = standby;
      // let the standby see a few renewals, so it is counting from a renewal, not its start
      await().pollDelay(Duration.ofMillis(3 * RETRY_MS)).atMost(Duration.ofSeconds(10))
          .until(() -> !watching.isLeading());
      signal(frozen, "STOP");
      await().atMost(Duration.ofSeconds(30)).until(watching::isLeading);

      List<LeaderElector.Takeover> takeovers = standby.takeovers();
      assertThat(takeovers).hasSize(1);
      LeaderElector.Takeover t = takeovers.get(0);
      assertThat(t.from()).isEqualTo("frozen");
      assertThat(t.generation()).isEqualTo(1);
      assertThat(t.afterObservedMs()).as("never before the watched lease expired")
          .isGreaterThanOrEqualTo(LEASE_MS);
      assertThat(t.afterObservedMs()).as("lease + retry + slack after the last observed change")
          .isLessThanOrEqualTo(LEASE_MS + RETRY_MS + SLACK_MS);
    } finally {
      if (standby != null) {
        standby.close(false);
      }
      frozen.destroyForcibly(); // SIGKILL ends a stopped process too
      frozen.waitFor();
      Files.deleteIfExists(dir.resolve("frozen.log"));
    }
  }
}
