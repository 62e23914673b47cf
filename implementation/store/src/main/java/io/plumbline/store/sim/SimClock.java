package io.plumbline.store.sim;

import io.plumbline.store.node.NodeClock;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * Simulated time for every node of one simulation: it moves only when the driver calls
 * {@link #advanceTo}, which fires the timeouts that fell due, in deadline order (ties in the order
 * they were armed), on the driver's thread.
 */
public final class SimClock implements NodeClock {
  private record Timer(long deadline, long seq, CompletableFuture<?> future) {}

  private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> a.deadline != b.deadline
      ? Long.compare(a.deadline, b.deadline) : Long.compare(a.seq, b.seq));
  private long now;
  private long armed;

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public <T> CompletableFuture<T> timeout(CompletableFuture<T> f, long ms) {
    timers.add(new Timer(now + ms * 1_000_000L, armed++, f));
    return f;
  }

  /** Moves time forward to {@code nanos} and fails every future whose timeout is due and still pending. */
  public void advanceTo(long nanos) {
    if (nanos < now) {
      throw new IllegalArgumentException("time goes forward: " + now + " -> " + nanos);
    }
    now = nanos;
    while (!timers.isEmpty() && timers.peek().deadline <= now) {
      CompletableFuture<?> f = timers.poll().future;
      if (!f.isDone()) { // most were answered long before: no exception (and stack trace) for them
        f.completeExceptionally(new TimeoutException("simulated timeout"));
      }
    }
  }
}
