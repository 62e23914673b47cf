package io.plumbline.store.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.plumbline.common.UserError;
import io.plumbline.common.cli.EtcdAccess;
import io.plumbline.store.security.EtcdClientAccess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load against any etcd v3 endpoint list, with jetcd: {@code clients} workers share
 * one client object, each issuing its next request when the previous one answered, until
 * {@code ops} requests are done. Each request has a 10 s deadline; failures are counted, not timed.
 */
public final class Bench {
  private static final long TIMEOUT_SECONDS = 10;

  private Bench() {}

  public static BenchRow run(String[] endpoints, EtcdAccess access, BenchOp op, int clients, int ops, int valueSize)
      throws InterruptedException {
    ByteSequence value = ByteSequence.from(new byte[valueSize]);
    try (Client client = EtcdClientAccess.apply(Client.builder().endpoints(endpoints), access).build()) {
      reachable(client.getKVClient(), endpoints);
      KV kv = client.getKVClient();
      warmUp(kv, op, value);
      long[] latencies = new long[ops];
      AtomicLong next = new AtomicLong();
      AtomicLong done = new AtomicLong();
      AtomicLong errors = new AtomicLong();
      List<Thread> workers = new ArrayList<>();
      long start = System.nanoTime();
      for (int w = 0; w < clients; w++) {
        Thread t = new Thread(() -> work(kv, op, value, ops, next, done, errors, latencies), "bench-" + w);
        t.start();
        workers.add(t);
      }
      for (Thread t : workers) {
        t.join();
      }
      long elapsed = System.nanoTime() - start;
      long[] ok = Arrays.stream(latencies).filter(l -> l > 0).toArray();
      return BenchRow.of(op, clients, ok, errors.get(), elapsed);
    }
  }

  /**
   * Fails the run with the server's answer when even one request cannot get through (TLS,
   * credentials, down). A cluster that is still electing its first leader answers "no leader"
   * (etcd and the reference store alike); that is asked again until the same 10 s deadline, so a
   * bench started right after {@code cluster start} measures the cluster rather than failing.
   */
  private static void reachable(KV kv, String[] endpoints) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (true) {
      try {
        kv.get(BenchOp.key(0)).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        return;
      } catch (ExecutionException | TimeoutException e) {
        if (electing(e) && System.nanoTime() < deadline - RETRY_NANOS) {
          Thread.sleep(TimeUnit.NANOSECONDS.toMillis(RETRY_NANOS));
          continue;
        }
        throw new UserError("bench: cannot read from " + String.join(",", endpoints) + ": " + innermost(e)
            + " (https endpoints need --cacert, and --cert/--key when the server checks client certificates; a server with auth on"
            + " needs --user)", e);
      }
    }
  }

  private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  /** True when the answer is etcd's "no leader" (gRPC UNAVAILABLE while an election runs), not a refusal. */
  private static boolean electing(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("etcdserver: no leader")) {
        return true;
      }
    }
    return false;
  }

  /** The deepest cause that says something (gRPC wraps the TLS alert two levels down). */
  private static String innermost(Throwable e) {
    String said = e instanceof TimeoutException ? "no answer within " + TIMEOUT_SECONDS + " s" : e.toString();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        said = t.getMessage();
      }
    }
    return said;
  }

  private static void warmUp(KV kv, BenchOp op, ByteSequence value) {
    for (int i = 0; i < BenchOp.KEYS; i += 50) {
      try {
        kv.put(BenchOp.key(i), value).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        op.issue(kv, i, value).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (Exception e) {
        // warm-up only
      }
    }
  }

  private static void work(KV kv, BenchOp op, ByteSequence value, int ops, AtomicLong next,
      AtomicLong done, AtomicLong errors, long[] latencies) {
    for (long i = next.getAndIncrement(); i < ops; i = next.getAndIncrement()) {
      long t0 = System.nanoTime();
      try {
        op.issue(kv, i, value).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        latencies[(int) i] = Math.max(1, System.nanoTime() - t0);
      } catch (Exception e) {
        errors.incrementAndGet();
      }
      done.incrementAndGet();
    }
  }
}
