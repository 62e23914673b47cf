package io.plumbline.chaos.workload;

import io.plumbline.common.cli.EtcdAccess;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.plumbline.chaos.generator.Generator;
import io.plumbline.chaos.generator.Generators;
import io.plumbline.chaos.generator.Invocation;
import io.plumbline.history.History;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Multi-key transactions under faults: a {@code write} is one txn putting the same unique value on
 * {@link #KEYS} keys (etcd applies it at one revision, all or nothing); a {@code read} is one range
 * request over the prefix (one snapshot). Every ok write records {@code [value revision]}, every ok
 * read {@code [[key value mod-revision] …]}. {@link TxnChecker} requires each snapshot to hold one
 * write whole: every key, one value, one mod revision, a value some client wrote, at the revision
 * its write was acknowledged at. The oracle is the clients' history; a store that applies a txn
 * write by write (the reference's {@code split-txn} fault) leaves keys at different revisions.
 */
public final class TxnWorkload implements Workload {
  static final int KEYS = 3;
  private final String prefix;
  private final Duration timeout;
  private final EtcdAccess access;

  public TxnWorkload(String prefix, Duration timeout) {
    this(prefix, timeout, EtcdAccess.NONE);
  }

  /** As above, its clients reaching the members with {@code access} (TLS files, user). */
  public TxnWorkload(String prefix, Duration timeout, EtcdAccess access) {
    this.prefix = prefix;
    this.timeout = timeout;
    this.access = access;
  }

  @Override
  public String name() {
    return "txn";
  }

  @Override
  public Generator generator() {
    // Unique values (the seeded random long) make every write identifiable.
    return Generators.repeat(ctx -> ctx.rng().nextBoolean()
        ? new Invocation(Invocation.ANY, "write", "all", Long.toString(ctx.rng().nextLong() & Long.MAX_VALUE), 0)
        : new Invocation(Invocation.ANY, "read", "all", null, 0));
  }

  @Override
  public Generator finalGenerator(List<Integer> processes) {
    return Generators.limit(processes.size(), Generators.repeat(ctx -> new Invocation(Invocation.ANY, "read", "all",
        null, 0)));
  }

  @Override
  public WorkloadClient client(int process, String clientUrl) {
    long ms = timeout.toMillis();
    return EtcdWorkloadClient.of(clientUrl, access, (c, op) -> {
      if (op.f().equals("write")) {
        ByteSequence value = bytes((String) op.value());
        List<Op> puts = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
          puts.add(Op.put(bytes(prefix + "k" + k), value, PutOption.DEFAULT));
        }
        long rev = c.getKVClient().txn().Then(puts.toArray(new Op[0])).commit().get(ms, TimeUnit.MILLISECONDS)
            .getHeader().getRevision();
        return Completion.ok(List.of(op.value(), rev));
      }
      List<List<Object>> snapshot = new ArrayList<>();
      for (KeyValue kv : c.getKVClient().get(bytes(prefix), GetOption.builder().isPrefix(true).build())
          .get(ms, TimeUnit.MILLISECONDS).getKvs()) {
        snapshot.add(List.of(kv.getKey().toString(StandardCharsets.UTF_8).substring(prefix.length()),
            kv.getValue().toString(StandardCharsets.UTF_8), kv.getModRevision()));
      }
      return Completion.ok(snapshot);
    });
  }

  @Override
  public Verdict check(History history) {
    return TxnChecker.check(history, KEYS);
  }

  private static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }
}
