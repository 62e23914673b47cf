package io.plumbline.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.checker.model.Models;
import io.plumbline.history.History;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differential test of every model against a plain reference implementation written in the test
 * from the model's documented rules ({@link SimpleReferences}, {@link EtcdReference}); the
 * brute-force tests cannot do this, as they step the same model. On random sequential runs of the
 * reference (with failed and indeterminate operations) the checker must say valid; with one definite
 * operation's answer replaced by one the reference rules out, invalid: in a sequential history
 * without indeterminate operations, each operation has exactly one place and one right answer.
 */
class ModelsAgreeWithReferenceTest {
  private static final int RUNS = 400;

  @ParameterizedTest
  @ValueSource(strings = {"register", "register-nil", "cas-register", "kv", "mutex", "multi-register", "etcd",
      "etcd-revisions"})
  void modelsAcceptTheReferencesRunsAndRejectEachWrongAnswer(String variant) {
    SplittableRandom rnd = new SplittableRandom(variant.hashCode());
    int wrongsChecked = 0;
    for (int i = 0; i < RUNS; i++) {
      SequentialRun run = run(variant, rnd, 2 + rnd.nextInt(11));
      History good = run.history();
      CheckResult r = check(variant, good);
      assertThat(r.validity()).as("run %d (%s): %s", i, r.reason(), good.events()).isEqualTo(Validity.TRUE);
      Object[] wrong = run.hasIndeterminate() ? null : run.pickWrong(rnd);
      if (wrong == null) {
        continue;
      }
      History bad = run.history((Integer) wrong[0], (Object[]) wrong[1]);
      CheckResult b = check(variant, bad);
      assertThat(b.validity()).as("run %d with step %s answered %s: %s", i, wrong[0], ((Object[]) wrong[1])[1],
          bad.events()).isEqualTo(Validity.FALSE);
      wrongsChecked++;
    }
    assertThat(wrongsChecked).as("wrong answers tried").isGreaterThan(RUNS / 4);
  }

  private static SequentialRun run(String variant, SplittableRandom rnd, int n) {
    return switch (variant) {
      case "register-nil" -> SimpleReferences.run("register", null, rnd, n);
      case "register", "cas-register" -> SimpleReferences.run(variant, 0L, rnd, n);
      case "etcd" -> EtcdReference.run(rnd, n, false);
      case "etcd-revisions" -> EtcdReference.run(rnd, n, true);
      default -> SimpleReferences.run(variant, null, rnd, n);
    };
  }

  private static CheckResult check(String variant, History h) {
    String model = variant.equals("register-nil") ? "register" : variant.startsWith("etcd") ? "etcd" : variant;
    Object init = variant.equals("register") || variant.equals("cas-register") ? (Object) 0L : null;
    return LinearizabilityChecker.check(h, Models.create(model, init), Budget.ofTimeout(Duration.ofSeconds(10)));
  }
}
