package io.plumbline.spec.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plumbline.spec.SpecTestFiles;
import io.plumbline.spec.manifest.Expectation;
import io.plumbline.spec.manifest.ModelEntry;
import io.plumbline.spec.manifest.Suite;
import io.plumbline.spec.tlc.TlcMessageReader;
import io.plumbline.spec.tlc.TlcResultCollector;
import io.plumbline.spec.tlc.TlcRunResult;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders the captured LeaseElection counterexample (tlc-output/election-unfenced-violation.txt). */
class CounterexampleRenderingTest {
  @TempDir Path tmp;

  private static TlcRunResult unfenced() {
    TlcResultCollector c = new TlcResultCollector(p -> { });
    TlcMessageReader.readAll(SpecTestFiles.text("tlc-output/election-unfenced-violation.txt")).forEach(c);
    return c.result(12);
  }

  @Test
  void textShowsFirstStateInFullThenOnlyChangedLeaves() {
    String text = CounterexampleText.render(unfenced());
    assertThat(text).startsWith("  Counterexample: invariant AtMostOneEffectiveLeader violated in 17 states");
    // The initial state is complete.
    assertThat(text).contains("      1  Initial predicate\n        lastRenew = (c1 :> 0 @@ c2 :> 0)\n");
    // A clock tick shows only the one clock entry that moved.
    assertThat(text).contains("      2  Tick  (LeaseElection:176)\n        clock[c1] = 1\n      3  Get");
    // The acquisition names the changed fields of the Lease, not the whole record.
    assertThat(text).contains("        lease.holder = c1\n").contains("        lease.transitions = 1\n");
    assertThat(text).doesNotContain("lease.duration");
    // The last step is the stale leader's write landing after its successor's.
    assertThat(text).endsWith("     17  WriteLands  (LeaseElection:289)\n        inflight = {}\n"
        + "        podWrites = <<[term |-> 2, writer |-> c2], [term |-> 1, writer |-> c1]>>\n");
  }

  @Test
  void jsonHasEveryStateWithChangesAndFullValues() throws IOException {
    ModelEntry entry = new ModelEntry("election-unfenced", Path.of("M.tla"), Path.of("M.cfg"),
        Expectation.violationOf("AtMostOneEffectiveLeader"), Suite.CI, "", "", 1);
    Path file = CounterexampleJson.write(tmp, entry, unfenced());
    JsonNode doc = new ObjectMapper().readTree(file.toFile());
    assertThat(file.getFileName().toString()).isEqualTo("election-unfenced.counterexample.json");
    assertThat(doc.get("violated").asText()).isEqualTo("AtMostOneEffectiveLeader");
    assertThat(doc.get("kind").asText()).isEqualTo("invariant");
    assertThat(doc.get("states")).hasSize(17);
    JsonNode tick = doc.get("states").get(1);
    assertThat(tick.get("action").asText()).isEqualTo("Tick");
    assertThat(tick.get("changed").size()).isEqualTo(1);
    assertThat(tick.get("changed").get("clock[c1]").asText()).isEqualTo("1");
    assertThat(tick.get("variables").get("clock").asText()).isEqualTo("(c1 :> 1 @@ c2 :> 0)");
  }
}
