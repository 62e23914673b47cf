package io.plumbline.spec.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.spec.SpecTestFiles;
import io.plumbline.spec.manifest.Expectation;
import io.plumbline.spec.manifest.ModelEntry;
import io.plumbline.spec.manifest.Suite;
import io.plumbline.spec.tlc.TlcLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that a real edit of the spec TEXT is caught, not only the Bugs switches: the test copies
 * {@code spec/raft/EtcdRaft.tla} into a temporary directory, breaks one line of it the way a
 * careless change would, and checks a tiny model through the same runner {@code spec check} uses.
 * The model expects {@code pass}, so the runner must say UNEXPECTED-VIOLATION and print a
 * counterexample naming the broken invariant. (That the unedited spec passes these invariants on
 * larger bounds is the CI models' job: MCEtcdRaft in models.tsv.)
 *
 * <p>Each edit must match its line exactly once: if the spec's text moves on, this test fails
 * loudly instead of checking an unedited spec.
 */
class SpecEditBitesTest {
  /** The quorum test in AdvanceCommitIndex. */
  private static final String QUORUM_TEST = "ELSE Agree(i, k) \\in Quorum";
  /** The edit: any current-term entry the leader itself holds counts as committed. */
  private static final String NO_QUORUM = "ELSE Agree(i, k) # {}";
  /** HandleRequestVoteRequest's one-vote-per-term check (whom i already voted for in the term). */
  private static final String VOTE_CHECK = "canVote == \\/ votedFor[i] = j\n"
      + "                      \\/ votedFor[i] = Nil /\\ leader[i] = Nil\n";
  /** The edit: the check is gone, any up-to-date candidate gets the vote. */
  private static final String NO_VOTE_CHECK = "canVote == \\/ TRUE\n";

  /** term <= 1, log <= 1, at most 2 messages in flight, messages may be lost. */
  private static final String TINY_BOUNDS = """
      SPECIFICATION Spec
      CONSTANTS
          Server = {s1, s2, s3}
          Value = {v1}
          ReadId = {}
          Nil = Nil
          Bugs = {}
          MaxTerm = 1
          MaxLogLen = 1
          MaxInFlight = 2
          Faults = {"Drop"}
      CONSTRAINT MCConstraint
      SYMMETRY MCSymmetry
      CHECK_DEADLOCK FALSE
      INVARIANTS
          TypeOK
      """;

  @TempDir Path work;
  @TempDir Path evidence;

  @Test
  void committingWithoutAQuorumIsCaughtWithACounterexample() throws IOException {
    ModelReport r =
        check("edited-no-quorum", edited(QUORUM_TEST, NO_QUORUM), "CommittedIsDurable");
    assertCaught(r, "CommittedIsDurable", "AdvanceCommitIndex");
  }

  @Test
  void votingTwiceInOneTermIsCaughtWithACounterexample() throws IOException {
    ModelReport r =
        check("edited-no-vote-check", edited(VOTE_CHECK, NO_VOTE_CHECK), "ElectionSafety");
    assertCaught(r, "ElectionSafety", "HandleRequestVoteRequest");
  }

  private static void assertCaught(ModelReport r, String invariant, String action) {
    String text = CounterexampleText.render(r.result());
    assertThat(r.verdict()).as(text).isEqualTo(Verdict.UNEXPECTED_VIOLATION);
    assertThat(r.result().violated()).isEqualTo(invariant);
    assertThat(text).startsWith("  Counterexample: invariant " + invariant + " violated in ")
        .contains("Initial predicate").contains(action);
    assertThat(r.counterexampleFile()).isPresent();
  }

  /** The spec's text with {@code from} (which must occur exactly once) replaced by {@code to}. */
  private static String edited(String from, String to) throws IOException {
    String spec = Files.readString(realSpec());
    int first = spec.indexOf(from);
    assertThat(first).as("EtcdRaft.tla no longer contains the text to edit:%n%s", from)
        .isNotNegative();
    assertThat(spec.indexOf(from, first + 1)).as("the line to edit occurs twice").isNegative();
    return spec.replace(from, to);
  }

  /** Checks MCEtcdRaft over {@code specText}, tiny bounds, TypeOK and {@code invariant}. */
  private ModelReport check(String name, String specText, String invariant) throws IOException {
    Path dir = Files.createDirectories(work.resolve(name));
    Files.writeString(dir.resolve("EtcdRaft.tla"), specText);
    Files.copy(realSpec().resolveSibling("MCEtcdRaft.tla"), dir.resolve("MCEtcdRaft.tla"));
    Path config = Files.writeString(dir.resolve("MCEtcdRaftTiny.cfg"),
        TINY_BOUNDS + "    " + invariant + "\n");
    ModelEntry entry = new ModelEntry(name, dir.resolve("MCEtcdRaft.tla"), config,
        Expectation.pass(), Suite.CI, "term<=1, log<=1, msgs<=2, drop", "edited EtcdRaft.tla", 0);
    return new ModelRunner(new TlcLauncher(1, "512m"), evidence, CheckListener.SILENT)
        .check(entry, 1, 1);
  }

  private static Path realSpec() {
    return SpecTestFiles.specDir().resolve("raft/EtcdRaft.tla");
  }
}
