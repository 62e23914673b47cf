package io.plumbline.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.plumbline.chaos.generator.Generator;
import io.plumbline.chaos.generator.Generators;
import io.plumbline.chaos.generator.Invocation;
import io.plumbline.chaos.workload.Workload;
import io.plumbline.chaos.workload.WorkloadClient;
import io.plumbline.history.History;
import io.plumbline.history.HistoryRecorder;
import io.plumbline.history.Op;
import io.plumbline.history.OpType;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * How a worker records a client call that threw: {@code fail} only when the error proves the
 * request had no effect, {@code info} otherwise (an indeterminate error recorded as {@code fail}
 * lets a checker ignore a write that happened: a wrong "valid"). After an {@code info} the process
 * may still have a request in flight, so the worker continues as a new process.
 */
class WorkerClassificationTest {
  /** The history of one operation whose client call throws {@code thrown}, then one that succeeds. */
  private static List<Op> run(Exception thrown) throws InterruptedException {
    return run(thrown, null);
  }

  /** As above, the second call answering {@code second} (null: ok with the invocation's value). */
  private static List<Op> run(Exception thrown, io.plumbline.chaos.workload.Completion second)
      throws InterruptedException {
    HistoryRecorder recorder = new HistoryRecorder();
    CountDownLatch first = new CountDownLatch(1);
    CountDownLatch free = new CountDownLatch(2);
    Workload w = new Workload() {
      private int calls;

      @Override
      public String name() {
        return "throws";
      }

      @Override
      public WorkloadClient client(int process, String clientUrl) {
        return new WorkloadClient() {
          @Override
          public io.plumbline.chaos.workload.Completion invoke(Invocation op) throws Exception {
            if (calls++ == 0) {
              throw thrown;
            }
            return second != null ? second : io.plumbline.chaos.workload.Completion.ok(op.value());
          }

          @Override
          public void close() {}
        };
      }

      @Override
      public Generator generator() {
        return Generators.exhausted();
      }

      @Override
      public Generator finalGenerator(List<Integer> processes) {
        return Generators.exhausted();
      }

      @Override
      public Verdict check(History history) {
        throw new UnsupportedOperationException();
      }
    };
    Worker worker = new Worker(0, 3, w, "http://127.0.0.1:1", "m0", recorder, s -> {
      first.countDown();
      free.countDown();
    },
        new Worker.Counters());
    try {
      worker.submit(new Invocation(0, "write", 1L, 2L, 0));
      first.await(10, TimeUnit.SECONDS); // the worker frees itself once it has recorded the completion
      if (!(thrown instanceof InterruptedException)) { // an interrupted worker thread stops: no second operation
        worker.submit(new Invocation(0, "write", 1L, 3L, 0));
        free.await(10, TimeUnit.SECONDS);
      }
    } finally {
      worker.close();
    }
    return recorder.history("t").events();
  }

  private static OpType outcome(Exception thrown) throws InterruptedException {
    return run(thrown).get(1).type();
  }

  @Test
  void whatMayHaveReachedTheServerIsInfo() throws InterruptedException {
    assertThat(outcome(new InterruptedException())).isEqualTo(OpType.INFO);
    assertThat(outcome(new TimeoutException())).isEqualTo(OpType.INFO);
    assertThat(outcome(Status.UNAVAILABLE.asRuntimeException())).isEqualTo(OpType.INFO);
    assertThat(outcome(Status.UNAVAILABLE.withDescription("etcdserver: request timed out").asRuntimeException()))
        .isEqualTo(OpType.INFO);
    assertThat(outcome(Status.DEADLINE_EXCEEDED.asRuntimeException())).isEqualTo(OpType.INFO);
    assertThat(outcome(new IllegalStateException("something unexpected"))).isEqualTo(OpType.INFO);
  }

  /**
   * Only a refused connection proves nothing was sent: a connection reset or closed by a member
   * killed or cut mid-request (the request may have been written), and etcd's "no leader" (it may
   * have been forwarded first), are indeterminate, for one attempt as for many.
   */
  @Test
  void aConnectionLostMidRequestIsInfo() throws InterruptedException {
    assertThat(outcome(Status.UNAVAILABLE.withDescription("io exception")
        .withCause(new java.net.SocketException("Connection reset")).asRuntimeException())).isEqualTo(OpType.INFO);
    assertThat(outcome(Status.UNAVAILABLE.withDescription("Connection closed after GOAWAY").asRuntimeException()))
        .isEqualTo(OpType.INFO);
    assertThat(outcome(new java.io.IOException("Connection reset by peer"))).isEqualTo(OpType.INFO);
    assertThat(outcome(Status.UNAVAILABLE.withDescription("etcdserver: no leader").asRuntimeException()))
        .isEqualTo(OpType.INFO);
  }

  /** Chaos clients make one attempt per operation: a refused connection sent nothing. */
  @Test
  void whatCertainlyHadNoEffectIsFail() throws InterruptedException {
    assertThat(outcome(new ConnectException("Connection refused"))).isEqualTo(OpType.FAIL);
    assertThat(outcome(Status.NOT_FOUND.withDescription("etcdserver: requested lease not found").asRuntimeException()))
        .isEqualTo(OpType.FAIL);
    assertThat(outcome(Status.INVALID_ARGUMENT.asRuntimeException())).isEqualTo(OpType.FAIL);
  }

  /** Jepsen's rule: a process with an indeterminate operation is crashed; the worker goes on as p + concurrency. */
  @Test
  void afterAnInfoTheWorkerIsANewProcess() throws InterruptedException {
    List<Op> info = run(new TimeoutException());
    assertThat(info.get(2).process()).isEqualTo("3");
    List<Op> fail = run(new ConnectException("Connection refused"));
    assertThat(fail.get(2).process()).isEqualTo("0");
  }

  /**
   * What the worker records beside the outcome: an {@code info} completion repeats the invocation's
   * value (Jepsen's convention: the saved history says what the indeterminate write may have
   * written); an ok answer keeps the client's marks — {@code "absent": true} for a get that found no
   * key (without it a nil read is Knossos's "unknown" read, and a store that lost every write
   * passes) and the answer's Raft term.
   */
  @Test
  void theWorkerRecordsTheIndeterminateValueAndTheAnswersMarks() throws InterruptedException {
    List<Op> info = run(new TimeoutException());
    assertThat(info.get(1).type()).isEqualTo(OpType.INFO);
    assertThat(info.get(1).value()).isEqualTo(2L);
    List<Op> absent = run(new ConnectException("Connection refused"), io.plumbline.chaos.workload.Completion.okAbsent());
    assertThat(absent.get(3).type()).isEqualTo(OpType.OK);
    assertThat(absent.get(3).extra()).containsEntry(io.plumbline.checker.model.RegisterModel.ABSENT, true);
    List<Op> termed = run(new ConnectException("Connection refused"),
        io.plumbline.chaos.workload.Completion.ok(List.of()).term(7));
    assertThat(termed.get(3).extra()).containsEntry(io.plumbline.chaos.workload.Completion.RAFT_TERM, 7L);
  }
}
