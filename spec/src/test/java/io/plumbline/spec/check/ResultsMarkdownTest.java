package io.plumbline.spec.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.spec.manifest.Expectation;
import io.plumbline.spec.manifest.ModelEntry;
import io.plumbline.spec.manifest.Suite;
import io.plumbline.spec.tlc.TlcProgress;
import io.plumbline.spec.tlc.TlcRunResult;
import io.plumbline.spec.tlc.TlcRunResult.Outcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResultsMarkdownTest {
  private static ModelReport report(String name, Expectation expected, Outcome outcome,
      String violated, TlcProgress stats, double seconds) {
    ModelEntry entry = new ModelEntry(name, Path.of("M.tla"), Path.of("M.cfg"), expected,
        Suite.CI, "term<=2 | log<=2", "d", 1);
    TlcRunResult result = new TlcRunResult(outcome, violated, "", stats, List.of());
    return new ModelReport(entry, result, Verdict.judge(expected, result), seconds,
        Optional.empty(), OptionalDouble.of(1.25));
  }

  /** A model that passed after exploring its initial state only. */
  private static ModelReport vacuous(String name, TlcProgress stats, double seconds) {
    ModelEntry entry = new ModelEntry(name, Path.of("M.tla"), Path.of("M.cfg"), Expectation.pass(),
        Suite.CI, "term<=2 | log<=2", "d", 1);
    TlcRunResult result = new TlcRunResult(Outcome.NO_ERROR, "", "", stats, List.of(), 1, Map.of());
    List<String> vacuity = Vacuity.reasons(result, Set.of());
    return new ModelReport(entry, result, Verdict.judge(Expectation.pass(), result, vacuity), seconds,
        Optional.empty(), OptionalDouble.of(1.25), vacuity);
  }

  @Test
  void oneRowPerModelWithItsMeasuredNumbers() {
    List<ModelReport> reports = List.of(
        report("a", Expectation.pass(), Outcome.NO_ERROR, "",
            new TlcProgress(68, 9_000_000, 1_386_001, 0, -1), 171.04),
        report("b", Expectation.violationOf("Inv"), Outcome.INVARIANT_VIOLATED, "Inv",
            new TlcProgress(12, 900, 208, 40, -1), 2.0),
        report("c", Expectation.pass(), Outcome.TIME_LIMIT, "",
            new TlcProgress(40, 9, 1_467_026, 264_439, -1), 1800.2),
        vacuous("d", new TlcProgress(1, 6, 1, 0, -1), 1.0));
    String md = ResultsMarkdown.render(reports,
        new ResultsMarkdown.RunSettings("./plumbline spec check --suite all", 2, "2g", 1800),
        Instant.parse("2026-11-25T23:10:42Z"));
    assertThat(md).isEqualTo("""
        Measured 2026-11-25 23:10 UTC by `./plumbline spec check --suite all`: 2 TLC worker(s), \
        TLC heap 2g, time limit 30 min per model.

        | model | suite | bounds | expected | result | distinct states | depth | time (s) | load |
        |---|---|---|---|---|---:|---:|---:|---:|
        | `a` | ci | term<=2 \\| log<=2 | pass | pass (complete) | 1,386,001 | 68 | 171.0 | 1.3 |
        | `b` | ci | term<=2 \\| log<=2 | violation:Inv | violation:Inv found | 208 | 12 | 2.0 | 1.3 |
        | `c` | ci | term<=2 \\| log<=2 | pass | no error, **not exhausted**: 1,467,026 states, \
        depth 40 after 30 min (264,439 on the queue) | 1,467,026 | 40 | 1800.2 | 1.3 |
        | `d` | ci | term<=2 \\| log<=2 | pass | **VACUOUS**: no state beyond the initial one(s): 1 distinct, 1 initial \
        | 1 | 1 | 1.0 | 1.3 |

        3 of 4 models gave their expected result; 1974.2 s in total. `load` is the 1-minute load \
        average when the model finished (2 cores).
        """);
  }
}
