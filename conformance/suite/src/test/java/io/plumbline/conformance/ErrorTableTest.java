package io.plumbline.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The table's rows on constructed errors; {@link ErrorTableRealErrorsTest} feeds it real ones. */
class ErrorTableTest {
  private static boolean definite(Throwable t) {
    return ErrorTable.classify(t, true).definite();
  }

  @Test
  void rejectionsBeforeProposalAreDefinite() {
    ErrorTable.ClientError e = ErrorTable.classify(new ExecutionException(
        Status.OUT_OF_RANGE.withDescription("etcdserver: mvcc: required revision has been compacted").asRuntimeException()));
    assertThat(e.definite()).isTrue();
    assertThat(e.code()).isEqualTo("OUT_OF_RANGE");
    assertThat(e.historyType()).isEqualTo("fail");
    assertThat(definite(Status.INVALID_ARGUMENT.asRuntimeException())).isTrue();
    assertThat(definite(Status.RESOURCE_EXHAUSTED.withDescription("etcdserver: too many requests").asRuntimeException()))
        .isTrue();
    assertThat(definite(Status.PERMISSION_DENIED.withDescription("etcdserver: permission denied").asRuntimeException()))
        .isTrue();
    assertThat(definite(Status.UNIMPLEMENTED.asRuntimeException())).isTrue();
  }

  @Test
  void timeoutsAndUnavailableAreIndefinite() {
    assertThat(ErrorTable.classify(new TimeoutException()).definite()).isFalse();
    assertThat(ErrorTable.classify(new TimeoutException()).code()).isEqualTo("TIMEOUT");
    ErrorTable.ClientError u = ErrorTable.classify(new ExecutionException(Status.UNAVAILABLE
        .withDescription("etcdserver: request timed out").asRuntimeException()), true);
    assertThat(u.definite()).isFalse();
    assertThat(u.historyType()).isEqualTo("info");
    assertThat(u.shortName()).isEqualTo("unavailable: request timed out");
    assertThat(definite(Status.DEADLINE_EXCEEDED.asRuntimeException())).isFalse();
    assertThat(definite(Status.UNAVAILABLE.withDescription("etcdserver: no leader").asRuntimeException())).isFalse();
    assertThat(definite(Status.UNAVAILABLE.withDescription("etcdserver: leader changed").asRuntimeException())).isFalse();
    assertThat(definite(Status.UNAVAILABLE.withDescription("io exception").asRuntimeException())).isFalse();
  }

  @Test
  void aRefusedConnectionIsDefiniteOnlyForASingleAttempt() {
    Throwable refused = Status.UNAVAILABLE.withDescription("io exception")
        .withCause(new ConnectException("Connection refused: /127.0.0.1:2379")).asRuntimeException();
    assertThat(ErrorTable.classify(refused, true).definite()).as("one attempt: nothing was sent").isTrue();
    assertThat(ErrorTable.classify(refused).definite()).as("a retrying client: an earlier attempt may have landed")
        .isFalse();
    assertThat(definite(new ExecutionException(new ConnectException("Connection refused")))).isTrue();
  }

  @Test
  void everyIndefiniteStatusIsReallyIndefinite() {
    for (Status.Code c : new Status.Code[] {Status.Code.UNAVAILABLE, Status.Code.CANCELLED, Status.Code.ABORTED,
        Status.Code.INTERNAL, Status.Code.UNKNOWN, Status.Code.DATA_LOSS, Status.Code.DEADLINE_EXCEEDED}) {
      assertThat(definite(Status.fromCode(c).asRuntimeException())).as(c.name()).isFalse();
    }
  }

  @Test
  void anythingUnrecognisedIsIndefinite() {
    ErrorTable.ClientError e = ErrorTable.classify(new IllegalStateException("boom"), true);
    assertThat(e.definite()).isFalse();
    assertThat(e.why()).contains("when in doubt");
  }
}
