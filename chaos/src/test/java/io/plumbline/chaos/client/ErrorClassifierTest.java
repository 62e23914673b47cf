package io.plumbline.chaos.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.plumbline.history.OpType;
import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ErrorClassifierTest {

  private static OpType type(Throwable t) {
    return ErrorClassifier.classify(t).type();
  }

  @Test
  void timeoutsAreIndefinite() {
    assertThat(type(new TimeoutException())).isEqualTo(OpType.INFO);
    assertThat(type(Status.DEADLINE_EXCEEDED.asRuntimeException())).isEqualTo(OpType.INFO);
  }

  @Test
  void etcdRequestTimedOutIsIndefiniteEvenWrapped() {
    Throwable e = new ExecutionException(Status.UNAVAILABLE.withDescription("etcdserver: request timed out")
        .asRuntimeException());
    Outcome o = ErrorClassifier.classify(e);
    assertThat(o.type()).isEqualTo(OpType.INFO);
    assertThat(o.error()).isEqualTo("unavailable: request timed out");
  }

  @Test
  void unavailableIsIndefinite() {
    assertThat(type(Status.UNAVAILABLE.withDescription("io exception").asRuntimeException())).isEqualTo(OpType.INFO);
  }

  @Test
  void refusedRequestsAreDefinite() {
    assertThat(type(Status.INVALID_ARGUMENT.asRuntimeException())).isEqualTo(OpType.FAIL);
    assertThat(type(Status.RESOURCE_EXHAUSTED.withDescription("etcdserver: too many requests").asRuntimeException()))
        .isEqualTo(OpType.FAIL);
    assertThat(type(Status.OUT_OF_RANGE.withDescription("mvcc: required revision has been compacted")
        .asRuntimeException())).isEqualTo(OpType.FAIL);
  }

  @Test
  void connectionRefusedIsDefiniteNothingWasSent() {
    assertThat(type(new ExecutionException(new ConnectException("Connection refused")))).isEqualTo(OpType.FAIL);
  }

  @Test
  void unavailableCausedByARefusedConnectionIsDefinite() {
    Throwable e = Status.UNAVAILABLE.withDescription("io exception")
        .withCause(new ConnectException("Connection refused: /127.0.0.1:2379")).asRuntimeException();
    assertThat(type(e)).isEqualTo(OpType.FAIL);
  }

  @Test
  void anythingUnknownIsIndefinite() {
    Outcome o = ErrorClassifier.classify(new IllegalStateException("surprise"));
    assertThat(o.type()).isEqualTo(OpType.INFO);
    assertThat(o.rule()).contains("when in doubt");
  }

  @Test
  void everyIndefiniteStatusOfTheTableIsReallyIndefinite() {
    for (Status.Code c : new Status.Code[] {Status.Code.UNAVAILABLE, Status.Code.CANCELLED, Status.Code.ABORTED,
        Status.Code.INTERNAL, Status.Code.UNKNOWN, Status.Code.DATA_LOSS}) {
      assertThat(type(Status.fromCode(c).asRuntimeException())).as(c.name()).isEqualTo(OpType.INFO);
    }
  }
}
