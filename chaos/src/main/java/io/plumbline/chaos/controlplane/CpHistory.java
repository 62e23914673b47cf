package io.plumbline.chaos.controlplane;

import io.plumbline.history.History;
import io.plumbline.history.HistoryRecorder;
import io.plumbline.history.OpType;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The control-plane run's history on the one recorder ({@link HistoryRecorder}): client operations
 * (process {@code 0}, {@code 1}, …: invoke, then ok / fail (definite) / info (indeterminate)) and
 * nemesis events, on a clock that starts when the workload starts; it is written, plotted and
 * judged like every chaos run's history.
 */
final class CpHistory {
  private final HistoryRecorder recorder = new HistoryRecorder(System.nanoTime());
  private final String endpoint;
  final LongAdder ok = new LongAdder();
  final LongAdder fail = new LongAdder();
  final LongAdder info = new LongAdder();

  /** Clients reach the API servers at {@code endpoint} (HAProxy, when it runs): recorded with each client event. */
  CpHistory(String endpoint) {
    this.endpoint = endpoint;
  }

  /** A client event: {@code type} is {@code invoke}, {@code ok}, {@code fail} or {@code info}. */
  void client(int process, String type, String f, String value) {
    OpType t = switch (type) {
      case "invoke" -> OpType.INVOKE;
      case "ok" -> OpType.OK;
      case "fail" -> OpType.FAIL;
      default -> OpType.INFO;
    };
    recorder.record(Integer.toString(process), t, f, null, value, Map.of("endpoint", endpoint));
    switch (t) {
      case OK -> ok.increment();
      case FAIL -> fail.increment();
      case INFO -> info.increment();
      default -> { } // invocations are counted by their completions
    }
  }

  /** A nemesis event ({@code start} / {@code stop} of a fault). */
  void nemesis(String f, String value) {
    recorder.record("nemesis", OpType.INFO, f, null, value);
  }

  /** Nanoseconds since the workload started. */
  long nowNanos() {
    return recorder.now();
  }

  long elapsedMs() {
    return recorder.now() / 1_000_000;
  }

  History history(String source) {
    return recorder.history(source);
  }
}
