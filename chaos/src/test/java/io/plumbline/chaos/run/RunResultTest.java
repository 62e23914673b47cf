package io.plumbline.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.chaos.workload.Workload;
import io.plumbline.checker.Validity;
import io.plumbline.history.History;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run's combined verdict: any invalid checker wins, then any unknown one (evidence too): never valid on less. */
class RunResultTest {

  private static RunResult with(Validity... verdicts) {
    List<Workload.Verdict> vs = new ArrayList<>();
    for (int i = 0; i < verdicts.length; i++) {
      vs.add(new Workload.Verdict("checker " + i, verdicts[i], verdicts[i].word(), ""));
    }
    return new RunResult(new History("run", List.of()), List.of(), vs, 0);
  }

  @Test
  void oneUnknownCheckerMakesTheRunUnknownAndOneInvalidMakesItInvalid() {
    assertThat(with(Validity.TRUE, Validity.TRUE).validity()).isEqualTo(Validity.TRUE);
    assertThat(with(Validity.TRUE, Validity.UNKNOWN).validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(with(Validity.UNKNOWN, Validity.TRUE).validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(with(Validity.UNKNOWN, Validity.FALSE, Validity.TRUE).validity()).isEqualTo(Validity.FALSE);
    assertThat(with(Validity.TRUE, Validity.UNKNOWN).exitCode()).isEqualTo(3);
    assertThat(with(Validity.FALSE).exitCode()).isEqualTo(1);
    assertThat(with(Validity.TRUE).exitCode()).isZero();
  }
}
