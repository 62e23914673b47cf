package io.plumbline.chaos.workload;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.plumbline.chaos.client.EtcdClients;
import io.plumbline.chaos.generator.Generator;
import io.plumbline.chaos.generator.Generators;
import io.plumbline.chaos.generator.Invocation;
import io.plumbline.checker.Validity;
import io.plumbline.history.History;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Watch guarantees under faults: clients put unique values on a few keys under a prefix (one put in
 * four is a txn writing two keys at one revision, so atomicity is tested) while one watcher per
 * member watches the prefix from revision 1 over the raw gRPC stream, resuming after every error
 * from its last revision + 1 ({@link Watcher}). After the heal, a fresh watch from revision 1 gives
 * the reference event log; every watcher must have received exactly that log, in order, without
 * duplicates, gaps or split revisions ({@link WatchChecker}).
 */
public final class WatchWorkload implements Workload {
  private static final long CATCH_UP_NANOS = 30_000_000_000L;
  private final String prefix;
  private final Duration timeout;
  private final List<Watcher> watchers = new ArrayList<>();
  private List<String> urls = List.of();

  public WatchWorkload(String prefix, Duration timeout) {
    this.prefix = prefix;
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return "watch";
  }

  @Override
  public void open(List<String> clientUrls) {
    urls = List.copyOf(clientUrls);
    for (String url : clientUrls) {
      watchers.add(new Watcher(url, prefix));
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
    return EtcdWorkloadClient.of(clientUrl, (c, op) -> {
      ByteSequence value = bytes((String) op.value());
      if (op.f().equals("put-pair")) {
        // two keys in one txn: one revision, two events, which must reach a watcher in one response
        c.getKVClient().txn().Then(Op.put(bytes(prefix + "pair-a"), value, PutOption.DEFAULT),
            Op.put(bytes(prefix + "pair-b"), value, PutOption.DEFAULT)).commit()
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } else {
        c.getKVClient().put(bytes(prefix + op.key()), value).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      return Completion.ok(op.value());
    });
  }

  @Override
  public Verdict check(History history) {
    long last = lastRevision();
    if (last < 0) {
      return new Verdict("watch guarantees", Validity.UNKNOWN, "no member answered a range of the prefix", "");
    }
    List<WatchEventRecord> reference;
    try (Watcher ref = new Watcher(urls.get(0), prefix)) {
      reached(ref, last);
      reference = ref.events();
    }
    List<String> problems = new ArrayList<>();
    int resumptions = 0;
    for (Watcher w : watchers) {
      reached(w, last);
      problems.addAll(WatchChecker.problems("watcher@" + w.clientUrl(), w.events(), reference));
      resumptions += w.resumptions().size();
    }
    return WatchChecker.verdict(problems, watchers.size(), reference.size(), resumptions);
  }

  /** The highest mod revision under the prefix (only puts happen, so the last event's revision). */
  private long lastRevision() {
    for (String url : urls) {
      try (Client c = EtcdClients.forMember(url)) {
        KV kv = c.getKVClient();
        long max = 0;
        for (KeyValue kvp : kv.get(bytes(prefix), GetOption.builder().isPrefix(true).build())
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS).getKvs()) {
          max = Math.max(max, kvp.getModRevision());
        }
        return max;
      } catch (Exception e) {
        // try the next member
      }
    }
    return -1;
  }

  /** Waits (bounded) until the watcher has received the event at {@code revision}. */
  private static void reached(Watcher w, long revision) {
    BooleanSupplier done = () -> {
      List<WatchEventRecord> ev = w.events();
      return revision == 0 || (!ev.isEmpty() && ev.get(ev.size() - 1).revision() >= revision);
    };
    long deadline = System.nanoTime() + CATCH_UP_NANOS;
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
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
