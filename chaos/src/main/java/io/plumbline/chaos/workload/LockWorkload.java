package io.plumbline.chaos.workload;

import io.plumbline.common.cli.EtcdAccess;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import io.plumbline.chaos.generator.Generator;
import io.plumbline.chaos.generator.Generators;
import io.plumbline.chaos.generator.Invocation;
import io.plumbline.history.History;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Clients take etcd's lease-backed lock ({@code Lock} service, lease TTL {@link #LEASE_TTL_SECONDS} s,
 * no keep-alive) and increment a counter inside it: get, then put value + 1. Some operations stall
 * between the get and the put for longer than the lease (a GC-like pause of the lock holder; the
 * stall is in the invocation's value, chosen by the seeded generator), so the lease expires and
 * another client takes the lock.
 *
 * <p>Unfenced, the stalled holder's put still lands and overwrites a newer count: a lost update.
 * Fenced, the put is a txn that requires the holder's lock key to still exist (it vanishes with the
 * lease), so the stalled put fails definitely. Checked by {@link LockChecker}.
 */
public final class LockWorkload implements Workload {
  static final long LEASE_TTL_SECONDS = 2;
  /** A stall comfortably longer than the lease TTL. */
  static final long STALL_MS = 3_500;

  private final boolean fenced;
  private final String prefix;
  private final Duration timeout;
  private final EtcdAccess access;
  private final int stallOneIn;

  /** @param stallOneIn one operation in this many stalls (0: never) */
  public LockWorkload(boolean fenced, String prefix, Duration timeout, int stallOneIn) {
    this(fenced, prefix, timeout, stallOneIn, EtcdAccess.NONE);
  }

  /** As above, its clients reaching the members with {@code access} (TLS files, user). */
  public LockWorkload(boolean fenced, String prefix, Duration timeout, int stallOneIn, EtcdAccess access) {
    this.fenced = fenced;
    this.prefix = prefix;
    this.timeout = timeout;
    this.access = access;
    this.stallOneIn = stallOneIn;
  }

  /** One increment is about six requests behind one lock (grant, lock, get, put, unlock, revoke). */
  @Override
  public long minimumOkOperations() {
    return 20;
  }

  @Override
  public String name() {
    return fenced ? "lock-fenced" : "lock";
  }

  @Override
  public Generator generator() {
    return Generators.repeat(ctx -> new Invocation(Invocation.ANY, "incr", null,
        stallOneIn > 0 && ctx.rng().nextInt(stallOneIn) == 0 ? STALL_MS : null, 0));
  }

  @Override
  public Generator finalGenerator(List<Integer> processes) {
    return Generators.onProcesses(Set.copyOf(processes), Generators.limit(1, Generators.repeat(
        ctx -> new Invocation(Invocation.ANY, "read", null, null, 0))));
  }

  @Override
  public WorkloadClient client(int process, String clientUrl) {
    return EtcdWorkloadClient.of(clientUrl, access, (c, op) -> op.f().equals("read") ? Completion.ok(read(c.getKVClient()))
        : increment(c, op.value() instanceof Long stall ? stall : 0));
  }

  private Completion increment(Client c, long stallMs) throws Exception {
    long ms = timeout.toMillis();
    long lease = c.getLeaseClient().grant(LEASE_TTL_SECONDS).get(ms, TimeUnit.MILLISECONDS).getID();
    ByteSequence lockKey = c.getLockClient().lock(bytes(prefix + "lock"), lease).get(ms, TimeUnit.MILLISECONDS).getKey();
    KV kv = c.getKVClient();
    long next = read(kv) + 1;
    if (stallMs > 0) {
      Thread.sleep(stallMs); // the injected fault: the lock holder stalls (like a GC pause) past its lease
    }
    ByteSequence counter = bytes(prefix + "counter");
    ByteSequence value = bytes(Long.toString(next));
    if (fenced) {
      boolean held = kv.txn().If(new Cmp(lockKey, Cmp.Op.GREATER, CmpTarget.createRevision(0)))
          .Then(Op.put(counter, value, PutOption.DEFAULT)).commit().get(ms, TimeUnit.MILLISECONDS).isSucceeded();
      if (!held) {
        return Completion.fail("fenced: lock lost before the write");
      }
    } else {
      kv.put(counter, value).get(ms, TimeUnit.MILLISECONDS);
    }
    c.getLockClient().unlock(lockKey).get(ms, TimeUnit.MILLISECONDS);
    c.getLeaseClient().revoke(lease);
    return Completion.ok(next);
  }

  private long read(KV kv) throws Exception {
    GetResponse r = kv.get(bytes(prefix + "counter")).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return r.getKvs().isEmpty() ? 0 : Long.parseLong(r.getKvs().get(0).getValue().toString(StandardCharsets.UTF_8));
  }

  @Override
  public Verdict check(History history) {
    return LockChecker.check(name(), history);
  }

  private static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }
}
