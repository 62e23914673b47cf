package io.plumbline.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.checker.model.RegisterModel;
import io.plumbline.history.History;
import io.plumbline.history.Operation;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The memo must tell states apart by {@code equals}, not by hash: with a model whose states all
 * share one hash code (legal for any value type), the search still agrees with enumeration. With
 * real models distinct states rarely collide, so the random tests elsewhere would not notice a memo
 * that trusted the hash.
 */
class CollidingStatesTest {

  /** A cas-register state whose hash says nothing. */
  record Same(RegisterModel.Reg reg) {
    @Override
    public int hashCode() {
      return 0;
    }
  }

  /** The cas-register with {@link Same} states. */
  static final class CollidingModel implements Model<Same> {
    private final RegisterModel inner = new RegisterModel(true, 0L);

    @Override
    public String name() {
      return "cas-register (colliding hashes)";
    }

    @Override
    public Same initialState() {
      return new Same(inner.initialState());
    }

    @Override
    public Same step(Same state, Operation op) {
      RegisterModel.Reg next = inner.step(state.reg(), op);
      return next == null ? null : new Same(next);
    }

    @Override
    public String explain(Same state, Operation op) {
      return inner.explain(state.reg(), op);
    }

    @Override
    public boolean mayChangeState(Operation op) {
      return inner.mayChangeState(op);
    }
  }

  @Test
  void statesWithEqualHashesAreStillDifferentStates() {
    SplittableRandom rnd = new SplittableRandom(43);
    for (int i = 0; i < 1500; i++) {
      History h = AgreesWithBruteForceTest.randomHistory(rnd, 2 + rnd.nextInt(6));
      boolean expected = BruteForce.linearizable(h, new CollidingModel());
      CheckResult r = LinearizabilityChecker.check(h, new CollidingModel(), Budget.ofTimeout(Duration.ofSeconds(10)));
      assertThat(r.validity()).as("history %d (%s): %s", i, r.reason(), h.events())
          .isEqualTo(expected ? Validity.TRUE : Validity.FALSE);
    }
  }
}
