package io.plumbline.spec.tlc;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.spec.SpecTestFiles;
import io.plumbline.spec.tlc.TlcRunResult.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A run stopped at its time limit ends as TIME_LIMIT. (Stopping TLC with Process.destroy() also
 * closed its output stream under the reading thread, which once crashed a whole table run with
 * "Stream closed"; that race depends on timing, so this test covers the path, not the race.)
 */
class TimeLimitTest {
  @Test
  void aModelLongerThanTheLimitEndsAsTimeLimitNotAsACrash() {
    Path election = SpecTestFiles.specDir().resolve("election");
    TlcLauncher launcher =
        new TlcLauncher(1, "256m", Optional.of(Duration.ofSeconds(4))).withCoverage();
    TlcRunResult r = launcher.run(election.resolve("MCLeaseElectionFenced.tla"),
        election.resolve("MCLeaseElectionFencedDeep.cfg"), new TlcLauncher.Observer() { });
    assertThat(r.outcome()).as(r.errorText()).isEqualTo(Outcome.TIME_LIMIT);
    assertThat(r.trace()).isEmpty();
  }
}
