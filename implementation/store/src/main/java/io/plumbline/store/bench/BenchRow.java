package io.plumbline.store.bench;

import java.util.Arrays;

/** One measured row: operation, concurrency, throughput and latency percentiles (milliseconds). */
public record BenchRow(String op, int clients, long ops, long errors, double opsPerSec,
    double p50Ms, double p90Ms, double p99Ms, double maxMs) {

  static BenchRow of(BenchOp op, int clients, long[] latencyNanos, long errors, long elapsedNanos) {
    long[] sorted = latencyNanos.clone();
    Arrays.sort(sorted);
    return new BenchRow(op.flag(), clients, sorted.length, errors, sorted.length * 1e9 / elapsedNanos,
        pct(sorted, 0.50), pct(sorted, 0.90), pct(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  public static String header() {
    return String.format("%-17s %7s %8s %7s %10s %8s %8s %8s %8s", "op", "clients", "ops", "errors",
        "ops/s", "p50 ms", "p90 ms", "p99 ms", "max ms");
  }

  /** One JSON object (no library needed for flat numbers). */
  public String toJson() {
    return String.format(java.util.Locale.ROOT, "  {\"op\": \"%s\", \"clients\": %d, \"ops\": %d, \"errors\": %d, "
        + "\"opsPerSec\": %.1f, \"p50Ms\": %.3f, \"p90Ms\": %.3f, \"p99Ms\": %.3f, \"maxMs\": %.3f}",
        op, clients, ops, errors, opsPerSec, p50Ms, p90Ms, p99Ms, maxMs);
  }

  @Override
  public String toString() {
    return String.format("%-17s %7d %8d %7d %10.0f %8.2f %8.2f %8.2f %8.2f", op, clients, ops, errors,
        opsPerSec, p50Ms, p90Ms, p99Ms, maxMs);
  }
}
