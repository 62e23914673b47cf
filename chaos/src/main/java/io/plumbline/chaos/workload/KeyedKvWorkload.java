package io.plumbline.chaos.workload;

import io.plumbline.common.cli.EtcdAccess;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.GetResponse;
import io.plumbline.chaos.generator.Context;
import io.plumbline.chaos.generator.Generator;
import io.plumbline.chaos.generator.Generators;
import io.plumbline.chaos.generator.Invocation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The skeleton the per-key KV workloads ({@code register}, {@code etcd-kv}) share: numeric keys
 * under a prefix (rotating per epoch, {@link Keys}), one jetcd client per process bound to its
 * member with a deadline on every call, a mix of 4 reads, 3 writes and 3 other operations in 10,
 * and after the heal one read per process of its own key slot. A subclass names its operations,
 * says how each is done, and how the history is checked.
 */
abstract class KeyedKvWorkload implements Workload {
  private final String prefix;
  private final Duration timeout;
  private final EtcdAccess access;

  KeyedKvWorkload(String prefix, Duration timeout) {
    this(prefix, timeout, EtcdAccess.NONE);
  }

  /** As above, its clients reaching the members with {@code access} (TLS files, user). */
  KeyedKvWorkload(String prefix, Duration timeout, EtcdAccess access) {
    this.prefix = prefix;
    this.timeout = timeout;
    this.access = access;
  }

  /** The name of the read operation (4 in 10 operations; also the final reads): {@code read}, {@code get}. */
  abstract String readOperation();

  /** The name of the blind write of a value 0..4 (3 in 10 operations): {@code write}, {@code put}. */
  abstract String writeOperation();

  /** The remaining 3 in 10 operations; {@code pick} is 7..9 and {@code v} a value 0..4. */
  abstract Invocation otherOperation(Context ctx, long key, int pick, long v);

  /** Performs {@code op} on {@code key}; every call waits at most {@code timeoutMs}. */
  abstract Completion perform(KV kv, ByteSequence key, Invocation op, long timeoutMs) throws Exception;

  @Override
  public final Generator finalGenerator(List<Integer> processes) {
    return Generators.eachProcess(Set.copyOf(processes), p -> Generators.limit(1, Generators.repeat(
        ctx -> new Invocation(Invocation.ANY, readOperation(), Keys.slot(ctx, p), null, 0))));
  }

  @Override
  public final Generator generator() {
    return Generators.repeat(ctx -> {
      long key = Keys.random(ctx);
      int pick = ctx.rng().nextInt(10);
      long v = ctx.rng().nextInt(5);
      if (pick < 4) {
        return new Invocation(Invocation.ANY, readOperation(), key, null, 0);
      }
      if (pick < 7) {
        return new Invocation(Invocation.ANY, writeOperation(), key, v, 0);
      }
      return otherOperation(ctx, key, pick, v);
    });
  }

  @Override
  public final WorkloadClient client(int process, String clientUrl) {
    long ms = timeout.toMillis();
    return EtcdWorkloadClient.of(clientUrl, access, (c, op) -> perform(c.getKVClient(), bytes(prefix + op.key()), op, ms));
  }

  static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  /** The single key's value as a number, or null when the key does not exist. */
  static Long longValue(GetResponse r) {
    return r.getKvs().isEmpty() ? null : Long.parseLong(r.getKvs().get(0).getValue().toString(StandardCharsets.UTF_8));
  }
}
