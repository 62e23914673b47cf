package io.plumbline.chaos.workload;

import io.plumbline.common.cli.EtcdAccess;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.plumbline.chaos.generator.Context;
import io.plumbline.chaos.generator.Invocation;
import io.plumbline.checker.Budget;
import io.plumbline.checker.LinearizabilityChecker;
import io.plumbline.checker.model.EtcdModel;
import io.plumbline.history.History;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * etcd's KV API under faults: {@code get}, {@code put}, {@code delete} and {@code txn} (if value =
 * v then put v' else get) on rotating keys, recorded in the encoding of conformance's {@code etcd}
 * model (no revisions recorded, so keys are checked independently) and checked with that model.
 */
public final class EtcdKvWorkload extends KeyedKvWorkload {
  public EtcdKvWorkload(String prefix, Duration timeout) {
    this(prefix, timeout, EtcdAccess.NONE);
  }

  /** As above, its clients reaching the members with {@code access} (TLS files, user). */
  public EtcdKvWorkload(String prefix, Duration timeout, EtcdAccess access) {
    super(prefix, timeout, access);
  }

  @Override
  public String name() {
    return "etcd-kv";
  }

  @Override
  String readOperation() {
    return "get";
  }

  @Override
  String writeOperation() {
    return "put";
  }

  @Override
  Invocation otherOperation(Context ctx, long key, int pick, long v) {
    if (pick < 8) {
      return new Invocation(Invocation.ANY, "delete", key, null, 0);
    }
    Map<String, Object> txn = Map.of(
        "compare", List.of(Map.of("key", key, "target", "value", "result", "=", "value", v)),
        "success", List.of(Map.of("f", "put", "key", key, "value", (long) ctx.rng().nextInt(5))),
        "failure", List.of(Map.of("f", "get", "key", key)));
    return new Invocation(Invocation.ANY, "txn", key, txn, 0);
  }

  @Override
  Completion perform(KV kv, ByteSequence key, Invocation op, long ms) throws Exception {
    return switch (op.f()) {
      case "get" -> Completion.ok(longValue(kv.get(key).get(ms, TimeUnit.MILLISECONDS)));
      case "put" -> {
        kv.put(key, bytes(op.value().toString()), PutOption.DEFAULT).get(ms, TimeUnit.MILLISECONDS);
        yield Completion.ok(op.value());
      }
      case "delete" -> Completion.ok(Map.of("deleted", kv.delete(key).get(ms, TimeUnit.MILLISECONDS).getDeleted()));
      case "txn" -> Completion.ok(Map.of("succeeded", txn(kv, key, (Map<?, ?>) op.value(), ms)));
      default -> throw new IllegalArgumentException("etcd-kv has no operation " + op.f());
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

  @Override
  public Verdict check(History history) {
    EtcdModel model = new EtcdModel();
    return Verdicts.of("linearizable (etcd model)", LinearizabilityChecker.check(history, model,
        Budget.ofTimeout(Duration.ofSeconds(60))), history, model);
  }
}
