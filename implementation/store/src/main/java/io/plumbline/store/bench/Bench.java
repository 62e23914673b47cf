package io.plumbline.store.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load against any etcd v3 endpoint list, with jetcd: {@code clients} workers share
 * one client object, each issuing its next request when the previous one answered, until
 * {@code ops} requests are done. Each request has a 10 s deadline; failures are counted, not timed.
 */
public final class Bench {
  private static final long TIMEOUT_SECONDS = 10;

  private Bench() {}

  public static BenchRow run(String[] endpoints, BenchOp op, int clients, int ops, int valueSize)
      throws InterruptedException {
    ByteSequence value = ByteSequence.from(new byte[valueSize]);
    try (Client client = Client.builder().endpoints(endpoints).build()) {
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
