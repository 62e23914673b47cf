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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Lease lifetimes under faults: an {@code attach v} grants a lease of {@link #TTL_SECONDS} and puts
 * the key {@code v} under it (ok value: {@code [v granted-ttl lease-id]}); a {@code keepalive v}
 * renews the lease of key {@code v} once (ok value: {@code [v ttl]}, ttl 0 when the store says the
 * lease is gone); a {@code revoke v} revokes it (ok value: {@code revoked} or {@code not-found}); a
 * {@code read} lists the prefix (ok value: the ids of the keys alive). Every ok answer records the
 * Raft term of its header ({@link Completion#RAFT_TERM}). {@link LeaseChecker} judges from the
 * client's own clock (the members share it on this machine), never from the store's answer about
 * its leases: keys live their TTL and every keep-alive's, end soon after (leader changes aside), and
 * a revoked lease's keys are gone.
 */
public final class LeaseWorkload implements Workload {
  /** Long enough for several reads inside each lease; short enough that keys do not pile up. */
  static final long TTL_SECONDS = 6;
  /** How long after the heal the last final reads wait: TTL + the checker's slack + 3 s for a new leader's first answer. */
  static final long SETTLE_NANOS = (TTL_SECONDS + 3) * 1_000_000_000L + LeaseChecker.END_SLACK_NANOS;
  /** How many recent keys the generator remembers as targets of keep-alives and revokes. */
  private static final int RECENT = 32;
  private final String prefix;
  private final Duration timeout;
  private final EtcdAccess access;
  /** Lease ids of the keys whose grant this run's clients saw answered (a client learns them, not the generator). */
  private final Map<String, Long> leaseOfKey = new ConcurrentHashMap<>();

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

  /** A key the generator attached, and when it last asked for the key's lease to be granted or renewed. */
  private record Recent(String id, long touchedNanos) {}

  @Override
  public Generator generator() {
    return ops(List.of());
  }

  /**
   * In 20 operations: 4 attaches (about 20 live keys per read at 100 ops/s; seeded ids make keys
   * unique), 3 keep-alives of the key closest to its lease's end (attached or renewed longest ago,
   * less than TTL - 1 s ago: the renewal then adds most of a TTL), 1 revoke of a random such key,
   * else reads. A key kept alive stays a candidate for more keep-alives.
   */
  private static Generator ops(List<Recent> recent) {
    return ctx -> {
      if (ctx.free().isEmpty()) {
        return new Generator.Step(null, ops(recent));
      }
      long now = ctx.timeNanos();
      List<Recent> live = recent.stream().filter(r -> now - r.touchedNanos() < (TTL_SECONDS - 1) * 1_000_000_000L)
          .toList();
      int dice = ctx.rng().nextInt(20);
      List<Recent> next = new ArrayList<>(live);
      Invocation op;
      if (dice < 4 || (dice < 8 && live.isEmpty())) {
        String id = Long.toString(ctx.rng().nextLong() & Long.MAX_VALUE, 36);
        next.add(new Recent(id, now));
        op = new Invocation(Invocation.ANY, "attach", null, id, now);
      } else if (dice < 7) {
        Recent oldest = live.stream().min(java.util.Comparator.comparingLong(Recent::touchedNanos)).orElseThrow();
        next.remove(oldest);
        next.add(new Recent(oldest.id(), now));
        op = new Invocation(Invocation.ANY, "keepalive", null, oldest.id(), now);
      } else if (dice < 8) {
        Recent target = live.get(ctx.rng().nextInt(live.size()));
        next.remove(target);
        op = new Invocation(Invocation.ANY, "revoke", null, target.id(), now);
      } else {
        op = new Invocation(Invocation.ANY, "read", null, null, now);
      }
      List<Recent> kept = List.copyOf(next.subList(Math.max(0, next.size() - RECENT), next.size()));
      return new Generator.Step(op, ops(kept));
    };
  }

  /**
   * One read per process, then one more per process {@link #SETTLE_NANOS} later: by then every
   * lease granted or renewed before the heal must have ended (TTL + {@link LeaseChecker#END_SLACK_NANOS},
   * counted from the first answer of a leader elected at the heal), so the last reads show leases
   * ending however short the fault phase was.
   */
  @Override
  public Generator finalGenerator(List<Integer> processes) {
    Generator reads = Generators.repeat(ctx -> new Invocation(Invocation.ANY, "read", null, null, 0));
    return ctx -> {
      long settled = ctx.timeNanos() + SETTLE_NANOS;
      return Generators.then(List.of(Generators.limit(processes.size(), reads), Generators.limit(processes.size(),
          Generators.repeat(c -> new Invocation(Invocation.ANY, "read", null, null, settled))))).next(ctx);
    };
  }

  @Override
  public WorkloadClient client(int process, String clientUrl) {
    long ms = timeout.toMillis();
    return EtcdWorkloadClient.of(clientUrl, access, (c, op) -> switch (op.f()) {
      case "attach" -> {
        long ttl = TTL_SECONDS;
        var grant = c.getLeaseClient().grant(ttl).get(ms, TimeUnit.MILLISECONDS);
        leaseOfKey.put((String) op.value(), grant.getID());
        var put = c.getKVClient().put(bytes(prefix + op.value()), bytes("1"), PutOption.builder()
            .withLeaseId(grant.getID()).build()).get(ms, TimeUnit.MILLISECONDS);
        yield Completion.ok(List.of(op.value(), grant.getTTL(), grant.getID())).term(put.getHeader().getRaftTerm());
      }
      case "keepalive", "revoke" -> lifecycle(c, op, ms);
      default -> {
        List<String> alive = new ArrayList<>();
        var got = c.getKVClient().get(bytes(prefix), GetOption.builder().isPrefix(true).withKeysOnly(true).build())
            .get(ms, TimeUnit.MILLISECONDS);
        for (KeyValue kv : got.getKvs()) {
          alive.add(kv.getKey().toString(StandardCharsets.UTF_8).substring(prefix.length()));
        }
        yield Completion.ok(alive).term(got.getHeader().getRaftTerm());
      }
    });
  }

  /**
   * A keep-alive or revoke of the lease of key {@code op.value()}. A key whose grant no client saw
   * answered fails at once (nothing is sent: a definite fail). "Lease not found" is the store's
   * answer, not a failure: ok with ttl 0 / {@code not-found}, which the checker reads as "gone".
   */
  private Completion lifecycle(io.etcd.jetcd.Client c, Invocation op, long ms) throws Exception {
    String id = (String) op.value();
    Long lease = leaseOfKey.get(id);
    if (lease == null) {
      return Completion.fail("no lease granted for key " + id + " yet (nothing sent)");
    }
    boolean keep = op.f().equals("keepalive");
    try {
      if (keep) {
        var r = c.getLeaseClient().keepAliveOnce(lease).get(ms, TimeUnit.MILLISECONDS);
        return Completion.ok(List.of(id, r.getTTL())).term(r.getHeader().getRaftTerm());
      }
      var r = c.getLeaseClient().revoke(lease).get(ms, TimeUnit.MILLISECONDS);
      return Completion.ok("revoked").term(r.getHeader().getRaftTerm());
    } catch (ExecutionException e) {
      if (String.valueOf(e.getCause() == null ? null : e.getCause().getMessage()).contains("requested lease not found")) {
        return Completion.ok(keep ? List.of(id, 0L) : "not-found");
      }
      throw e;
    }
  }

  @Override
  public Verdict check(History history) {
    return LeaseChecker.check(history);
  }

  private static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }
}
