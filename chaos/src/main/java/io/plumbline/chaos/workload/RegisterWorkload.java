package io.plumbline.chaos.workload;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import io.plumbline.chaos.client.EtcdClients;
import io.plumbline.chaos.generator.Generator;
import io.plumbline.chaos.generator.Generators;
import io.plumbline.chaos.generator.Invocation;
import io.plumbline.checker.Budget;
import io.plumbline.checker.CheckResult;
import io.plumbline.checker.LinearizabilityChecker;
import io.plumbline.checker.model.RegisterModel;
import io.plumbline.history.History;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Jepsen's {@code register}: per-key compare-and-set registers on etcd keys. {@code read} is a
 * linearizable get, {@code write v} a put, {@code cas [from to]} a txn that puts {@code to} only if
 * the value is {@code from} (a false compare is a definite fail). Checked per key with the
 * {@code cas-register} model (initially nil).
 */
public final class RegisterWorkload implements Workload {
  private final String prefix;
  private final Duration timeout;

  public RegisterWorkload(String prefix, Duration timeout) {
    this.prefix = prefix;
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return "register";
  }

  @Override
  public Generator generator() {
    return Generators.repeat(ctx -> {
      long key = Keys.random(ctx);
      int pick = ctx.rng().nextInt(10);
      long v = ctx.rng().nextInt(5);
      if (pick < 4) {
        return new Invocation(Invocation.ANY, "read", key, null, 0);
      }
      if (pick < 7) {
        return new Invocation(Invocation.ANY, "write", key, v, 0);
      }
      return new Invocation(Invocation.ANY, "cas", key, List.of(v, (long) ctx.rng().nextInt(5)), 0);
    });
  }

  @Override
  public Generator finalGenerator(List<Integer> processes) {
    return Generators.eachProcess(Set.copyOf(processes), p -> Generators.limit(1, Generators.repeat(
        ctx -> new Invocation(Invocation.ANY, "read", Keys.slot(ctx, p), null, 0))));
  }

  @Override
  public WorkloadClient client(int process, String clientUrl) {
    Client c = EtcdClients.forMember(clientUrl);
    KV kv = c.getKVClient();
    return new WorkloadClient() {
      @Override
      public Completion invoke(Invocation op) throws Exception {
        ByteSequence key = bytes(prefix + op.key());
        switch (op.f()) {
          case "read" -> {
            GetResponse r = kv.get(key).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Completion.ok(r.getKvs().isEmpty() ? null
                : Long.parseLong(r.getKvs().get(0).getValue().toString(StandardCharsets.UTF_8)));
          }
          case "write" -> {
            kv.put(key, bytes(op.value().toString()), PutOption.DEFAULT).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Completion.ok(op.value());
          }
          case "cas" -> {
            List<?> fromTo = (List<?>) op.value();
            boolean ok = kv.txn()
                .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.value(bytes(fromTo.get(0).toString()))))
                .Then(Op.put(key, bytes(fromTo.get(1).toString()), PutOption.DEFAULT))
                .commit().get(timeout.toMillis(), TimeUnit.MILLISECONDS).isSucceeded();
            return ok ? Completion.ok(fromTo) : Completion.fail("cas compare failed");
          }
          default -> throw new IllegalArgumentException("register has no operation " + op.f());
        }
      }

      @Override
      public void close() {
        c.close();
      }
    };
  }

  @Override
  public Verdict check(History history) {
    CheckResult r = LinearizabilityChecker.check(history, new PerKeyModel<>(new RegisterModel(true, null)),
        Budget.ofTimeout(Duration.ofSeconds(60)));
    return Verdicts.of("linearizable (cas-register per key)", r);
  }

  static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }
}
