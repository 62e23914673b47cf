package io.plumbline.raft;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pure core (package {@code io.plumbline.raft}, not its sub-packages) uses no threads, locks,
 * concurrency utilities, clocks, sockets, files or global randomness, so that it behaves the same
 * in the deterministic simulator and in production.
 */
class CoreArchitectureTest {
  private static final String CORE = "io.plumbline.raft";

  static final ArchRule NO_AMBIENT_APIS = noClasses().that().resideInAPackage(CORE)
      .should().dependOnClassesThat().resideInAnyPackage(
          "java.util.concurrent..", "java.time..", "java.net..", "java.nio.file..",
          "java.nio.channels..", "java.io..")
      .orShould().dependOnClassesThat().belongToAnyOf(
          Thread.class, ThreadLocal.class, Runnable.class, java.util.Random.class,
          java.util.SplittableRandom.class, java.util.Timer.class, Runtime.class)
      .because("the core must be deterministic: time and randomness are injected, I/O is the caller's");

  static final ArchRule NO_CLOCKS_OR_SLEEPS = noClasses().that().resideInAPackage(CORE)
      .should().callMethod(System.class, "currentTimeMillis")
      .orShould().callMethod(System.class, "nanoTime")
      .orShould().callMethod(Math.class, "random")
      .orShould().callMethod(Thread.class, "sleep", long.class)
      .orShould().callMethod(Object.class, "wait")
      .orShould().callMethod(Object.class, "notify")
      .because("a clock or a sleep inside the core breaks replay by seed");

  static final ArchRule NO_SYNCHRONIZED = noMethods().that().areDeclaredInClassesThat()
      .resideInAPackage(CORE).should().haveModifier(JavaModifier.SYNCHRONIZED)
      .because("the core is single-threaded by contract");

  private static JavaClasses core() {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(CORE);
  }

  @Test
  void coreUsesNoThreadsLocksClocksFilesSocketsOrGlobalRandomness() {
    JavaClasses classes = core();
    assertThat(classes.contain(RaftCore.class)).isTrue();
    for (ArchRule rule : List.of(NO_AMBIENT_APIS, NO_CLOCKS_OR_SLEEPS, NO_SYNCHRONIZED)) {
      rule.check(classes);
    }
  }

  /** The rules bite: a test-only class in the core package that breaks each one is caught. */
  @Test
  void rulesCatchAKnownBadClass() {
    JavaClasses bad = new ClassFileImporter().importClasses(ImpureFixture.class);
    assertThat(NO_AMBIENT_APIS.evaluate(bad).hasViolation()).isTrue();
    assertThat(NO_CLOCKS_OR_SLEEPS.evaluate(bad).hasViolation()).isTrue();
    assertThat(NO_SYNCHRONIZED.evaluate(bad).hasViolation()).isTrue();
  }
}
