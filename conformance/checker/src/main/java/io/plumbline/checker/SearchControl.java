package io.plumbline.checker;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Shared by the searches of one check: the deadline, the memo memory budget, and a stop flag
 * raised when one partition is found invalid (the others need not finish) or the budget runs out.
 */
final class SearchControl {
  private final long deadlineNanos;
  private final long maxMemoBytes;
  private final AtomicLong memoBytes = new AtomicLong();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicReference<String> budgetExceeded = new AtomicReference<>();
  private final long startNanos;

  SearchControl(Budget budget, long startNanos) {
    this.startNanos = startNanos;
    this.deadlineNanos = startNanos + budget.timeout().toNanos();
    this.maxMemoBytes = budget.maxMemoBytes();
  }

  /** Polled by searches every few thousand steps; true when they must give up. */
  boolean shouldStop(long nowNanos) {
    if (stop.get()) {
      return true;
    }
    if (nowNanos - deadlineNanos > 0) {
      exceeded("timeout after " + (nowNanos - startNanos) / 1_000_000 + " ms (budget "
          + (deadlineNanos - startNanos) / 1_000_000 + " ms)");
      return true;
    }
    return false;
  }

  /** Accounts for memo growth; false (and stop) when the memory budget is used up. */
  boolean addMemoBytes(long bytes) {
    long total = memoBytes.addAndGet(bytes);
    if (total > maxMemoBytes) {
      exceeded("memory budget exceeded: memo of linearized sets and states reached "
          + total / (1024 * 1024) + " MiB (budget " + maxMemoBytes / (1024 * 1024) + " MiB)");
      return false;
    }
    return true;
  }

  /** Another partition was found invalid: the rest may stop. */
  void stopOthers() {
    stop.set(true);
  }

  private void exceeded(String reason) {
    budgetExceeded.compareAndSet(null, reason);
    stop.set(true);
  }

  /** Why the budget ran out, or null. */
  String budgetReason() {
    return budgetExceeded.get();
  }
}
