package io.plumbline.chaos.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.chaos.generator.Context;
import io.plumbline.chaos.generator.Generator;
import io.plumbline.chaos.generator.Invocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The register and etcd-kv generators give the op mix their checkers need to bite: reads (4 in 10),
 * blind writes of values 0..4 (3 in 10) and the workload's own operations (cas; delete and txn) on
 * several keys. A mix without cas, or with one value only, leaves a stale or lost write
 * indistinguishable from a fresh one, and nothing else in the build would notice. Seeded: the counts
 * below are exact for seed 1.
 */
class OpMixTest {
  private static List<Invocation> draw(Workload w, int n) {
    SplittableRandom rng = new SplittableRandom(1);
    Generator g = w.generator();
    List<Invocation> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Generator.Step s = g.next(new Context(i * 1_000_000L, new TreeSet<>(List.of(0)), rng));
      out.add(s.op());
      g = s.rest();
    }
    return out;
  }

  private static Map<String, Long> share(List<Invocation> ops) {
    return ops.stream().collect(Collectors.groupingBy(Invocation::f, Collectors.counting()));
  }

  @Test
  void registerMixesReadsWritesAndCasOverManyValuesAndKeys() {
    List<Invocation> ops = draw(new RegisterWorkload("p/", Duration.ofSeconds(1)), 1_000);
    Map<String, Long> n = share(ops);
    assertThat(n).containsOnlyKeys("read", "write", "cas");
    assertThat(n.get("read")).isBetween(330L, 470L);
    assertThat(n.get("write")).isBetween(230L, 370L);
    assertThat(n.get("cas")).isBetween(230L, 370L);
    assertThat(values(ops, "write", Invocation::value)).containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(values(ops, "read", Invocation::key).size()).isGreaterThan(3);
  }

  @Test
  void etcdKvMixesGetsPutsDeletesAndTxns() {
    List<Invocation> ops = draw(new EtcdKvWorkload("p/", Duration.ofSeconds(1)), 1_000);
    Map<String, Long> n = share(ops);
    assertThat(n).containsOnlyKeys("get", "put", "delete", "txn");
    assertThat(n.get("delete")).isBetween(50L, 150L);
    assertThat(n.get("txn")).isBetween(130L, 270L);
    assertThat(values(ops, "put", Invocation::value)).containsExactly(0L, 1L, 2L, 3L, 4L);
  }

  private static TreeSet<Object> values(List<Invocation> ops, String f, Function<Invocation, Object> field) {
    return ops.stream().filter(o -> o.f().equals(f)).map(field)
        .collect(Collectors.toCollection(() -> new TreeSet<>((a, b) -> Long.compare((Long) a, (Long) b))));
  }
}
