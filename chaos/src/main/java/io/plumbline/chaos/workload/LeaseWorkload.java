package io.plumbline.chaos.workload;

import io.plumbline.common.cli.EtcdAccess;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
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
 * Lease lifetimes under faults: an {@code attach v} grants a lease of {@link #TTL_SECONDS} and puts
 * the key {@code v} under it (ok value: {@code [v granted-ttl]}); a {@code read} lists the prefix
 * (ok value: the ids of the keys alive). Nothing keeps a lease alive or revokes it. The store may
 * end a lease only after its TTL counted from the grant, which began after the attach was invoked,
 * so {@link LeaseChecker} requires every read that began after an attach was acknowledged and ended
 * before that attach's invocation + granted TTL to see its key: a bound from the client's own clock
 * (the members share it on this machine), never from the store's answer about its leases. A store
 * that expires leases early (the reference's {@code early-lease-expiry}) loses keys inside it.
 */
public final class LeaseWorkload implements Workload {
  /** Long enough for several reads inside each lease; short enough that keys do not pile up. */
  static final long TTL_SECONDS = 6;
  private final String prefix;
  private final Duration timeout;
  private final EtcdAccess access;

  public LeaseWorkload(String prefix, Duration timeout) {
    this(prefix, timeout, EtcdAccess.NONE);
  }

  /** As above, its clients reaching the members with {@code access} (TLS files, user). */
  public LeaseWorkload(String prefix, Duration timeout, EtcdAccess access) {
    this.prefix = prefix;
    this.timeout = timeout;
    this.access = access;
  }

  @Override
  public String name() {
    return "lease";
  }

  @Override
  public Generator generator() {
    // One attach in five: about 20 live keys per read at 100 ops/s; the seeded ids make keys unique.
    return Generators.repeat(ctx -> ctx.rng().nextInt(5) == 0
        ? new Invocation(Invocation.ANY, "attach", null, Long.toString(ctx.rng().nextLong() & Long.MAX_VALUE, 36), 0)
        : new Invocation(Invocation.ANY, "read", null, null, 0));
  }

  @Override
  public Generator finalGenerator(List<Integer> processes) {
    return Generators.limit(processes.size(), Generators.repeat(ctx -> new Invocation(Invocation.ANY, "read", null,
        null, 0)));
  }

  @Override
  public WorkloadClient client(int process, String clientUrl) {
    long ms = timeout.toMillis();
    return EtcdWorkloadClient.of(clientUrl, access, (c, op) -> {
      if (op.f().equals("attach")) {
        long ttl = TTL_SECONDS;
        var grant = c.getLeaseClient().grant(ttl).get(ms, TimeUnit.MILLISECONDS);
        c.getKVClient().put(bytes(prefix + op.value()), bytes("1"), PutOption.builder().withLeaseId(grant.getID())
            .build()).get(ms, TimeUnit.MILLISECONDS);
        return Completion.ok(List.of(op.value(), grant.getTTL()));
      }
      List<String> alive = new ArrayList<>();
      for (KeyValue kv : c.getKVClient().get(bytes(prefix), GetOption.builder().isPrefix(true).withKeysOnly(true)
          .build()).get(ms, TimeUnit.MILLISECONDS).getKvs()) {
        alive.add(kv.getKey().toString(StandardCharsets.UTF_8).substring(prefix.length()));
      }
      return Completion.ok(alive);
    });
  }

  @Override
  public Verdict check(History history) {
    return LeaseChecker.check(history);
  }

  private static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }
}
