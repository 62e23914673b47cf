package io.plumbline.store.node;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The node shell's clock and timers: the one place it reads time or arms a timeout, so the
 * deterministic simulator can drive it with simulated time. Production is {@link #SYSTEM}.
 */
public interface NodeClock {
  /** Monotonic nanoseconds (only differences mean anything). */
  long nanoTime();

  /** {@code f}, failed with a {@link java.util.concurrent.TimeoutException} unless done within {@code ms}. */
  <T> CompletableFuture<T> timeout(CompletableFuture<T> f, long ms);

  /** {@link System#nanoTime()} and {@link CompletableFuture#orTimeout}. */
  NodeClock SYSTEM = new NodeClock() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public <T> CompletableFuture<T> timeout(CompletableFuture<T> f, long ms) {
      return f.orTimeout(ms, TimeUnit.MILLISECONDS);
    }
  };
}
