package io.plumbline.spec.trace;

import io.plumbline.spec.tlc.TlcLauncher;
import io.plumbline.spec.tlc.TlcMessage;
import io.plumbline.spec.tlc.TlcRunResult;
import io.plumbline.spec.tlc.TraceState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Validates traces against {@code spec/raft/TraceEtcdRaft.tla} with TLC. Traces go into TLC runs
 * of at most {@link #MAX_EVENTS_PER_RUN} events together (SANY's parse and level check of the
 * generated module, not the state exploration, dominates beyond that: one 45,000-event module did
 * not get past level checking in 12 minutes on a loaded machine with a 2 GB heap). When TLC
 * reports a deadlock (an event no step explains), that trace is invalid and the rest of its batch
 * is checked again without it, so valid traces cost one run per batch.
 */
public final class TraceValidator {
  private static final String MODULE = "ValidateTraces";
  /** Events per TLC run; a single longer trace still gets a run of its own. */
  static final int MAX_EVENTS_PER_RUN = 8_000;
  private static final Pattern MISMATCH = Pattern.compile(
      "<<\"plumbline-mismatch\", (\\d+), (\\d+), (.*)>>");
  /** TraceEtcdRaft's ReportUnreleased: the event's message was never released by a Persist. */
  private static final Pattern UNRELEASED = Pattern.compile(
      "<<\"plumbline-unreleased\", (\\d+), (\\d+)>>");

  private final Path raftSpecDir;
  private final TlcLauncher tlc;
  private final Consumer<String> progress;

  /**
   * @param raftSpecDir the directory holding EtcdRaft.tla and TraceEtcdRaft.tla
   * @param tlc how to run TLC
   * @param progress receives one line per TLC run
   */
  public TraceValidator(Path raftSpecDir, TlcLauncher tlc, Consumer<String> progress) {
    this.raftSpecDir = raftSpecDir;
    this.tlc = tlc;
    this.progress = progress;
  }

  /** Validates every trace; the verdicts are in the order given. */
  public List<TraceVerdict> validate(List<TraceFile> traces) {
    Map<TraceFile, TraceVerdict> verdicts = new LinkedHashMap<>();
    Path work = scratch();
    try {
      for (List<TraceFile> batch : batches(traces)) {
        List<TraceFile> pending = new ArrayList<>(batch);
        while (!pending.isEmpty() && runOnce(work, pending, verdicts) != null) {
          // an invalid trace was found and removed: check the rest of the batch again
        }
      }
    } finally {
      deleteRecursively(work);
    }
    return traces.stream().map(verdicts::get).toList();
  }

  /** Consecutive groups of traces with at most MAX_EVENTS_PER_RUN events together. */
  static List<List<TraceFile>> batches(List<TraceFile> traces) {
    List<List<TraceFile>> batches = new ArrayList<>();
    List<TraceFile> current = new ArrayList<>();
    long events = 0;
    for (TraceFile f : traces) {
      if (!current.isEmpty() && events + f.events().size() > MAX_EVENTS_PER_RUN) {
        batches.add(current);
        current = new ArrayList<>();
        events = 0;
      }
      current.add(f);
      events += f.events().size();
    }
    if (!current.isEmpty()) {
      batches.add(current);
    }
    return batches;
  }

  /** One TLC run over {@code pending}; records verdicts, removes the invalid trace it found. */
  private TraceVerdict runOnce(Path work, List<TraceFile> pending, Map<TraceFile, TraceVerdict> out) {
    Path module = new TraceModule(MODULE, pending).writeTo(work);
    long events = pending.stream().mapToLong(f -> f.events().size()).sum();
    progress.accept(String.format("TLC: %d trace(s), %d events", pending.size(), events));
    Map<String, String> mismatches = new HashMap<>();
    TlcRunResult r = tlc.run(module, work.resolve(MODULE + ".cfg"), new TlcLauncher.Observer() { },
        message -> collectMismatch(message, mismatches));
    switch (r.outcome()) {
      case NO_ERROR -> {
        long expected = pending.stream().mapToLong(f -> 2L * f.events().size() + 1).sum();
        if (r.stats().distinct() != expected) {
          throw new IllegalStateException("TLC explored " + r.stats().distinct()
              + " distinct states, expected " + expected + " (2 per event + 1 per trace)");
        }
        pending.forEach(f -> out.put(f, new TraceVerdict(f.path(), f.events().size(), null)));
        pending.clear();
        return null;
      }
      case DEADLOCK -> {
        TraceState stuck = r.trace().get(r.trace().size() - 1);
        int t = Integer.parseInt(stuck.variables().get("t"));
        int l = Integer.parseInt(stuck.variables().get("l"));
        TraceFile f = pending.get(t - 1);
        TraceVerdict v = new TraceVerdict(f.path(), f.events().size(),
            Explanation.of(f, l, mismatches.get(t + "/" + l)));
        out.put(f, v);
        pending.remove(t - 1);
        return v;
      }
      default -> throw new IllegalStateException("TLC could not validate the traces: "
          + (r.errorText().isEmpty() ? r.outcome() + " " + r.violated() : r.errorText()));
    }
  }

  /** Keeps what ReportMismatch printed: the spec's state after a step that did not match. */
  private static void collectMismatch(TlcMessage message, Map<String, String> into) {
    Matcher u = UNRELEASED.matcher(message.text());
    while (u.find()) {
      into.put(u.group(1) + "/" + u.group(2), Explanation.UNRELEASED);
    }
    if (!message.text().contains("plumbline-mismatch")) {
      return;
    }
    Matcher m = MISMATCH.matcher(message.text());
    while (m.find()) {
      into.put(m.group(1) + "/" + m.group(2), m.group(3));
    }
  }

  /** A scratch directory holding copies of the specs the generated module extends. */
  private Path scratch() {
    try {
      Path dir = Files.createTempDirectory("plumbline-trace-");
      for (String spec : List.of("EtcdRaft.tla", "TraceEtcdRaft.tla")) {
        Files.copy(raftSpecDir.resolve(spec), dir.resolve(spec));
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the trace-validation directory", e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // Best effort: a leftover temporary directory is harmless.
    }
  }
}
