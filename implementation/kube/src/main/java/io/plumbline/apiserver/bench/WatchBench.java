package io.plumbline.apiserver.bench;

import io.plumbline.store.bench.BenchRow;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The watch row: {@code clients} watch streams on one namespace, one writer creating {@code ops}
 * pods one after another. Each (event, watcher) pair is one measured operation, timed from the
 * start of its write to its arrival; an event that never arrives (10 s after the last write)
 * counts as an error. ops/s = events delivered per second over all watchers.
 */
final class WatchBench {
  private final ApiBench bench;
  private final int watchers;
  private final int ops;

  WatchBench(ApiBench bench, int watchers, int ops) {
    this.bench = bench;
    this.watchers = watchers;
    this.ops = ops;
  }

  BenchRow run() throws InterruptedException {
    String prefix = "w" + watchers + "-" + System.nanoTime() % 100_000 + "-";
    List<Map<String, Long>> arrivals = new ArrayList<>();
    List<InputStream> streams = new ArrayList<>();
    CountDownLatch opened = new CountDownLatch(watchers);
    String rv = resourceVersionNow();
    try {
      for (int w = 0; w < watchers; w++) {
        Map<String, Long> seen = ApiBench.newArrivals();
        arrivals.add(seen);
        InputStream in = bench.watch(bench.pods() + "?watch=true&resourceVersion=" + rv);
        streams.add(in);
        Thread t = new Thread(() -> ApiBench.readEvents(in, seen, opened), "watch-bench-" + w);
        t.setDaemon(true);
        t.start();
      }
      opened.await(10, TimeUnit.SECONDS);
      long[] writeStart = new long[ops];
      long start = System.nanoTime();
      for (int i = 0; i < ops; i++) {
        writeStart[i] = System.nanoTime();
        bench.ok(bench.post(bench.pods(), ApiBench.pod(prefix + i)));
      }
      awaitDelivery(arrivals);
      long elapsed = System.nanoTime() - start;
      return ApiBench.row("watch", watchers, latencies(arrivals, prefix, writeStart),
          missing(arrivals), elapsed);
    } catch (IOException e) {
      throw new IllegalStateException("watch bench: could not open a watch: " + e, e);
    } finally {
      for (InputStream in : streams) {
        try {
          in.close();
        } catch (IOException e) {
          // closing only
        }
      }
    }
  }

  private String resourceVersionNow() {
    try {
      return new String(bench.getBody(bench.pods()), java.nio.charset.StandardCharsets.UTF_8)
          .replaceAll("(?s).*?\"resourceVersion\":\"(\\d+)\".*", "$1");
    } catch (IOException e) {
      throw new IllegalStateException("watch bench: cannot list " + bench.pods() + ": " + e, e);
    }
  }

  private void awaitDelivery(List<Map<String, Long>> arrivals) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline && missing(arrivals) > 0) {
      TimeUnit.MILLISECONDS.sleep(20); // watchers are other threads' sockets; poll their maps
    }
  }

  private long missing(List<Map<String, Long>> arrivals) {
    return arrivals.stream().mapToLong(m -> ops - m.size()).sum();
  }

  private long[] latencies(List<Map<String, Long>> arrivals, String prefix, long[] writeStart) {
    long[] out = new long[ops * watchers];
    int k = 0;
    for (Map<String, Long> seen : arrivals) {
      for (int i = 0; i < ops; i++) {
        Long at = seen.get(prefix + i);
        out[k++] = at == null ? 0 : Math.max(1, at - writeStart[i]);
      }
    }
    return out;
  }
}
