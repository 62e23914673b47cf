package io.plumbline.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.conformance.kv.KvGroup;
import io.plumbline.db.LocalCluster;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * jetcd sets no deadline of its own, so without the suite's per-call timeout a check against a
 * hung (SIGSTOPped) member would wait forever. With it, the check ends UNKNOWN with an
 * indeterminate error instead of hanging or claiming a failure.
 */
class HungServerTest {
  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aCheckAgainstAPausedMemberEndsUnknownWithinTheCallTimeout() {
    try (LocalCluster cluster = LocalCluster.start(LocalCluster.Options.etcd(1))) {
      SuiteOptions options = new SuiteOptions(cluster.clientUrls(), List.of("kv"), null, 1, Duration.ofSeconds(1), 1,
          Duration.ofSeconds(1), null);
      try (Session session = new Session(options, "hung-test")) {
        Check first = KvGroup.create().checks().get(0);
        assertThat(ConformanceSuite.runOne(session, "kv", first).verdict().status()).isEqualTo(Status.PASS);
        cluster.pause(0);
        try {
          CheckOutcome o = ConformanceSuite.runOne(session, "kv", first);
          assertThat(o.verdict().status()).isEqualTo(Status.UNKNOWN);
          assertThat(o.verdict().summary()).startsWith("indeterminate error, nothing proven")
              .containsAnyOf("DEADLINE_EXCEEDED", "TIMEOUT", "UNAVAILABLE");
        } finally {
          cluster.resume(0);
        }
      }
    }
  }
}
