package io.plumbline.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.checker.model.Models;
import io.plumbline.history.History;
import io.plumbline.history.Op;
import io.plumbline.history.OpType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Differential test: on thousands of small random cas-register histories (valid and not, with
 * failed and indeterminate operations), the WGL search agrees with brute-force enumeration.
 */
class AgreesWithBruteForceTest {

  @Test
  void wglSearchAgreesWithEnumerationOnRandomSmallHistories() {
    SplittableRandom rnd = new SplittableRandom(42);
    int invalid = 0;
    for (int i = 0; i < 3000; i++) {
      History h = randomHistory(rnd, 2 + rnd.nextInt(6));
      boolean expected = BruteForce.linearizable(h, Models.create("cas-register", 0L));
      CheckResult r = LinearizabilityChecker.check(h, Models.create("cas-register", 0L), Budget.ofTimeout(Duration.ofSeconds(10)));
      assertThat(r.validity()).as("history %d (%s): %s", i, r.reason(), h.events()).isEqualTo(expected ? Validity.TRUE : Validity.FALSE);
      invalid += expected ? 0 : 1;
    }
    assertThat(invalid).as("the generator must produce both verdicts").isBetween(300, 2700);
  }

  /** Random concurrent events from up to 4 processes on a register with values 0..2. */
  static History randomHistory(SplittableRandom rnd, int ops) {
    List<Op> events = new ArrayList<>();
    String[] open = new String[4];
    Object[] openValue = new Object[4];
    int invoked = 0;
    while (invoked < ops || anyOpen(open)) {
      int p = rnd.nextInt(4);
      if (open[p] == null && invoked < ops) {
        int kind = rnd.nextInt(3);
        open[p] = kind == 0 ? "read" : kind == 1 ? "write" : "cas";
        openValue[p] = kind == 0 ? null : kind == 1 ? (Object) (long) rnd.nextInt(3)
            : List.of((long) rnd.nextInt(3), (long) rnd.nextInt(3));
        events.add(Op.of(0, Integer.toString(p), OpType.INVOKE, open[p], openValue[p]));
        invoked++;
      } else if (open[p] != null) {
        int t = rnd.nextInt(10);
        OpType type = t < 7 ? OpType.OK : t < 9 ? OpType.INFO : OpType.FAIL;
        Object value = open[p].equals("read") && type == OpType.OK ? (Object) (long) rnd.nextInt(3) : openValue[p];
        events.add(Op.of(0, Integer.toString(p), type, open[p], value));
        open[p] = null;
      }
    }
    return new History("random", events);
  }

  private static boolean anyOpen(String[] open) {
    for (String s : open) {
      if (s != null) {
        return true;
      }
    }
    return false;
  }
}
