package io.plumbline.controller;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The API server's semantics and duties, leader election and the controllers take their clock
 * and randomness from outside, so the same code can run under a deterministic simulation. Only
 * the composition roots (ApiServer, the CLI commands) and the HTTP shell choose real ones.
 */
class NoAmbientNondeterminismTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.plumbline.apiserver", "io.plumbline.controller");

  private static final String[] GUARDED = {"io.plumbline.apiserver.api..",
      "io.plumbline.apiserver.duties..", "io.plumbline.controller"};

  private static final ArchRule NO_WALL_CLOCK = noClasses().that().resideInAnyPackage(GUARDED)
      .should().callMethod(System.class, "currentTimeMillis")
      .orShould().callMethod(System.class, "nanoTime")
      .orShould().callMethod(Instant.class, "now")
      .orShould().callMethod(Clock.class, "systemUTC")
      .orShould().callMethod(Clock.class, "systemDefaultZone");

  private static final ArchRule NO_AMBIENT_RANDOMNESS_OR_SLEEP = noClasses().that()
      .resideInAnyPackage(GUARDED)
      .should().callConstructor(Random.class)
      .orShould().callConstructor(SecureRandom.class)
      .orShould().callMethod(UUID.class, "randomUUID")
      .orShould().callMethod(Thread.class, "sleep", long.class);

  /**
   * The elector reads time and lets it pass only through its {@link ElectionClock}: no call on a
   * {@link Clock} (injected or not), no monitor wait, no sleep. So its fake-clock test
   * ({@code LeaderElectorTimingTest}) drives every instant the election acts at.
   */
  private static final ArchRule ELECTION_TIME_ONLY_THROUGH_ELECTION_CLOCK = noClasses().that()
      .haveSimpleNameStartingWith("LeaderElector").or().haveSimpleNameStartingWith("LeaseElection")
      .should().callMethodWhere(target(owner(assignableTo(Clock.class))))
      .orShould().callMethod(Object.class, "wait")
      .orShould().callMethod(Object.class, "wait", long.class)
      .orShould().callMethod(Thread.class, "sleep", long.class);

  @Test
  void electionTimeOnlyThroughItsElectionClock() {
    ELECTION_TIME_ONLY_THROUGH_ELECTION_CLOCK.check(CLASSES);
  }

  /** A known-bad elector: reads an injected Clock and waits on a monitor. */
  static final class LeaderElectorWaitingOnItsOwn {
    private final Clock clock = Clock.systemUTC();

    long nextAttempt(Object monitor) throws InterruptedException {
      monitor.wait(1);
      return clock.millis();
    }
  }

  @Test
  void theElectionClockRuleCatchesAKnownBadElector() {
    JavaClasses bad = new ClassFileImporter().importClasses(LeaderElectorWaitingOnItsOwn.class);
    assertThatThrownBy(() -> ELECTION_TIME_ONLY_THROUGH_ELECTION_CLOCK.check(bad))
        .isInstanceOf(AssertionError.class).hasMessageContaining("Clock.millis()")
        .hasMessageContaining("Object.wait(long)");
  }

  @Test
  void noWallClockReads() {
    NO_WALL_CLOCK.check(CLASSES);
  }

  @Test
  void noUnseededRandomnessOrSleeps() {
    NO_AMBIENT_RANDOMNESS_OR_SLEEP.check(CLASSES);
  }

  /** A known-bad class in a guarded package: both rules must reject it. */
  static final class ReadsTheWallClockAndRollsDice {
    long now() {
      return System.currentTimeMillis() + new Random().nextInt();
    }
  }

  @Test
  void theRulesCatchAKnownBadClass() {
    JavaClasses bad = new ClassFileImporter().importClasses(ReadsTheWallClockAndRollsDice.class);
    assertThatThrownBy(() -> NO_WALL_CLOCK.check(bad)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("currentTimeMillis");
    assertThatThrownBy(() -> NO_AMBIENT_RANDOMNESS_OR_SLEEP.check(bad))
        .isInstanceOf(AssertionError.class).hasMessageContaining("Random.<init>");
  }
}
