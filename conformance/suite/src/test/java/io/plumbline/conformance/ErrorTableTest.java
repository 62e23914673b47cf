package io.plumbline.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ErrorTableTest {
  @Test
  void rejectionsBeforeProposalAreDefinite() {
    ErrorTable.ClientError e = ErrorTable.classify(new ExecutionException(
        Status.OUT_OF_RANGE.withDescription("etcdserver: mvcc: required revision has been compacted").asRuntimeException()));
    assertThat(e.definite()).isTrue();
    assertThat(e.code()).isEqualTo("OUT_OF_RANGE");
    assertThat(e.historyType()).isEqualTo("fail");
  }

  @Test
  void timeoutsAndUnavailableAreIndefinite() {
    assertThat(ErrorTable.classify(new TimeoutException()).definite()).isFalse();
    assertThat(ErrorTable.classify(new TimeoutException()).code()).isEqualTo("TIMEOUT");
    ErrorTable.ClientError u = ErrorTable.classify(new ExecutionException(Status.UNAVAILABLE
        .withDescription("etcdserver: request timed out").asRuntimeException()));
    assertThat(u.definite()).isFalse();
    assertThat(u.historyType()).isEqualTo("info");
    assertThat(ErrorTable.isDefinite(Status.Code.DEADLINE_EXCEEDED)).isFalse();
    assertThat(ErrorTable.isDefinite(Status.Code.UNKNOWN)).isFalse();
  }

  @Test
  void anythingUnrecognisedIsIndefinite() {
    assertThat(ErrorTable.classify(new IllegalStateException("boom")).definite()).isFalse();
  }
}
