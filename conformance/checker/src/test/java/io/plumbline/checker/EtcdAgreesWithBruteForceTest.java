package io.plumbline.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.checker.model.Models;
import io.plumbline.history.History;
import io.plumbline.history.Op;
import io.plumbline.history.OpType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the etcd model's shortcuts: the checker (which splits per key and drops
 * unobserved revisions and versions when it can) agrees with brute-force enumeration over one
 * unsplit, fully tracking model, on random small histories over two keys.
 */
class EtcdAgreesWithBruteForceTest {
  private static final String[] KEYS = {"a", "b"};
  private static final String[] VALUES = {"1", "2"};

  @Test
  void splittingAndUntrackedCountersNeverChangeTheVerdict() {
    SplittableRandom rnd = new SplittableRandom(7);
    int valid = 0;
    for (int i = 0; i < 2000; i++) {
      boolean observeRevisions = rnd.nextInt(4) == 0;
      History h = randomHistory(rnd, 2 + rnd.nextInt(5), observeRevisions);
      boolean expected = BruteForce.linearizable(h, Models.create("etcd", null));
      CheckResult r = LinearizabilityChecker.check(h, Models.create("etcd", null), Budget.ofTimeout(Duration.ofSeconds(10)));
      assertThat(r.validity()).as("history %d (%s): %s", i, r.reason(), h.events())
          .isEqualTo(expected ? Validity.TRUE : Validity.FALSE);
      valid += expected ? 1 : 0;
    }
    assertThat(valid).as("both verdicts occur").isBetween(200, 1800);
  }

  private static History randomHistory(SplittableRandom rnd, int ops, boolean revisions) {
    List<Op> events = new ArrayList<>();
    Object[][] open = new Object[3][];
    int invoked = 0;
    while (invoked < ops || open[0] != null || open[1] != null || open[2] != null) {
      int p = rnd.nextInt(3);
      if (open[p] == null && invoked < ops) {
        open[p] = request(rnd);
        events.add(new Op(0, Integer.toString(p), OpType.INVOKE, (String) open[p][0], open[p][2], open[p][1], null, null, null));
        invoked++;
      } else if (open[p] != null) {
        int t = rnd.nextInt(10);
        OpType type = t < 8 ? OpType.OK : t < 9 ? OpType.INFO : OpType.FAIL;
        Object out = type == OpType.OK ? response(rnd, (String) open[p][0], revisions) : open[p][2];
        events.add(new Op(0, Integer.toString(p), type, (String) open[p][0], out, open[p][1], null, null, null));
        open[p] = null;
      }
    }
    return new History("random-etcd", events);
  }

  /** {f, key, request value} */
  private static Object[] request(SplittableRandom rnd) {
    String key = KEYS[rnd.nextInt(KEYS.length)];
    String value = VALUES[rnd.nextInt(VALUES.length)];
    return switch (rnd.nextInt(4)) {
      case 0 -> new Object[] {"get", key, null};
      case 1 -> new Object[] {"put", key, value};
      case 2 -> new Object[] {"delete", key, null};
      default -> {
        Map<String, Object> txn = new LinkedHashMap<>();
        boolean onValue = rnd.nextBoolean();
        txn.put("compare", List.of(Map.of("key", key, "target", onValue ? "value" : "version",
            "result", rnd.nextBoolean() ? "=" : "!=", "value", onValue ? (Object) value : (Object) (long) rnd.nextInt(2))));
        txn.put("success", List.of(Map.of("f", "put", "key", key, "value", VALUES[rnd.nextInt(VALUES.length)])));
        txn.put("failure", List.of());
        yield new Object[] {"txn", key, txn};
      }
    };
  }

  private static Object response(SplittableRandom rnd, String f, boolean revisions) {
    Map<String, Object> m = new LinkedHashMap<>();
    switch (f) {
      case "get" -> {
        if (!revisions && rnd.nextBoolean()) {
          return rnd.nextInt(3) == 0 ? null : VALUES[rnd.nextInt(VALUES.length)];
        }
        m.put("value", rnd.nextInt(3) == 0 ? null : VALUES[rnd.nextInt(VALUES.length)]);
        if (rnd.nextBoolean()) {
          m.put("version", (long) rnd.nextInt(3));
        }
      }
      case "delete" -> m.put("deleted", (long) rnd.nextInt(2));
      case "txn" -> m.put("succeeded", rnd.nextBoolean());
      default -> { }
    }
    if (revisions) {
      m.put("revision", 1L + rnd.nextInt(4));
    }
    return m;
  }
}
