package io.plumbline.chaos.workload;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.plumbline.chaos.client.EtcdClients;
import io.plumbline.chaos.generator.Generator;
import io.plumbline.chaos.generator.Generators;
import io.plumbline.chaos.generator.Invocation;
import io.plumbline.checker.Budget;
import io.plumbline.checker.LinearizabilityChecker;
import io.plumbline.checker.model.EtcdModel;
import io.plumbline.history.History;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * etcd's KV API under faults: {@code get}, {@code put}, {@code delete} and {@code txn} (if value =
 * v then put v' else get) on rotating keys, recorded in the encoding of conformance's {@code etcd}
 * model (no revisions recorded, so keys are checked independently) and checked with that model.
 */
public final class EtcdKvWorkload implements Workload {
  private final String prefix;
  private final Duration timeout;

  public EtcdKvWorkload(String prefix, Duration timeout) {
    this.prefix = prefix;
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return "etcd-kv";
  }

  @Override
  public Generator generator() {
    return Generators.repeat(ctx -> {
      long key = Keys.random(ctx);
      int pick = ctx.rng().nextInt(10);
      long v = ctx.rng().nextInt(5);
      if (pick < 4) {
        return new Invocation(Invocation.ANY, "get", key, null, 0);
      }
      if (pick < 7) {
        return new Invocation(Invocation.ANY, "put", key, v, 0);
      }
      if (pick < 8) {
        return new Invocation(Invocation.ANY, "delete", key, null, 0);
      }
      Map<String, Object> txn = Map.of(
          "compare", List.of(Map.of("key", key, "target", "value", "result", "=", "value", v)),
          "success", List.of(Map.of("f", "put", "key", key, "value", (long) ctx.rng().nextInt(5))),
          "failure", List.of(Map.of("f", "get", "key", key)));
      return new Invocation(Invocation.ANY, "txn", key, txn, 0);
    });
  }

  @Override
  public Generator finalGenerator(List<Integer> processes) {
    return Generators.eachProcess(Set.copyOf(processes), p -> Generators.limit(1, Generators.repeat(
        ctx -> new Invocation(Invocation.ANY, "get", Keys.slot(ctx, p), null, 0))));
  }

  @Override
  public WorkloadClient client(int process, String clientUrl) {
    Client c = EtcdClients.forMember(clientUrl);
    KV kv = c.getKVClient();
    long ms = timeout.toMillis();
    return new WorkloadClient() {
      @Override
      public Completion invoke(Invocation op) throws Exception {
        ByteSequence key = bytes(prefix + op.key());
        return switch (op.f()) {
          case "get" -> Completion.ok(value(kv.get(key).get(ms, TimeUnit.MILLISECONDS)));
          case "put" -> {
            kv.put(key, bytes(op.value().toString()), PutOption.DEFAULT).get(ms, TimeUnit.MILLISECONDS);
            yield Completion.ok(op.value());
          }
          case "delete" -> Completion.ok(Map.of("deleted", kv.delete(key).get(ms, TimeUnit.MILLISECONDS).getDeleted()));
          case "txn" -> Completion.ok(Map.of("succeeded", txn(kv, key, (Map<?, ?>) op.value(), ms)));
          default -> throw new IllegalArgumentException("etcd-kv has no operation " + op.f());
        };
      }

      @Override
      public void close() {
        c.close();
      }
    };
  }

  private static boolean txn(KV kv, ByteSequence key, Map<?, ?> txn, long ms) throws Exception {
    Object expected = ((Map<?, ?>) ((List<?>) txn.get("compare")).get(0)).get("value");
    Object next = ((Map<?, ?>) ((List<?>) txn.get("success")).get(0)).get("value");
    return kv.txn().If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.value(bytes(expected.toString()))))
        .Then(Op.put(key, bytes(next.toString()), PutOption.DEFAULT))
        .Else(Op.get(key, GetOption.DEFAULT))
        .commit().get(ms, TimeUnit.MILLISECONDS).isSucceeded();
  }

  private static Long value(GetResponse r) {
    return r.getKvs().isEmpty() ? null : Long.parseLong(r.getKvs().get(0).getValue().toString(StandardCharsets.UTF_8));
  }

  @Override
  public Verdict check(History history) {
    return Verdicts.of("linearizable (etcd model)", LinearizabilityChecker.check(history, new EtcdModel(),
        Budget.ofTimeout(Duration.ofSeconds(60))));
  }

  private static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }
}
