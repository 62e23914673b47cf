package io.plumbline.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ElectionClock#system}'s pause is honest: it lasts until the injected clock shows the
 * whole pause passed, however the monitor wakes. Each test drives a {@link SteppedClock} from a
 * stand-in for {@code Object.wait} that decides how much time each wait lets pass and whether it
 * wakes early (a spurious wake-up, a stray notify) or sees the clock stepped (libfaketime); it
 * records the timeout of every wait, so the transcript is exact and no real time passes.
 */
class SystemElectionClockTest {
  private final SteppedClock time = new SteppedClock(Instant.ofEpochMilli(1_000_000));
  private final List<Long> waits = new ArrayList<>();

  @Test
  void aPauseWokenEarlyWaitsAgainForWhatIsLeft() {
    // Every wait wakes after at most 400 ms, whatever its timeout.
    ElectionClock clock = systemClock((monitor, ms) -> time.advance(Math.min(ms, 400)));

    assertThat(clock.pause(1_000)).isTrue();

    assertThat(waits).containsExactly(1_000L, 600L, 200L);
    assertThat(time.elapsedMs()).isEqualTo(1_000);
  }

  @Test
  void aWakeUpWithNoTimePassedWaitsTheWholePauseAgain() {
    ElectionClock clock = systemClock((monitor, ms) -> time.advance(waits.size() == 1 ? 0 : ms));

    assertThat(clock.pause(1_000)).isTrue();

    assertThat(waits).containsExactly(1_000L, 1_000L);
    assertThat(time.elapsedMs()).isEqualTo(1_000);
  }

  @Test
  void aClockSteppedBackDuringAPauseLengthensItByTheStep() {
    // The first wait runs its full timeout, then the clock is stepped back 300 ms.
    ElectionClock clock = systemClock((monitor, ms) -> time.advance(waits.size() == 1 ? ms - 300 : ms));

    assertThat(clock.pause(1_000)).isTrue();

    assertThat(waits).containsExactly(1_000L, 300L);
    assertThat(time.elapsedMs()).isEqualTo(1_000);
  }

  @Test
  void aClockSteppedForwardEndsThePauseAtItsNextWakeUp() {
    ElectionClock clock = systemClock((monitor, ms) -> time.advance(5_000));

    assertThat(clock.pause(1_000)).isTrue();

    assertThat(waits).containsExactly(1_000L);
  }

  @Test
  void aFractionOfAMillisecondLeftIsWaitedAsAWholeOne() {
    ElectionClock clock = systemClock((monitor, ms) -> time.advanceNanos(
        waits.size() == 1 ? ms * 1_000_000 - 300_000 : ms * 1_000_000));

    assertThat(clock.pause(1_000)).isTrue();

    assertThat(waits).containsExactly(1_000L, 1L);
  }

  @Test
  void stopEndsAPauseAndEveryLaterOneWithoutWaiting() {
    ElectionClock[] clock = new ElectionClock[1];
    clock[0] = systemClock((monitor, ms) -> clock[0].stop());

    assertThat(clock[0].pause(1_000)).isFalse();
    assertThat(clock[0].pause(1_000)).isFalse();

    assertThat(waits).containsExactly(1_000L);
    assertThat(time.elapsedMs()).isZero();
  }

  /** The production clock with {@code wait} standing in for the monitor wait; records each timeout. */
  private ElectionClock systemClock(SystemElectionClock.MonitorWait wait) {
    return new SystemElectionClock(time, (monitor, ms) -> {
      waits.add(ms);
      wait.await(monitor, ms);
    });
  }

  /** A clock that moves only when told to. */
  private static final class SteppedClock extends Clock {
    private final Instant start;
    private Instant now;

    SteppedClock(Instant start) {
      this.start = start;
      this.now = start;
    }

    void advance(long ms) {
      now = now.plusMillis(ms);
    }

    void advanceNanos(long nanos) {
      now = now.plusNanos(nanos);
    }

    long elapsedMs() {
      return Duration.between(start, now).toMillis();
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("a stepped clock has one zone");
    }
  }
}
