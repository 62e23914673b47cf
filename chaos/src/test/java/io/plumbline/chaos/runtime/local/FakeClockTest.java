package io.plumbline.chaos.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clock nemesis really moves a running reference member's clocks on the local runtime (see
 * {@link ClockJumpCheck}: a leader 10 hours ahead expires a 60 s lease at once and stamps its log ahead).
 */
class FakeClockTest {

  @Test
  void aLeaderTenHoursAheadExpiresA60SecondLeaseAtOnceAndStampsItsLogAhead(@TempDir Path logs) throws Exception {
    assertThat(FakeClock.library()).as("libfaketime (apt-get install faketime; scripts/test installs it)").isPresent();
    try (ProxiedCluster c = ProxiedCluster.start(3, LocalTarget.reference(List.of()), Duration.ofSeconds(60))) {
      ClockJumpCheck.aLeaderTenHoursAheadExpiresA60SecondLeaseAndStampsItsLogAhead(c, logs);
    }
  }
}
