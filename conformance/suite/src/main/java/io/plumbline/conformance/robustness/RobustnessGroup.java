package io.plumbline.conformance.robustness;

import io.plumbline.conformance.Check;
import io.plumbline.conformance.CheckGroup;
import io.plumbline.conformance.Session;
import io.plumbline.conformance.SuiteOptions;
import io.plumbline.conformance.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The robustness group: fuzzes the target with valid, boundary and malformed requests of every
 * service (raw gRPC, so malformed-but-parseable requests and junk bytes get through), probes its
 * liveness after every batch and, with {@code --differential}, compares every answer with a second
 * implementation. Not run by default (it writes odd data and may take a member down): select it
 * with {@code --only robustness}.
 */
public final class RobustnessGroup {
  /** How long a stream (watch, keep-alive) is listened to before it is cancelled. */
  static final Duration STREAM_WINDOW = Duration.ofMillis(300);

  private RobustnessGroup() {}

  public static CheckGroup create() {
    return new CheckGroup("robustness", List.of(Check.of("fuzz",
        "no request (valid, boundary or malformed) hangs or crashes a member or costs the cluster its leader; "
            + "with --differential, every status code and result agrees with the second implementation",
        RobustnessGroup::fuzz)));
  }

  static Verdict fuzz(Session s) {
    SuiteOptions o = s.options();
    try (Target target = new Target("target", o.endpoints(), o.tls(), o.callTimeout(), STREAM_WINDOW);
        Target other = o.differential().isEmpty() ? null
            : new Target("differential", o.differential(), o.tls(), o.callTimeout(), STREAM_WINDOW)) {
      System.out.printf("  robustness: fuzzing %s for %d s%s (seed %d)%n", String.join(",", o.endpoints()),
          o.fuzzBudget().toSeconds(), other == null ? "" : ", differential " + String.join(",", o.differential()),
          o.seed());
      FuzzResult r = new Fuzzer(target, other, s.prefix() + "robustness/", new Random(o.seed()), o.fuzzBudget(),
          o.reportDir(), System.out).run();
      if (o.reportDir() != null) {
        FindingsFile.write(o.reportDir().resolve("robustness/findings.json"), r);
      }
      return verdict(r, other != null);
    }
  }

  /** FAIL with the findings; UNKNOWN when nothing was sent (a run that saw nothing proves nothing). */
  static Verdict verdict(FuzzResult r, boolean differential) {
    List<String> evidence = new ArrayList<>();
    evidence.add(String.format("%d requests in %d batches, %.1f s, %.1f requests/s%s", r.requests(), r.batches(),
        r.elapsedMillis() / 1000.0, r.requestsPerSecond(), differential ? ", differential" : ""));
    if (r.stopReason() != null) {
      evidence.add("stopped early: " + r.stopReason());
    }
    r.findings().forEach(f -> evidence.addAll(f.evidence()));
    if (r.requests() == 0 || r.batches() == 0) {
      return Verdict.unknown("nothing fuzzed: " + r.stopReason(), evidence);
    }
    if (r.findings().isEmpty()) {
      return Verdict.pass(r.requests() + " requests, no findings", evidence);
    }
    List<String> kinds = r.findings().stream().map(Finding::kind).distinct().toList();
    return Verdict.fail(r.findings().size() + " " + Finding.CATEGORY + "(s): " + String.join(", ", kinds)
        + "; first: " + r.findings().get(0).summary(), evidence);
  }
}
