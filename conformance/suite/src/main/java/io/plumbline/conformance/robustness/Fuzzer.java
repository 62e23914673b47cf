package io.plumbline.conformance.robustness;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.KVGrpc;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The fuzzing loop: batches of generated requests to the target (and, in differential mode, the
 * same requests in the same order to a second implementation), a leadership probe every few requests
 * ({@link LeaderWatch}: a member without leader, or a higher Raft term, is a lost leader even when a new
 * leader is in place by the batch's end), a liveness probe after every batch,
 * findings recorded, shrunk (divergences) and saved as replay files. Stops at the time budget, or
 * early when the target stops answering (everything after that would be noise).
 */
public final class Fuzzer {
  /** Requests per batch: small enough that a lost leader is tied to a few requests. */
  static final int BATCH_SIZE = 25;
  /** Within a batch, the members' leadership is probed after this many requests (Status only, no write). */
  static final int PROBE_EVERY = 5;
  /** Shrink attempts per divergence (each sends the candidate to both sides). */
  static final int SHRINK_ATTEMPTS = 80;

  private final Target target;
  private final Target other;
  private final String prefix;
  private final Random random;
  private final Duration budget;
  private final Path reportDir;
  private final String reproduceEndpoints;
  private final PrintStream progress;
  private final List<Finding> findings = new ArrayList<>();
  private final Set<String> seenSignatures = new HashSet<>();
  /** False once the differential implementation stopped answering: comparing with it would be noise. */
  private boolean otherAnswers = true;

  /**
   * @param target the implementation under test
   * @param other the differential implementation, or null
   * @param prefix the run's key prefix (every key the fuzzer writes lies under it)
   * @param random the seeded source of every request
   * @param budget how long to fuzz
   * @param reportDir where replay files go (under {@code robustness/}), or null
   * @param progress where progress lines go
   */
  public Fuzzer(Target target, Target other, String prefix, Random random, Duration budget, Path reportDir,
      PrintStream progress) {
    this.target = target;
    this.other = other;
    this.prefix = prefix;
    this.random = random;
    this.budget = budget;
    this.reportDir = reportDir;
    this.reproduceEndpoints = String.join(",", target.endpoints())
        + (other == null ? "" : " --differential " + String.join(",", other.endpoints()));
    this.progress = progress;
  }

  public FuzzResult run() {
    long t0 = System.nanoTime();
    long deadline = t0 + budget.toNanos();
    long sent = 0;
    int batch = 0;
    String stop = null;
    Liveness.Report before = Liveness.probe(target, prefix + "probe", "start");
    for (int i = 0; i < 4 && !before.live(); i++) { // first connections may be slow: no finding before fuzzing
      before = Liveness.probe(target, prefix + "probe", "start");
    }
    if (!before.live()) {
      return new FuzzResult(List.of(), 0, 0, 0, "target not live before fuzzing: " + before.problems());
    }
    while (System.nanoTime() < deadline && stop == null) {
      Generator gen = new Generator(random, prefix + "b" + batch + "/");
      FuzzRequest slowest = null;
      long slowestMs = -1;
      LeaderWatch watch = new LeaderWatch(before.term());
      for (int i = 0; i < BATCH_SIZE && stop == null; i++) {
        FuzzRequest r = gen.next();
        Outcome out = target.send(r);
        sent++;
        if (out.elapsedMillis() > slowestMs) {
          slowest = r;
          slowestMs = out.elapsedMillis();
        }
        watch.sent(r, out.elapsedMillis());
        stop = judge(r, out, deadline);
        if (stop == null && (i + 1) % PROBE_EVERY == 0) {
          watch.probe(Liveness.leadership(target), "requests " + (i + 2 - PROBE_EVERY) + ".." + (i + 1)
              + " of batch " + batch).ifPresent(this::record);
        }
      }
      byte[] junk = Http2Junk.bytes(random);
      boolean junkSent = stop == null; // after a hang or crash, junk would only blur the finding
      if (junkSent) {
        Http2Junk.send(target.endpoints().get(0), junk, (int) target.callTimeout().toMillis());
      }
      Liveness.Report after = Liveness.probe(target, prefix + "probe", "b" + batch);
      if (!after.live() && junkSent) {
        progress.println("  robustness: the batch ended with raw HTTP/2 junk: " + Methods.hex(
            com.google.protobuf.ByteString.copyFrom(junk), 256));
      }
      if (stop == null) {
        stop = judgeLiveness(before, after, slowest, slowestMs, watch.reported());
      }
      if (stop == null && after.live() && before.leader() == after.leader()) {
        watch.probe(after, "the end of batch " + batch).ifPresent(this::record);
      }
      before = after;
      batch++;
      long ms = (System.nanoTime() - t0) / 1_000_000;
      progress.printf("  robustness: batch %d, %d requests (%.1f/s), %d findings, %.0f s of %d s%n", batch, sent,
          sent * 1000.0 / Math.max(1, ms), findings.size(), ms / 1000.0, budget.toSeconds());
    }
    cleanUp(target);
    if (other != null && otherAnswers) {
      cleanUp(other);
    }
    return new FuzzResult(findings, sent, batch, (System.nanoTime() - t0) / 1_000_000, stop);
  }

  /** Records what one answer shows; returns a reason to stop when the target stopped answering. */
  private String judge(FuzzRequest r, Outcome out, long deadline) {
    if (out.hung()) {
      record(new Finding("hang", "no answer within " + target.callTimeout().toMillis() + " ms to a "
          + r.sizeBytes() + "-byte " + r.family() + " request", r, out.show(), null, null, null));
      return "the target hung";
    }
    if (out.unreachable()) {
      record(new Finding("crash", "the member stopped answering (" + out.code() + ") on a " + r.family() + " request",
          r, out.show(), null, null, null));
      return "the target became unreachable";
    }
    if (other != null && otherAnswers) {
      Outcome o = other.send(r);
      if (o.hung() || o.unreachable()) {
        otherAnswers = false;
        record(new Finding("differential-" + (o.hung() ? "hang" : "crash"), "the differential implementation "
            + String.join(",", other.endpoints()) + " stopped answering (" + o.code() + "); no more comparisons",
            r, out.show(), o.show(), null, null));
        return null;
      }
      if (!o.comparable().equals(out.comparable()) && !o.hung() && !o.unreachable()) {
        String sig = r.method() + " " + out.code() + "/" + o.code() + (out.code() == io.grpc.Status.Code.OK ? " result" : "");
        if (seenSignatures.add(sig)) {
          divergence(r, sig, deadline);
        }
      }
    }
    return null;
  }

  /**
   * Shrinks a divergence and records it when the shrunk request still differs when sent once more
   * (a difference that comes and goes, e.g. stream timing, is not reported).
   */
  private void divergence(FuzzRequest r, String sig, long deadline) {
    FuzzRequest small = Shrinker.shrink(r, c -> System.nanoTime() < deadline && differs(c), SHRINK_ATTEMPTS);
    Outcome a = target.send(small);
    Outcome b = other.send(small);
    if (a.comparable().equals(b.comparable()) || !differs(small)) {
      progress.println("  robustness: not reported, did not reproduce: " + sig);
      return;
    }
    record(new Finding("divergence", sig + " (" + small.sizeBytes() + " bytes after shrinking "
        + r.sizeBytes() + ")", small, a.show(), b.show(), null, null));
  }

  private boolean differs(FuzzRequest c) {
    Outcome a = target.send(c);
    Outcome b = other.send(c);
    return !a.hung() && !b.hung() && !a.unreachable() && !b.unreachable() && !a.comparable().equals(b.comparable());
  }

  /** The probe after a batch; a leader change already reported by the batch's {@link LeaderWatch} is not again. */
  private String judgeLiveness(Liveness.Report before, Liveness.Report after, FuzzRequest slowest, long slowestMs,
      boolean leaderLossReported) {
    String suspect = slowest == null ? null : "slowest request of the batch took " + slowestMs + " ms";
    if (!after.live()) {
      boolean gone = after.problems().stream().anyMatch(p -> p.contains("UNAVAILABLE"));
      boolean hung = after.problems().stream().anyMatch(p -> p.contains("DEADLINE_EXCEEDED"));
      record(new Finding(gone ? "crash" : hung ? "hang" : "lost-leader", "liveness probe after the batch: "
          + String.join("; ", after.problems()), slowest, suspect, null, null, null));
      return "the target failed its liveness probe";
    }
    if (before.leader() != after.leader() && !leaderLossReported) {
      record(new Finding("lost-leader", "leader changed from " + Long.toHexString(before.leader()) + " to "
          + Long.toHexString(after.leader()) + " during a batch of requests", slowest, suspect, null, null, null));
    }
    return null;
  }

  /** Saves the finding's request as a replay file (when there is a report directory) and keeps it. */
  private void record(Finding f) {
    int n = findings.size() + 1;
    String file = null;
    String cmd = null;
    if (f.request() != null) {
      file = "robustness/finding-" + n + "-" + f.kind() + ".json";
      cmd = "./plumbline conformance --replay " + (reportDir == null ? file : reportDir.resolve(file))
          + " --endpoints " + reproduceEndpoints;
      if (reportDir != null) {
        ReplayFile.write(reportDir.resolve(file), new Finding(f.kind(), f.summary(), f.request(), f.target(), f.other(),
            file, cmd));
      } else {
        file = null;
      }
    }
    Finding kept = new Finding(f.kind(), f.summary(), f.request(), f.target(), f.other(), file, cmd);
    findings.add(kept);
    progress.println("  robustness: " + Finding.CATEGORY + " [" + kept.kind() + "] " + kept.summary());
  }

  /** Deletes the run's keys (a bounded range: the prefix only). Failures are reported, not thrown. */
  private void cleanUp(Target t) {
    try {
      ByteString from = ByteString.copyFromUtf8(prefix);
      ByteString to = ByteString.copyFromUtf8(prefix.substring(0, prefix.length() - 1)
          + (char) (prefix.charAt(prefix.length() - 1) + 1));
      t.call(0, KVGrpc.getDeleteRangeMethod(), DeleteRangeRequest.newBuilder().setKey(from).setRangeEnd(to).build());
    } catch (RuntimeException e) {
      progress.println("  robustness: could not delete the run's keys on " + t.name() + ": " + e.getMessage());
    }
  }
}
