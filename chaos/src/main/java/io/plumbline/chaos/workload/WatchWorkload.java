package io.plumbline.chaos.workload;

import io.plumbline.common.cli.EtcdAccess;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import io.plumbline.chaos.generator.Generator;
import io.plumbline.chaos.generator.Generators;
import io.plumbline.chaos.generator.Invocation;
import io.plumbline.history.History;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Watch guarantees under faults: clients put unique values on a few keys under a prefix (one put in
 * four is a txn writing two keys at one revision, so atomicity is tested) while one watcher per
 * member watches the prefix from revision 1 over the raw gRPC stream, resuming after every error
 * from its last revision + 1 ({@link Watcher}). Every ok write records {@code [value revision]}.
 * After the heal, each watcher must have received every acknowledged write up to the last
 * acknowledged revision, at that revision, in order, without duplicates, phantoms or split
 * revisions ({@link WatchChecker}); the oracle is the clients' history, not the store.
 */
public final class WatchWorkload implements Workload {
  private static final long CATCH_UP_NANOS = 30_000_000_000L;
  private static final long QUIET_NANOS = 5_000_000_000L;
  private final String prefix;
  private final Duration timeout;
  private final EtcdAccess access;
  private final List<Watcher> watchers = new ArrayList<>();

  public WatchWorkload(String prefix, Duration timeout) {
    this(prefix, timeout, EtcdAccess.NONE);
  }

  /** As above, its clients reaching the members with {@code access} (TLS files, user). */
  public WatchWorkload(String prefix, Duration timeout, EtcdAccess access) {
    this.prefix = prefix;
    this.timeout = timeout;
    this.access = access;
  }

  @Override
  public String name() {
    return "watch";
  }

  @Override
  public void open(List<String> clientUrls) {
    for (String url : clientUrls) {
      watchers.add(new Watcher(url, prefix, access));
    }
  }

  /** Watchers on the history's clock: their streams and compacted cancels compare with the clients' writes. */
  @Override
  public void open(List<String> clientUrls, io.plumbline.history.HistoryRecorder recorder) {
    for (String url : clientUrls) {
      watchers.add(new Watcher(url, prefix, access, recorder::now));
    }
  }

  @Override
  public void close() {
    watchers.forEach(Watcher::close);
  }

  @Override
  public Generator generator() {
    // Unique values (the seeded random long) make every event identifiable.
    return Generators.repeat(ctx -> {
      String value = Long.toString(ctx.rng().nextLong() & Long.MAX_VALUE);
      return ctx.rng().nextInt(4) == 0 ? new Invocation(Invocation.ANY, "put-pair", "pair", value, 0)
          : new Invocation(Invocation.ANY, "put", "k" + ctx.rng().nextInt(4), value, 0);
    });
  }

  @Override
  public Generator finalGenerator(List<Integer> processes) {
    return Generators.limit(processes.size(), Generators.repeat(ctx -> new Invocation(Invocation.ANY, "put", "final",
        Long.toString(ctx.rng().nextLong() & Long.MAX_VALUE), 0)));
  }

  @Override
  public WorkloadClient client(int process, String clientUrl) {
    return EtcdWorkloadClient.of(clientUrl, access, (c, op) -> {
      ByteSequence value = bytes((String) op.value());
      if (op.f().equals("put-pair")) {
        // two keys in one txn: one revision, two events, which must reach a watcher in one response
        long rev = c.getKVClient().txn().Then(Op.put(bytes(prefix + "pair-a"), value, PutOption.DEFAULT),
            Op.put(bytes(prefix + "pair-b"), value, PutOption.DEFAULT)).commit()
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS).getHeader().getRevision();
        return Completion.ok(List.of(op.value(), rev));
      }
      long rev = c.getKVClient().put(bytes(prefix + op.key()), value).get(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .getHeader().getRevision();
      return Completion.ok(List.of(op.value(), rev));
    });
  }

  @Override
  public Verdict check(History history) {
    List<WatchWrite> writes = WatchWrite.of(history);
    long mustReach = writes.stream().filter(WatchWrite::acknowledged).mapToLong(WatchWrite::revision).max().orElse(0);
    List<String> problems = new ArrayList<>();
    Map<String, List<WatchEventRecord>> seenBy = new LinkedHashMap<>();
    int resumptions = 0;
    for (Watcher w : watchers) {
      reached(w, mustReach);
      String name = "watcher@" + w.clientUrl();
      seenBy.put(name, w.events());
      problems.addAll(WatchChecker.problems(name, w.events(), writes, w.compacted(), mustReach));
      resumptions += w.resumptions().size();
    }
    problems.addAll(WatchChecker.acrossWatchers(seenBy, writes));
    Map<String, List<Watcher.Opened>> streams = new LinkedHashMap<>();
    watchers.forEach(w -> streams.put("watcher@" + w.clientUrl(), w.streams()));
    for (Watcher w : watchers) {
      problems.addAll(WatchChecker.compactions("watcher@" + w.clientUrl(), w.compactions(), writes, streams, seenBy));
    }
    Verdict v = WatchChecker.verdict(problems, watchers.size(), writes, resumptions);
    return problems.isEmpty() ? v : v.naming(WatchChecker.blamedWrite(history, problems.get(0)),
        "its event missed or misplaced");
  }

  /**
   * Waits until the watcher has received an event at or after {@code revision}, or received nothing
   * new for {@link #QUIET_NANOS} (a store that lost the last events never sends them), at most
   * {@link #CATCH_UP_NANOS}.
   */
  private static void reached(Watcher w, long revision) {
    BooleanSupplier done = () -> {
      List<WatchEventRecord> ev = w.events();
      return revision == 0 || (!ev.isEmpty() && ev.get(ev.size() - 1).revision() >= revision);
    };
    long deadline = System.nanoTime() + CATCH_UP_NANOS;
    int count = -1;
    long quietSince = System.nanoTime();
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      int now = w.events().size();
      if (now != count) {
        count = now;
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince > QUIET_NANOS) {
        return;
      }
      try {
        Thread.sleep(50); // polling a stream we do not control; bounded by the deadline
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static ByteSequence bytes(String s) {
    return KeyedKvWorkload.bytes(s);
  }
}
