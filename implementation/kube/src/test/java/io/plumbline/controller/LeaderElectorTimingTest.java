package io.plumbline.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.apiserver.api.LeaseTraceEvent;
import io.plumbline.apiserver.api.LeaseTraceSink;
import io.plumbline.controller.FakeLeaseApi.WriteFault;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * client-go's timing rules for {@link LeaderElector}, on a fake clock: the whole loop runs on the
 * test's thread ({@link LeaderElector#run}) against a {@link FakeLeaseApi}, so each scenario's
 * transcript (time since start, spec action, Get's intent) is exact and the same on every run.
 * A 15 s lease, a 10 s renew deadline, a 3 s retry period (the deadline is not a multiple of the
 * retry period, so a pause that runs past the deadline shows), jitter drawn as 0.5 (a candidate's
 * retry is 3 s × (1 + 0.5 × 1.2) = 4.8 s). The rules:
 * <ul>
 *   <li>a leader renews every retry period after its last renewal, from its acquisition on;
 *   <li>it steps down exactly when the renew deadline has passed since the decision of its last
 *       successful renewal: not earlier, not at the next retry, not when a slow answer arrives;
 *   <li>a renewal may take only what is left of the renew deadline;
 *   <li>a standby takes another holder's lease exactly one lease duration after it last saw the
 *       record change, on its own clock (not the holder's renewTime), polling every jittered retry
 *       period in between.
 * </ul>
 * {@link #everyElectionBugBreaksATimingRule} shows each rule bites: every {@link ElectionBug}
 * changes at least one transcript.
 */
class LeaderElectorTimingTest {
  private static final long T0 = 1_000_000;
  private static final ElectionConfig CONFIG = new ElectionConfig("kube-system", "cm", "a",
      15_000, 10_000, 3_000);

  /** One scenario: how the fake API behaves, when the run ends, the exact transcript expected. */
  record Scenario(String name, long endMs, Consumer<FakeLeaseApi> setUp, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Scenario> scenarios() {
    return Stream.of(
        new Scenario("renews every retry period from its acquisition on", 12_000, api -> { }, """
            0 Get acquire
            0 UpdateSucceeds gen=0
            3000 Get renew
            3000 UpdateSucceeds gen=0
            6000 Get renew
            6000 UpdateSucceeds gen=0
            9000 Get renew
            9000 UpdateSucceeds gen=0
            12000 Get renew
            12000 UpdateSucceeds gen=0
            """),
        // writes answer after 500 ms; from 4 s on with a 500: the deadline counts from the
        // decision at 3 500, so the step down is at 13 500 (not 14 000, nor at a retry tick)
        new Scenario("steps down at the renew deadline when renewals fail", 14_000, api -> {
          api.writeLatencyMs = 500;
          api.writeFault = t -> t >= T0 + 4_000 ? WriteFault.ERROR : WriteFault.NONE;
        }, """
            0 Get acquire
            0 UpdateSucceeds gen=0
            3500 Get renew
            3500 UpdateSucceeds gen=0
            7000 Get renew
            7000 UpdateUnanswered
            10500 Get renew
            10500 UpdateUnanswered
            13500 StepDown
            13500 Get renew
            13500 UpdateUnanswered
            """),
        // reads take 200 ms; from 4 s on writes get no answer: the renewal decided at 6 600 may
        // wait only what is left of the deadline counted from 3 400 (the read ate 200 ms of it),
        // and the leader steps down when that runs out at 13 400
        new Scenario("steps down at the renew deadline when a renewal hangs", 14_000, api -> {
          api.readLatencyMs = 200;
          api.writeFault = t -> t >= T0 + 4_000 ? WriteFault.HANG : WriteFault.NONE;
        }, """
            200 Get acquire
            200 UpdateSucceeds gen=0
            3400 Get renew
            3400 UpdateSucceeds gen=0
            6600 Get renew
            6600 UpdateUnanswered
            13400 StepDown
            13600 Get renew
            13600 UpdateUnanswered
            """),
        // b renews every 2 s until 5 s (last at 4 000, seen at 4 800), stamping renewTime from a
        // clock 5 s behind: a takes over at 4 800 + 15 000, polling every 4.8 s before that and
        // waking at the expiry instant rather than 4.8 s after 19 200
        new Scenario("a standby takes over one lease duration after it saw the last renewal",
            22_000, api -> api.heldBy("b", 3, 2_000, T0 + 5_000, -5_000), """
            0 Get none
            4800 Get none
            9600 Get none
            14400 Get none
            19200 Get none
            19800 Get acquire
            19800 UpdateSucceeds gen=4
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void theElectorFollowsClientGosTiming(Scenario scenario) {
    assertThat(run(scenario, Set.of()).transcript()).isEqualTo(scenario.expected());
  }

  /** The takeover's own record states the bound exactly: a lease duration after the last change. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void aTakeoverIsRecordedOneLeaseDurationAfterTheLastChangeSeen(Scenario scenario) {
    List<LeaderElector.Takeover> takeovers = run(scenario, Set.of()).elector().takeovers();
    assertThat(takeovers).allSatisfy(t -> {
      assertThat(t.from()).isEqualTo("b");
      assertThat(t.afterObservedMs()).isEqualTo(CONFIG.leaseDurationMs());
    });
  }

  /** Each deliberate bug changes the transcript of at least one scenario (the rules bite). */
  @ParameterizedTest
  @EnumSource(ElectionBug.class)
  void everyElectionBugBreaksATimingRule(ElectionBug bug) {
    List<String> caughtBy = scenarios().map(s -> firstDifference(s, run(s, Set.of(bug))))
        .filter(d -> !d.isEmpty()).toList();
    System.out.println("LeaderElectorTimingTest: " + bug + " caught by " + caughtBy);
    assertThat(caughtBy).as(bug + " breaks no timing rule").isNotEmpty();
  }

  /** "scenario: expected line / got line" at the first line that differs, or "" when none. */
  private static String firstDifference(Scenario s, Run run) {
    List<String> want = s.expected().lines().toList();
    List<String> got = run.transcript().lines().toList();
    for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
      String w = i < want.size() ? want.get(i) : "(end)";
      String g = i < got.size() ? got.get(i) : "(end)";
      if (!w.equals(g)) {
        return s.name() + ": expected '" + w + "', got '" + g + "'";
      }
    }
    return "";
  }

  record Run(LeaderElector elector, String transcript) {}

  private static Run run(Scenario scenario, Set<ElectionBug> bugs) {
    FakeElectionClock clock = new FakeElectionClock(T0, T0 + scenario.endMs());
    FakeLeaseApi api = new FakeLeaseApi(clock);
    scenario.setUp().accept(api);
    List<String> lines = new ArrayList<>();
    LeaseTraceSink sink = e -> lines.add(line(e));
    LeaderElector elector = new LeaderElector(api, CONFIG, clock, HALF, sink, bugs);
    elector.run();
    return new Run(elector, lines.stream().map(l -> l + "\n").reduce("", String::concat));
  }

  private static String line(LeaseTraceEvent e) {
    return (e.clockMs() - T0) + " " + e.action() + (e.intent().isEmpty() ? "" : " " + e.intent())
        + (e.action().equals("UpdateSucceeds") ? " gen=" + e.transitions() : "");
  }

  /** Jitter drawn as 0.5, always (shared with the other fake-clock elector tests). */
  static final RandomGenerator HALF = new RandomGenerator() {
    @Override
    public long nextLong() {
      return 0;
    }

    @Override
    public double nextDouble() {
      return 0.5;
    }
  };
}
