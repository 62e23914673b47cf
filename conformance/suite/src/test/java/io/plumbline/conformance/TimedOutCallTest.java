package io.plumbline.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A call that times out (the gRPC deadline, or the suite's own backstop in {@link Session#await}) may still take
 * effect: the check ends UNKNOWN naming the call, never PASS or FAIL. {@link HungServerTest} shows it on a paused
 * etcd; this pins the runner's rule without a server.
 */
class TimedOutCallTest {
  private static Verdict run(Throwable timeout) {
    Check c = Check.of("ttl-expiry", "a check whose read timed out", s -> {
      throw new CallError("get /p/lease/expiry", ErrorTable.classify(timeout), timeout);
    });
    return ConformanceSuite.runOne(null, "lease", c).verdict();
  }

  @Test
  void aDeadlineExceededCallEndsTheCheckUnknownWithTheReason() {
    Verdict v = run(new ExecutionException(io.grpc.Status.DEADLINE_EXCEEDED
        .withDescription("deadline exceeded after 4.9s").asRuntimeException()));
    assertThat(v.status()).isEqualTo(Status.UNKNOWN);
    assertThat(v.summary()).isEqualTo("indeterminate error, nothing proven: get /p/lease/expiry -> DEADLINE_EXCEEDED:"
        + " deadline exceeded after 4.9s (indefinite)");
  }

  @Test
  void theClientSideBackstopTimeoutEndsTheCheckUnknown() {
    Verdict v = run(new TimeoutException());
    assertThat(v.status()).isEqualTo(Status.UNKNOWN);
    assertThat(v.summary()).startsWith("indeterminate error, nothing proven: get /p/lease/expiry -> TIMEOUT");
  }
}
