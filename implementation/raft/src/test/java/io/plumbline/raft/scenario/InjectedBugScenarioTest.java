package io.plumbline.raft.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.raft.InjectedBug;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Three bugs need a precise interleaving that random simulation rarely produces (see the README);
 * the golden scenarios that pin that interleaving show the same checker catching them. Each
 * scenario passes on the correct core (GoldenScenarioTest) and breaks with the bug injected.
 */
class InjectedBugScenarioTest {
  private static final Path DIR = Path.of("src/test/resources/raft/scenarios");

  private static String runWith(String file, InjectedBug bug) throws IOException {
    ScenarioScript script = ScenarioScript.parse(
        Files.readString(DIR.resolve(file), StandardCharsets.UTF_8));
    return String.join("\n", new ScenarioRunner(Set.of(bug)).run(script));
  }

  @Test
  void leaderCommittingAPreviousTermEntryByCountingReplicasLosesACommittedEntry() throws IOException {
    String transcript = runWith("figure8.txt", InjectedBug.COMMIT_PREVIOUS_TERM_BY_COUNT);
    assertThat(transcript)
        .contains("n1 applies 2/1:a")
        .containsPattern("VIOLATION (CommittedIsDurable|StateMachineSafety|LeaderCompleteness)");
  }

  @Test
  void followerAcceptingAStaleTermAppendOverwritesACommittedEntry() throws IOException {
    String transcript = runWith("stale-leader.txt", InjectedBug.ACCEPT_STALE_TERM_APPEND);
    assertThat(transcript).containsPattern("VIOLATION (CommittedIsDurable|StateMachineSafety)");
  }

  @Test
  void followerInstallingAStaleSnapshotCopyLowersItsCommitIndex() throws IOException {
    String transcript = runWith("stale-snapshot.txt", InjectedBug.INSTALL_OLDER_SNAPSHOT);
    assertThat(transcript).contains("n3 installs snapshot@3/1")
        .containsPattern("VIOLATION MonotonicCommit");
  }

  @Test
  void theSameScenariosPassWithoutTheBugs() throws IOException {
    assertThat(String.join("\n", new ScenarioRunner().run(ScenarioScript.parse(
        Files.readString(DIR.resolve("figure8.txt"), StandardCharsets.UTF_8)))))
        .doesNotContain("VIOLATION");
    assertThat(String.join("\n", new ScenarioRunner().run(ScenarioScript.parse(
        Files.readString(DIR.resolve("stale-leader.txt"), StandardCharsets.UTF_8)))))
        .doesNotContain("VIOLATION");
    assertThat(String.join("\n", new ScenarioRunner().run(ScenarioScript.parse(
        Files.readString(DIR.resolve("stale-snapshot.txt"), StandardCharsets.UTF_8)))))
        .doesNotContain("VIOLATION");
  }
}
