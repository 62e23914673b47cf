package io.plumbline.chaos.run;

import io.plumbline.chaos.generator.Invocation;
import io.plumbline.chaos.workload.Completion;
import io.plumbline.chaos.workload.Workload;
import io.plumbline.chaos.workload.WorkloadClient;
import io.plumbline.checker.model.RegisterModel;
import io.plumbline.conformance.ErrorTable;
import io.plumbline.history.HistoryRecorder;
import io.plumbline.history.OpType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.IntConsumer;

/**
 * One client thread (Jepsen's worker). Runs one operation at a time for its current process;
 * after an indeterminate result the process is considered crashed and the worker continues as a
 * new process ({@code p + concurrency}) with a fresh client, as Jepsen does.
 */
final class Worker implements AutoCloseable {
  /** The history field naming the member a client event went to (the only endpoint of its client). */
  static final String MEMBER = "member";
  /** The history field naming the server that answered, when the answer said so (on the completion). */
  public static final String SERVED_BY = "served_by";
  private final int slot;
  private final int concurrency;
  private final Workload workload;
  private final String clientUrl;
  private final String member;
  private final HistoryRecorder recorder;
  private final IntConsumer onFree;
  private final BlockingQueue<Invocation> inbox = new ArrayBlockingQueue<>(1);
  private final Thread thread;
  private volatile int process;
  private volatile WorkloadClient client;
  final Counters counters;

  /** Running totals for progress lines. */
  static final class Counters {
    final java.util.concurrent.atomic.LongAdder ok = new java.util.concurrent.atomic.LongAdder();
    final java.util.concurrent.atomic.LongAdder fail = new java.util.concurrent.atomic.LongAdder();
    final java.util.concurrent.atomic.LongAdder info = new java.util.concurrent.atomic.LongAdder();

    long total() {
      return ok.sum() + fail.sum() + info.sum();
    }
  }

  /**
   * A worker whose clients talk to {@code clientUrl} only, the member named {@code member}
   * ({@code m0}, ...): jetcd clients get that one endpoint and no retries, so every request of this
   * worker is served by that member (or its proxy refuses it). Each event records the member.
   */
  Worker(int slot, int concurrency, Workload workload, String clientUrl, String member, HistoryRecorder recorder,
      IntConsumer onFree, Counters counters) {
    this.slot = slot;
    this.concurrency = concurrency;
    this.workload = workload;
    this.clientUrl = clientUrl;
    this.member = member;
    this.recorder = recorder;
    this.onFree = onFree;
    this.counters = counters;
    this.process = slot;
    this.thread = new Thread(this::loop, "chaos-worker-" + slot);
    thread.setDaemon(true);
    thread.start();
  }

  int process() {
    return process;
  }

  int slot() {
    return slot;
  }

  /** Hands an operation over; the worker must be free. */
  void submit(Invocation op) {
    if (!inbox.offer(op)) {
      throw new IllegalStateException("worker " + slot + " is busy");
    }
  }

  private void loop() {
    try {
      while (true) {
        Invocation op = inbox.take();
        run(op);
        onFree.accept(slot);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run(Invocation op) {
    String p = Integer.toString(process);
    recorder.record(p, OpType.INVOKE, op.f(), op.key(), op.value(), Map.of(MEMBER, member));
    Completion c;
    try {
      if (client == null) {
        client = workload.client(process, clientUrl);
      }
      c = client.invoke(op);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      c = new Completion(OpType.INFO, null, "interrupted");
    } catch (Exception e) {
      // chaos clients make one attempt per operation (EtcdClients.forMember: retries off)
      ErrorTable.ClientError err = ErrorTable.classify(e, true);
      c = new Completion(err.definite() ? OpType.FAIL : OpType.INFO, null, err.shortName());
    }
    Map<String, Object> extra = new LinkedHashMap<>(HistoryRecorder.error(c.error()));
    extra.put(MEMBER, member);
    if (c.servedBy() != null) {
      extra.put(SERVED_BY, c.servedBy());
    }
    if (c.raftTerm() != null) {
      extra.put(Completion.RAFT_TERM, c.raftTerm());
    }
    if (c.absent()) {
      extra.put(RegisterModel.ABSENT, true);
    }
    recorder.record(p, c.type(), op.f(), op.key(), c.type() == OpType.OK ? c.value() : op.value(), extra);
    switch (c.type()) {
      case OK -> counters.ok.increment();
      case FAIL -> counters.fail.increment();
      default -> {
        counters.info.increment();
        crash();
      }
    }
  }

  /** An indeterminate result: this process may still have an operation in flight; continue as a new one. */
  private void crash() {
    if (client != null) {
      client.close();
      client = null;
    }
    process += concurrency;
  }

  /**
   * Drops the client so the next operation connects afresh (called while the worker is idle, after
   * the heal): a gRPC channel that saw its member die backs off reconnecting for up to minutes and
   * would fail the final operations against a member that is healthy again.
   */
  void resetClient() {
    WorkloadClient c = client;
    client = null;
    if (c != null) {
      c.close();
    }
  }

  @Override
  public void close() {
    thread.interrupt();
    if (client != null) {
      client.close();
    }
  }
}
