package io.plumbline.raft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.common.UserError;
import io.plumbline.common.cli.CommandRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate}: replay by seed, the digest line, traces, and one-line user errors. */
class SimulateCommandTest {
  private static final Set<String> ACTIONS = Set.of("Restart", "ElectionTimeout",
      "HandlePreVoteRequest", "HandlePreVoteResponse", "BecomeCandidate",
      "HandleRequestVoteRequest", "HandleRequestVoteResponse", "BecomeLeader", "ClientRequest",
      "AppendEntries", "HandleAppendEntriesRequest", "HandleAppendEntriesResponse",
      "AdvanceCommitIndex", "Heartbeat", "HandleHeartbeatRequest", "HandleHeartbeatResponse",
      "CheckQuorum", "UpdateTerm", "DropStaleMessage", "ReadIndexRequest", "ReadIndexComplete",
      "SendSnapshot", "HandleSnapshotRequest", "IgnoreVoteRequestInLease", "ElectionLost",
      "Persist");

  private static CommandRun run(String... args) {
    return CommandRun.of(new SimulateCommand(), args);
  }

  private static String digest(String out) {
    Matcher m = Pattern.compile("(?m)^digest: ([0-9a-f]{32})$").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return m.group(1);
  }

  @Test
  void sameSeedPrintsTheSameDigest() {
    CommandRun a = run("--seed", "5", "--ticks", "800");
    CommandRun b = run("--seed", "5", "--ticks", "800");
    assertThat(a.exitCode()).isZero();
    assertThat(a.out()).contains("seed 5: ok, 3 nodes");
    assertThat(digest(a.out())).isEqualTo(digest(b.out()));
    assertThat(digest(run("--seed", "6", "--ticks", "800").out())).isNotEqualTo(digest(a.out()));
  }

  @Test
  void manySeedsPrintASummaryWithThroughputAndWriteJson(@TempDir Path dir) throws IOException {
    Path json = dir.resolve("r.json");
    CommandRun r = run("--seeds", "4", "--ticks", "300", "--nodes", "5", "--threads", "2",
        "--json", json.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("4 seeds, 0 failed").contains("seeds/s").contains("ticks/s");
    assertThat(Files.readString(json)).startsWith("{\"seeds\":4,\"nodes\":5,")
        .contains("\"failed\":0").contains("\"failures\":[]");
  }

  @Test
  void traceHasOneSpecActionPerLine(@TempDir Path dir) throws IOException {
    Path trace = dir.resolve("t.ndjson");
    CommandRun r = run("--seed", "2", "--ticks", "300", "--trace", trace.toString());
    assertThat(r.exitCode()).isZero();
    List<String> lines = Files.readAllLines(trace);
    assertThat(lines).isNotEmpty();
    Pattern event = Pattern.compile("^\\{\"event\":\"(\\w+)\",\"node\":\"n\\d\",\"peer\":.*\"state\":");
    for (String line : lines) {
      Matcher m = event.matcher(line);
      assertThat(m.find()).as(line).isTrue();
      assertThat(ACTIONS).contains(m.group(1));
    }
    assertThat(r.out()).contains("trace: " + trace + " (" + lines.size() + " events)");
  }

  @Test
  void badValuesAreOneLineUserErrors() {
    assertThat(run("--seeds", "0").exitCode()).isEqualTo(2);
    assertThat(run("--seed", "1", "--nodes", "0").err()).contains("--nodes: expected 1..9");
    CommandRun r = run("--seeds", "3", "--trace", "x.ndjson");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(run("--seed", "1", "--seeds", "2").exitCode()).isEqualTo(2);
  }
}
