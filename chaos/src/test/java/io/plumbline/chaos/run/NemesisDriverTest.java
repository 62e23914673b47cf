package io.plumbline.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.chaos.nemesis.Applied;
import io.plumbline.chaos.nemesis.FaultApplier;
import io.plumbline.chaos.nemesis.FaultKind;
import io.plumbline.chaos.nemesis.FaultWindow;
import io.plumbline.chaos.nemesis.NemesisSchedule;
import io.plumbline.chaos.nemesis.TimelineEntry;
import io.plumbline.chaos.workload.Workload;
import io.plumbline.checker.Validity;
import io.plumbline.history.HistoryRecorder;
import io.plumbline.history.Op;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The nemesis driver's bookkeeping is the evidence's input: the timeline holds when a fault really
 * ran (not when it was planned), and the history marks a fault that took no effect, so neither the
 * {@code evidence} verdict nor the lease checker (which lets only faults that took effect explain a
 * new Raft term) can take a fault that did not happen for one that did. The clock is the
 * recorder's, simulated: it moves 0.5 s each time it is read.
 */
class NemesisDriverTest {
  private static final NemesisSchedule ONE_PARTITION = new NemesisSchedule(List.of(
      new FaultWindow(FaultKind.PARTITION, 1_000, 9_000, "halves", List.of(), false, 1L)));

  /** Applies nothing; says each fault took effect, or not ({@code noEffect}). */
  private record Applier(String noEffect) implements FaultApplier {
    @Override
    public Applied apply(FaultWindow w) {
      return new Applied(w.describe(), noEffect);
    }

    @Override
    public String healAll() {
      return "healed";
    }
  }

  private static NemesisDriver play(String noEffect, HistoryRecorder recorder) {
    NemesisDriver driver = new NemesisDriver(ONE_PARTITION, new Applier(noEffect), recorder);
    driver.start();
    while (!driver.finished()) {
      Thread.onSpinWait(); // the simulated clock reaches the heal after about 20 reads (at most 50 ms apart)
    }
    driver.stopAndJoin();
    return driver;
  }

  private static HistoryRecorder clockFrom(long ms) {
    AtomicLong now = new AtomicLong(ms * 1_000_000);
    return new HistoryRecorder(() -> now.getAndAdd(500_000_000));
  }

  /** The driver first looks at the clock 8 s after the fault was due: the timeline says so, and the evidence is unknown. */
  @Test
  void aFaultAppliedLateIsRecordedWhenItRan() {
    NemesisDriver driver = play(null, clockFrom(9_000));
    TimelineEntry e = driver.timeline().get(0);
    assertThat(e.startNanos()).isGreaterThanOrEqualTo(9_000_000_000L);
    Workload.Verdict evidence = Evidence.judge(ONE_PARTITION.windows(), driver.timeline(), 100, 50);
    assertThat(evidence.validity()).as(evidence.summary()).isEqualTo(Validity.UNKNOWN);
    assertThat(evidence.details()).contains("drifted");
    Workload.Verdict onTime = Evidence.judge(ONE_PARTITION.windows(), play(null, clockFrom(0)).timeline(), 100, 50);
    assertThat(onTime.validity()).as(onTime.summary()).isEqualTo(Validity.TRUE);
  }

  /** A partition that cut nothing is "no effect" in the timeline and in the history's start event. */
  @Test
  void aFaultWithoutEffectIsMarkedInTheHistory() {
    HistoryRecorder recorder = clockFrom(0);
    NemesisDriver driver = play("the partition cut no link", recorder);
    assertThat(driver.timeline()).singleElement().satisfies(e -> assertThat(e.tookEffect()).isFalse());
    Op start = recorder.history("driver").events().stream().filter(e -> e.f().equals("start-partition")).findFirst()
        .orElseThrow();
    assertThat(start.process()).isEqualTo("nemesis");
    assertThat(String.valueOf(start.extra().get("error"))).contains("no effect: the partition cut no link");
    HistoryRecorder effective = clockFrom(0);
    play(null, effective);
    assertThat(effective.history("driver").events()).filteredOn(e -> e.f().equals("start-partition"))
        .singleElement().satisfies(e -> assertThat(e.extra()).doesNotContainKey("error"));
  }

  /** A nemesis action that threw (a docker command that failed) did not happen: no effect, so the evidence is unknown. */
  @Test
  void aNemesisActionThatThrowsHasNoEffect() {
    HistoryRecorder recorder = clockFrom(0);
    NemesisDriver driver = new NemesisDriver(ONE_PARTITION, new FaultApplier() {
      @Override
      public Applied apply(FaultWindow w) {
        throw new IllegalStateException("iptables-restore: exit 1");
      }

      @Override
      public String healAll() {
        return "healed";
      }
    }, recorder);
    driver.start();
    while (!driver.finished()) {
      Thread.onSpinWait();
    }
    driver.stopAndJoin();
    assertThat(driver.timeline()).singleElement().satisfies(e -> assertThat(e.noEffect()).contains("iptables-restore"));
    Workload.Verdict evidence = Evidence.judge(ONE_PARTITION.windows(), driver.timeline(), 100, 50);
    assertThat(evidence.validity()).as(evidence.summary()).isEqualTo(Validity.UNKNOWN);
  }
}
