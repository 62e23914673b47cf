package io.plumbline.spec.tlc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model's invariants are checked on every state inside its size bounds and on no state beyond
 * them, a state a scenario constraint cuts is still checked, and a violation keeps the invariant's
 * own name: real TLC runs on a counter bounded at 2, whose successor 3 TLC generates and cuts.
 */
class InBoundsInvariantsTest {
  private static final String CLIMB = """
      ---- MODULE Climb ----
      EXTENDS Naturals
      VARIABLE x
      Init == x = 0
      Next == x' = x + 1
      MCConstraint == x <= 2
      FollowsScript == x <= 2
      NotThree == x # 3
      NotTwo == x # 2
      ====
      """;

  @TempDir Path dir;

  private TlcRunResult run(String cfg) throws Exception {
    Files.writeString(dir.resolve("Climb.tla"), CLIMB);
    Files.writeString(dir.resolve("Climb.cfg"), cfg);
    return new TlcLauncher(1, "256m").run(dir.resolve("Climb.tla"), dir.resolve("Climb.cfg"),
        new TlcLauncher.Observer() { });
  }

  @Test
  void aStateBeyondTheSizeBoundIsNotChecked() throws Exception {
    TlcRunResult r = run("INIT Init\nNEXT Next\nCONSTRAINT MCConstraint\nINVARIANT NotThree\n");
    assertThat(r.outcome()).as(r.errorText()).isEqualTo(TlcRunResult.Outcome.NO_ERROR);
    assertThat(r.stats().distinct()).isEqualTo(3);
  }

  @Test
  void aViolationInsideTheBoundsIsReportedUnderItsOwnName() throws Exception {
    TlcRunResult r = run("INIT Init\nNEXT Next\nCONSTRAINTS MCConstraint\nINVARIANTS NotThree\n  NotTwo\n");
    assertThat(r.outcome()).isEqualTo(TlcRunResult.Outcome.INVARIANT_VIOLATED);
    assertThat(r.violated()).isEqualTo("NotTwo");
    assertThat(r.trace()).hasSize(3);
  }

  @Test
  void aStateTheScriptCutsIsStillChecked() throws Exception {
    TlcRunResult r = run("INIT Init\nNEXT Next\nCONSTRAINT FollowsScript\nINVARIANT NotThree\n");
    assertThat(r.outcome()).isEqualTo(TlcRunResult.Outcome.INVARIANT_VIOLATED);
    assertThat(r.violated()).isEqualTo("NotThree");
  }

  @Test
  void withoutAConstraintEveryStateIsChecked() throws Exception {
    assertThat(InBoundsInvariants.of("INIT Init\nNEXT Next\nINVARIANT NotThree\n", "Climb")).isEmpty();
  }

  @Test
  void commentsAndEveryKeywordSpellingAreRead() {
    String cfg = """
        \\* INVARIANT InAComment
        SPECIFICATION Spec
        CONSTANTS
            Server = {s1, s2}
            LeaderOfTerm <- TieLeaders
        (* CONSTRAINT Hidden
           INVARIANT Hidden *)
        CONSTRAINT MCConstraint OneMessagePerLink
        ACTION_CONSTRAINT NotAStateConstraint
        INVARIANTS
            TypeOK \\* the types
            LogMatching
        PROPERTIES MonotonicCommit
        CONSTRAINTS TieShape
        INVARIANT ElectionSafety
        CHECK_DEADLOCK FALSE
        """;
    InBoundsInvariants w = InBoundsInvariants.of(cfg, "MCEtcdRaftScenario").orElseThrow();
    assertThat(w.module()).contains("EXTENDS MCEtcdRaftScenario, TLC")
        .contains("InBounds_Gate == TLCSet(41, MCConstraint /\\ OneMessagePerLink)\n")
        .contains("InBounds_TypeOK == TLCGet(41) => TypeOK")
        .contains("InBounds_LogMatching == TLCGet(41) => LogMatching")
        .contains("InBounds_ElectionSafety == TLCGet(41) => ElectionSafety")
        .doesNotContain("Hidden").doesNotContain("InAComment").doesNotContain("NotAStateConstraint")
        .doesNotContain("TieShape");
    assertThat(w.config()).contains("LeaderOfTerm <- TieLeaders").contains("PROPERTIES MonotonicCommit")
        .contains("ACTION_CONSTRAINT NotAStateConstraint").contains("CHECK_DEADLOCK FALSE")
        .doesNotContain("    TypeOK").doesNotContain("INVARIANT ElectionSafety")
        .endsWith("INVARIANTS\n    InBounds_Gate\n    InBounds_TypeOK\n    InBounds_LogMatching\n"
            + "    InBounds_ElectionSafety\n");
    assertThat(InBoundsInvariants.originalName("InBounds_TypeOK")).isEqualTo("TypeOK");
    assertThat(InBoundsInvariants.originalName("deadlock")).isEqualTo("deadlock");
  }
}
