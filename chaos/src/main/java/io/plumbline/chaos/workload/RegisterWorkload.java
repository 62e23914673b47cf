package io.plumbline.chaos.workload;

import io.plumbline.common.cli.EtcdAccess;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import io.plumbline.chaos.generator.Context;
import io.plumbline.chaos.generator.Invocation;
import io.plumbline.checker.Budget;
import io.plumbline.checker.CheckResult;
import io.plumbline.checker.LinearizabilityChecker;
import io.plumbline.checker.model.RegisterModel;
import io.plumbline.history.History;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Jepsen's {@code register}: per-key compare-and-set registers on etcd keys. {@code read} is a
 * linearizable get, {@code write v} a put, {@code cas [from to]} a txn that puts {@code to} only if
 * the value is {@code from} (a false compare is a definite fail). Checked per key with the
 * {@code cas-register} model (initially nil); a read of nil is a get that found the key absent, so
 * unlike Knossos's convention it is legal only while the key was never written. Such reads are
 * recorded {@code "absent": true}, so {@code check-history} on the saved history judges them alike.
 */
public final class RegisterWorkload extends KeyedKvWorkload {
  public RegisterWorkload(String prefix, Duration timeout) {
    this(prefix, timeout, EtcdAccess.NONE);
  }

  /** As above, its clients reaching the members with {@code access} (TLS files, user). */
  public RegisterWorkload(String prefix, Duration timeout, EtcdAccess access) {
    super(prefix, timeout, access);
  }

  @Override
  public String name() {
    return "register";
  }

  @Override
  String readOperation() {
    return "read";
  }

  @Override
  String writeOperation() {
    return "write";
  }

  @Override
  Invocation otherOperation(Context ctx, long key, int pick, long v) {
    return new Invocation(Invocation.ANY, "cas", key, List.of(v, (long) ctx.rng().nextInt(5)), 0);
  }

  @Override
  Completion perform(KV kv, ByteSequence key, Invocation op, long ms) throws Exception {
    switch (op.f()) {
      case "read" -> {
        Long value = longValue(kv.get(key).get(ms, TimeUnit.MILLISECONDS));
        return value == null ? Completion.okAbsent() : Completion.ok(value);
      }
      case "write" -> {
        kv.put(key, bytes(op.value().toString()), PutOption.DEFAULT).get(ms, TimeUnit.MILLISECONDS);
        return Completion.ok(op.value());
      }
      case "cas" -> {
        List<?> fromTo = (List<?>) op.value();
        boolean ok = kv.txn()
            .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.value(bytes(fromTo.get(0).toString()))))
            .Then(Op.put(key, bytes(fromTo.get(1).toString()), PutOption.DEFAULT))
            .commit().get(ms, TimeUnit.MILLISECONDS).isSucceeded();
        return ok ? Completion.ok(fromTo) : Completion.fail("cas compare failed");
      }
      default -> throw new IllegalArgumentException("register has no operation " + op.f());
    }
  }

  @Override
  public Verdict check(History history) {
    RegisterModel model = new RegisterModel(true, null, false);
    CheckResult r = LinearizabilityChecker.check(history, model, Budget.ofTimeout(Duration.ofSeconds(60)));
    return Verdicts.of("linearizable (cas-register per key)", r, history, model);
  }
}
