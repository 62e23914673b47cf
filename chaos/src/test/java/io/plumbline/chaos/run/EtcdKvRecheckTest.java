package io.plumbline.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.chaos.workload.EtcdKvWorkload;
import io.plumbline.chaos.workload.Workload;
import io.plumbline.checker.Validity;
import io.plumbline.history.History;
import io.plumbline.history.HistoryFormat;
import io.plumbline.checker.model.Models;
import io.plumbline.history.HistoryReader;
import io.plumbline.history.HistoryRecorder;
import io.plumbline.history.HistoryWriter;
import io.plumbline.history.OpType;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The etcd-kv workload's saved history gives the run's verdict: {@code check-history} on
 * {@code history.jsonl} or {@code history.edn} (the model it infers, its default budget) must say
 * what the workload's own checker said, valid or invalid. The history is recorded event by event as
 * the runner's {@code Worker} records it (invoke with the member; completion with the answer on ok,
 * the invocation's value and an error otherwise), from the workload's operation mix on a simulated
 * store: gets (absent: nil), puts, deletes ({@code {"deleted" n}}), value-compare txns
 * ({@code {"succeeded" b}}), some of them indeterminate.
 */
class EtcdKvRecheckTest {
  private static final Workload WORKLOAD = new EtcdKvWorkload("/t", Duration.ofSeconds(1));

  @Test
  void aCorrectStoresSavedHistoryIsValidInEveryFormat() {
    History h = history(7, false);
    assertThat(WORKLOAD.check(h).validity()).as(WORKLOAD.check(h).summary()).isEqualTo(Validity.TRUE);
    for (HistoryFormat format : List.of(HistoryFormat.JSONL, HistoryFormat.EDN)) {
      History saved = HistoryReader.parse("saved." + format, HistoryWriter.toString(h, format), format);
      assertThat(Models.inferName(saved, format)).as("the model check-history picks").isEqualTo("etcd");
      assertThat(ShortRuns.recheck(h, format)).as("check-history on the saved " + format).isEqualTo(Validity.TRUE);
    }
  }

  /** One get answers the value its key held before the last acknowledged put: every format says invalid. */
  @Test
  void aStaleGetIsInvalidInEveryFormat() {
    History h = history(7, true);
    assertThat(WORKLOAD.check(h).validity()).as(WORKLOAD.check(h).summary()).isEqualTo(Validity.FALSE);
    for (HistoryFormat format : List.of(HistoryFormat.JSONL, HistoryFormat.EDN)) {
      assertThat(ShortRuns.recheck(h, format)).as("check-history on the saved " + format).isEqualTo(Validity.FALSE);
    }
  }

  /**
   * 300 operations, one at a time, on 3 keys of a correct store; one in 9 writes is indeterminate
   * (applied or not, seeded). With {@code stale}, the first get after the 100th operation that
   * follows a put changing its key answers the key's previous value.
   */
  private static History history(long seed, boolean stale) {
    Random rng = new Random(seed);
    AtomicLong clock = new AtomicLong();
    HistoryRecorder rec = new HistoryRecorder(() -> clock.addAndGet(1_000_000));
    Map<Long, Long> store = new HashMap<>();
    Map<Long, Long> previous = new HashMap<>();
    boolean staled = false;
    for (int i = 0; i < 300; i++) {
      String p = Integer.toString(i % 5);
      long key = rng.nextInt(3);
      int pick = rng.nextInt(10);
      long v = rng.nextInt(5);
      boolean info = pick >= 4 && rng.nextInt(9) == 0;
      boolean applies = !info || rng.nextBoolean();
      String f;
      Object in;
      Object out;
      if (pick < 4) {
        f = "get";
        in = null;
        out = store.get(key);
        if (stale && !staled && i > 100 && previous.containsKey(key) && !java.util.Objects.equals(previous.get(key),
            store.get(key))) {
          out = previous.get(key);
          staled = true;
        }
      } else if (pick < 7) {
        f = "put";
        in = v;
        out = v;
        if (applies) {
          previous.put(key, store.get(key));
          store.put(key, v);
        }
      } else if (pick < 8) {
        f = "delete";
        in = null;
        out = Map.of("deleted", store.containsKey(key) ? 1L : 0L);
        if (applies) {
          previous.put(key, store.get(key));
          store.remove(key);
        }
      } else {
        long next = rng.nextInt(5);
        f = "txn";
        in = Map.of("compare", List.of(Map.of("key", key, "target", "value", "result", "=", "value", v)),
            "success", List.of(Map.of("f", "put", "key", key, "value", next)),
            "failure", List.of(Map.of("f", "get", "key", key)));
        boolean succeeded = Long.valueOf(v).equals(store.get(key));
        out = Map.of("succeeded", succeeded);
        if (applies && succeeded) {
          previous.put(key, store.get(key));
          store.put(key, next);
        }
      }
      rec.record(p, OpType.INVOKE, f, key, in, Map.of("member", i % 3));
      Map<String, Object> extra = new LinkedHashMap<>(HistoryRecorder.error(info ? "request timed out" : null));
      extra.put("member", i % 3);
      rec.record(p, info ? OpType.INFO : OpType.OK, f, key, info ? in : out, extra);
    }
    assertThat(!stale || staled).as("the stale get was planted").isTrue();
    return rec.history("etcd-kv seed " + seed);
  }
}
