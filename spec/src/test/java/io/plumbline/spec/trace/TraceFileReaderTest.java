package io.plumbline.spec.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbline.common.UserError;
import io.plumbline.spec.SpecTestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed traces are one-line user errors naming file:line and the field. */
class TraceFileReaderTest {
  private static final String GOOD = "{\"event\":\"ElectionTimeout\",\"node\":\"n1\",\"peer\":null,"
      + "\"msg\":null,\"state\":{\"currentTerm\":0,\"votedFor\":null,\"state\":\"PreCandidate\","
      + "\"commitIndex\":0,\"logLen\":0,\"lastLogTerm\":0}}";

  @Test
  void readsTheSampleTrace() {
    TraceFile f = TraceFileReader.read(SpecTestFiles.specDir().resolve("raft/traces/sample.ndjson"));
    assertThat(f.events()).hasSize(22);
    assertThat(f.events().get(0).name()).isEqualTo("ElectionTimeout");
  }

  @Test
  void namesLineAndFieldOfAMalformedEvent(@TempDir Path dir) throws IOException {
    assertThat(error(dir, GOOD + "\n" + GOOD.replace("\"currentTerm\":0", "\"currentTerm\":\"x\"")))
        .endsWith("t.ndjson:2: field state.currentTerm: expected a natural number, got \"x\"");
    assertThat(error(dir, GOOD.replace("\"state\":\"PreCandidate\"", "\"state\":\"Boss\"")))
        .contains("t.ndjson:1: field state.state: expected one of");
    assertThat(error(dir, GOOD.replace("\"node\":\"n1\",", ""))).endsWith(":1: field node: missing");
    assertThat(error(dir, GOOD + "\n\n{oops")).contains("t.ndjson:3: not JSON");
    assertThat(error(dir, GOOD.replace("\"msg\":null", "\"msg\":{\"mtype\":\"X\",\"mterm\":-1}")))
        .endsWith(":1: field msg.mterm: expected a natural number, got -1");
    assertThat(error(dir, GOOD.replace("\"logLen\":0,", ""))).endsWith(":1: field state.logLen: missing");
  }

  private static String error(Path dir, String text) throws IOException {
    Path f = dir.resolve("t.ndjson");
    Files.writeString(f, text + "\n");
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> TraceFileReader.read(f));
    assertThat(t).isInstanceOf(UserError.class);
    assertThat(t.getMessage()).doesNotContain("\n");
    return t.getMessage();
  }

  @Test
  void anEmptyFileIsAnError(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("e.ndjson"), "\n");
    assertThatThrownBy(() -> TraceFileReader.read(f)).isInstanceOf(UserError.class)
        .hasMessageContaining("no events");
  }
}
