package io.plumbline.conformance.serializable;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.plumbline.conformance.CallError;
import io.plumbline.conformance.Check;
import io.plumbline.conformance.CheckGroup;
import io.plumbline.conformance.Session;
import io.plumbline.conformance.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The serializable group: one writer raises a counter key while one reader per member alternates
 * serializable and linearizable reads on that member. Serializable reads may be stale but must be
 * committed states, never newer than later linearizable reads; linearizable reads must not be stale.
 */
public final class SerializableGroup {
  /** The workload runs for the configured duration, at most this long (it needs far fewer reads). */
  static final Duration MAX_DURATION = Duration.ofSeconds(10);

  private SerializableGroup() {}

  /** Observations shared by the group's checks. */
  record Observations(List<CounterWrite> writes, List<CounterRead> reads) {}

  public static CheckGroup create() {
    Observations[] shared = new Observations[1];
    return new CheckGroup("serializable", List.of(
        check(shared, "committed-state", "serializable reads always return a committed state",
            o -> SerializableReads.committed(o.writes(), o.reads())),
        check(shared, "not-newer-than-linearizable",
            "a serializable read is never newer than a later linearizable read allows",
            o -> SerializableReads.notNewerThanLaterLinearizable(o.reads())),
        check(shared, "linearizable-not-stale", "linearizable reads on every member see all acknowledged writes",
            o -> SerializableReads.linearizableNotStale(o.writes(), o.reads()))));
  }

  private static Check check(Observations[] shared, String name, String description,
      java.util.function.Function<Observations, List<String>> verify) {
    return Check.of(name, description, s -> {
      synchronized (shared) {
        if (shared[0] == null) {
          shared[0] = observe(s);
        }
      }
      Observations o = shared[0];
      long serializable = o.reads().stream().filter(CounterRead::serializable).count();
      long stale = o.reads().stream().filter(CounterRead::serializable).filter(r -> isStale(o, r)).count();
      List<String> ev = new ArrayList<>();
      ev.add(o.writes().size() + " counter writes; " + serializable + " serializable and "
          + (o.reads().size() - serializable) + " linearizable reads on " + s.options().endpoints().size() + " members");
      ev.add(stale + " serializable reads were stale (allowed)");
      o.reads().stream().skip(Math.max(0, o.reads().size() - 6)).forEach(r -> ev.add("read: " + r.describe()));
      return Verdict.of(o.reads().size() + " reads checked", verify.apply(o), ev)
          .withReference("https://etcd.io/docs/v3.4/learning/api_guarantees/#isolation-level-and-consistency-of-replicas");
    });
  }

  private static boolean isStale(Observations o, CounterRead r) {
    return o.writes().stream().anyMatch(w -> w.completeNanos() < r.invokeNanos() && w.value() > r.value());
  }

  static Observations observe(Session s) throws Exception {
    ByteSequence key = s.key("serializable/counter");
    List<CounterWrite> writes = Collections.synchronizedList(new ArrayList<>());
    List<CounterRead> reads = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean running = new AtomicBoolean(true);
    Duration d = s.options().workloadDuration().compareTo(MAX_DURATION) < 0 ? s.options().workloadDuration() : MAX_DURATION;
    List<String> endpoints = s.options().endpoints();
    ExecutorService pool = Executors.newFixedThreadPool(endpoints.size());
    try {
      List<Future<?>> readers = new ArrayList<>();
      for (String ep : endpoints) {
        KV kv = s.clientFor(ep).getKVClient();
        readers.add(pool.submit(() -> read(s, kv, key, ep, running, reads)));
      }
      write(s, key, System.nanoTime() + d.toNanos(), writes);
      running.set(false);
      for (Future<?> f : readers) {
        f.get();
      }
    } finally {
      running.set(false);
      pool.shutdownNow();
    }
    return new Observations(List.copyOf(writes), List.copyOf(reads));
  }

  private static void write(Session s, ByteSequence key, long deadline, List<CounterWrite> writes) {
    for (long n = 1; System.nanoTime() < deadline; n++) {
      long t0 = System.nanoTime();
      try {
        long rev = s.await("put", s.kv().put(key, Session.bytes(Long.toString(n)))).getHeader().getRevision();
        writes.add(new CounterWrite(n, t0, System.nanoTime(), rev));
      } catch (CallError e) {
        writes.add(new CounterWrite(n, t0, e.error().definite() ? t0 : Long.MAX_VALUE, 0));
      }
    }
  }

  private static Void read(Session s, KV kv, ByteSequence key, String ep, AtomicBoolean running,
      List<CounterRead> out) {
    boolean serializable = true;
    while (running.get()) {
      long t0 = System.nanoTime();
      try {
        GetResponse r = s.await("get", kv.get(key, GetOption.builder().withSerializable(serializable).build()));
        long v = r.getKvs().isEmpty() ? 0 : Long.parseLong(Session.text(r.getKvs().get(0).getValue()));
        long mod = r.getKvs().isEmpty() ? 0 : r.getKvs().get(0).getModRevision();
        out.add(new CounterRead(serializable, ep, t0, System.nanoTime(), v, mod));
      } catch (CallError e) {
        // a failed read tells nothing about what the store holds
      }
      serializable = !serializable;
    }
    return null;
  }
}
