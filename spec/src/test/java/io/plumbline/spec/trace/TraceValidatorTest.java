package io.plumbline.spec.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.spec.SpecTestFiles;
import io.plumbline.spec.tlc.TlcLauncher;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TraceEtcdRaft accepts a valid trace and rejects a corrupted one, naming the first unexplained
 * event and what the spec would have done instead — both in one validator call.
 */
class TraceValidatorTest {
  @Test
  void acceptsTheSampleAndExplainsWhyTheBadTraceIsRejected() {
    Path traces = SpecTestFiles.specDir().resolve("raft/traces");
    List<TraceVerdict> verdicts = new TraceValidator(SpecTestFiles.specDir().resolve("raft"),
        new TlcLauncher(1, "1g"), line -> { })
        .validate(List.of(TraceFileReader.read(traces.resolve("sample.ndjson")),
            TraceFileReader.read(traces.resolve("bad.ndjson"))));

    assertThat(verdicts.get(0).valid()).as(String.valueOf(verdicts.get(0).failure())).isTrue();
    TraceVerdict bad = verdicts.get(1);
    assertThat(bad.valid()).isFalse();
    TraceVerdict.Unexplained u = bad.failure();
    assertThat(u.index()).isEqualTo(6);
    assertThat(u.line()).isEqualTo(6);
    assertThat(u.event()).isEqualTo("HandleRequestVoteRequest");
    assertThat(u.summary()).startsWith("n2 msg RequestVoteRequest n1->n2");
    assertThat(u.reason()).isEqualTo(
        "EtcdRaft's HandleRequestVoteRequest leads elsewhere: spec vs trace: votedFor n1 vs n3");
    assertThat(u.before().votedFor()).isNull();
    assertThat(u.expected().votedFor()).isEqualTo("n1");
    assertThat(u.actual().votedFor()).isEqualTo("n3");
  }
}
