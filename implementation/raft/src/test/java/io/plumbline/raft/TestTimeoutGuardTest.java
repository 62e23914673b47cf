package io.plumbline.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The build's guard against a core bug that loops for ever (pom.xml, {@code raft.test.timeout}):
 * every test method runs under a per-method limit in a thread of its own, so a busy loop that
 * never looks at interrupts fails its test instead of stalling {@code mvn verify}. This runs a
 * test method that spins until released, with the configuration surefire gives every raft test
 * (the system properties, as the nested engine reads them) but a limit of 300 ms, and requires it
 * to fail with a timeout while the method is still spinning: abandoned, not waited for.
 */
class TestTimeoutGuardTest {
  static final String LIMIT = "junit.jupiter.execution.timeout.testable.method.default";
  static final String THREAD_MODE = "junit.jupiter.execution.timeout.thread.mode.default";

  /** Set while the guarded run is under way; the looping method spins until it is cleared. */
  static volatile boolean armed;
  /** Whether the looping method is inside its loop. */
  static volatile boolean spinning;

  /**
   * A test method that loops as a stuck Ready loop would: it ignores interrupts and never ends by
   * itself. A valve of one minute ends it if no guard does, so a broken guard fails this test
   * (the method was no longer spinning when it failed) rather than hanging it.
   */
  static class LoopsForEver {
    @Test
    void spins() {
      if (!armed) {
        return; // run on its own (not by the guard test below): nothing to show
      }
      spinning = true;
      long valve = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (armed && System.nanoTime() < valve) {
        Thread.onSpinWait();
      }
      spinning = false;
    }
  }

  @Test
  void aTestThatLoopsForEverFailsWithATimeoutInsteadOfStallingTheBuild() {
    assertThat(System.getProperty(THREAD_MODE)).as("surefire's %s (pom.xml)", THREAD_MODE)
        .isEqualTo("SEPARATE_THREAD");
    assertThat(System.getProperty(LIMIT)).as("surefire's %s (pom.xml)", LIMIT).isNotBlank();
    Events events;
    boolean stillSpinning;
    armed = true;
    try {
      // Thread mode from the system properties surefire sets (pom.xml); only the limit is shorter.
      events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(LoopsForEver.class))
          .enableImplicitConfigurationParameters(true)
          .configurationParameter(LIMIT, "300ms").execute().testEvents();
      stillSpinning = spinning;
    } finally {
      armed = false; // the abandoned thread leaves its loop
    }
    events.assertStatistics(s -> s.started(1).failed(1).succeeded(0));
    Throwable failure = events.failed().stream().findFirst().orElseThrow()
        .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    assertThat(failure).isInstanceOf(TimeoutException.class)
        .hasMessageContaining("timed out after 300 milliseconds");
    assertThat(stillSpinning).as("the method still spun when its test failed (a thread of its own)")
        .isTrue();
  }
}
