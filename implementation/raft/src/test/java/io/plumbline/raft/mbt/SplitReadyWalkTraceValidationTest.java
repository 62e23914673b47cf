package io.plumbline.raft.mbt;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.raft.InjectedBug;
import io.plumbline.raft.trace.NdjsonTraceWriter;
import io.plumbline.spec.tlc.TlcLauncher;
import io.plumbline.spec.trace.TraceFile;
import io.plumbline.spec.trace.TraceFileReader;
import io.plumbline.spec.trace.TraceValidator;
import io.plumbline.spec.trace.TraceVerdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core's Ready contract checked against EtcdRaft's persist/send split: split-Ready walks
 * (persist, then send; a leader's appends early; crashes inside a Ready) trace every action and
 * every Persist (RaftCore.advance), and TraceEtcdRaft replays them with "AsyncPersist". Walks of the
 * real core are behaviours of the spec; a core that sends a granted vote before persisting it
 * ({@link InjectedBug#VOTE_GRANTED_BEFORE_PERSIST}) is rejected where the vote arrives, because
 * no Persist of its sender released it.
 */
class SplitReadyWalkTraceValidationTest {
  /** Walks 1..SEEDS: enough for crashes inside Readys, few enough for one short TLC run. */
  static final int SEEDS = 5;

  @Test
  void walksOfTheCoreAreBehavioursOfTheSplitSpec(@TempDir Path dir) {
    List<Path> traces = new ArrayList<>();
    long crashesAtPersist = 0;
    for (long seed = 1; seed <= SEEDS; seed++) {
      Traced run = walk(dir, seed, Set.of());
      assertThat(run.result().ok()).as(run.result().report()).isTrue();
      crashesAtPersist += run.result().stats().crashesAtPersist;
      traces.add(run.trace());
    }
    assertThat(crashesAtPersist).as("crashes inside a Ready across the walks").isPositive();
    assertThat(events(traces)).as("the traces report persist steps and restarts")
        .contains("Persist", "Restart", "HandleRequestVoteResponse", "HandleAppendEntriesResponse");

    List<TraceVerdict> verdicts = validate(traces);

    assertThat(verdicts).allSatisfy(v -> assertThat(v.valid())
        .as(() -> v.file() + ": " + v.failure()).isTrue());
  }

  /**
   * spec/raft/traces/vote-before-persist.ndjson: the trace of walk 7 on cores with {@link
   * InjectedBug#VOTE_GRANTED_BEFORE_PERSIST} (n3 grants n2 a vote in term 2, its Ready sends the
   * vote before persisting it, n3 crashes at the persist and restarts at term 1: the walk's own
   * check stops there), plus the one event that follows in such a run: n2 receives that vote.
   */
  @Test
  void aVoteDeliveredBeforeItsPersistIsRejected() {
    Path trace = raftSpecDir().resolve("traces").resolve("vote-before-persist.ndjson");

    TraceVerdict v = validate(List.of(trace)).get(0);

    assertThat(v.valid()).as("a vote delivered before it was persisted").isFalse();
    assertThat(v.failure().index()).isEqualTo(33);
    assertThat(v.failure().event()).isEqualTo("HandleRequestVoteResponse");
    assertThat(v.failure().reason()).contains("before its sender persisted");
  }

  @Test
  void theBuggyWalkStopsWhereItsVoteWasLost(@TempDir Path dir) {
    Set<InjectedBug> bug = Set.of(InjectedBug.VOTE_GRANTED_BEFORE_PERSIST);
    SplitReadyWalk.Result r = WalkSeeds.firstFailure(bug).orElseThrow();
    assertThat(r.seed()).as("the walk the resource trace comes from").isEqualTo(7);
    List<String> walked = events(List.of(walk(dir, r.seed(), bug).trace()));
    List<String> resource = events(List.of(raftSpecDir().resolve("traces").resolve("vote-before-persist.ndjson")));
    assertThat(resource.subList(0, resource.size() - 1)).isEqualTo(walked);
  }

  private record Traced(SplitReadyWalk.Result result, Path trace) {}

  private static Traced walk(Path dir, long seed, Set<InjectedBug> bugs) {
    Path file = dir.resolve("walk-" + seed + (bugs.isEmpty() ? "" : "-" + bugs) + ".ndjson");
    try (NdjsonTraceWriter writer = new NdjsonTraceWriter(file)) {
      SplitReadyWalk.Result r = new SplitReadyWalk(WalkSeeds.options(seed, bugs), writer).run();
      return new Traced(r, file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> events(List<Path> traces) {
    List<String> names = new ArrayList<>();
    for (Path p : traces) {
      TraceFile f = TraceFileReader.read(p);
      f.events().forEach(e -> names.add(e.name()));
    }
    return names;
  }

  private static List<TraceVerdict> validate(List<Path> traces) {
    List<TraceFile> files = traces.stream().map(TraceFileReader::read).toList();
    return new TraceValidator(raftSpecDir(), new TlcLauncher(2, "2g"), System.out::println)
        .validate(files);
  }

  /** {@code <repo>/spec/raft} (surefire sets plumbline.root; else two levels above the module). */
  private static Path raftSpecDir() {
    String root = System.getProperty("plumbline.root");
    Path base = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent().getParent();
    return base.resolve("spec").resolve("raft");
  }
}
