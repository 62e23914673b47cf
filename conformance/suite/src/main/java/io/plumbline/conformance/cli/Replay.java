package io.plumbline.conformance.cli;

import io.plumbline.conformance.SuiteOptions;
import io.plumbline.conformance.robustness.FuzzRequest;
import io.plumbline.conformance.robustness.Outcome;
import io.plumbline.conformance.robustness.ReplayFile;
import io.plumbline.conformance.robustness.Target;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code ./plumbline conformance --replay FILE --endpoints … [--differential …]}: sends one saved
 * robustness request and prints each side's answer. Exit code 0 when the target answered and (with
 * a differential) both sides agree, 1 otherwise.
 */
final class Replay {
  private Replay() {}

  static int run(Path file, SuiteOptions o, PrintStream out) {
    FuzzRequest r = ReplayFile.read(file);
    out.println("request: " + r.text());
    Duration window = Duration.ofMillis(300);
    try (Target target = new Target("target", o.endpoints(), o.tls(), o.callTimeout(), window)) {
      Outcome a = target.send(r);
      out.println("target " + String.join(",", o.endpoints()) + ": " + a.show() + " (" + a.elapsedMillis() + " ms)");
      if (a.hung() || a.unreachable()) {
        return 1;
      }
      if (o.differential().isEmpty()) {
        return 0;
      }
      try (Target other = new Target("differential", o.differential(), o.tls(), o.callTimeout(), window)) {
        Outcome b = other.send(r);
        out.println("differential " + String.join(",", o.differential()) + ": " + b.show() + " (" + b.elapsedMillis()
            + " ms)");
        boolean same = a.comparable().equals(b.comparable());
        out.println(same ? "same status and result" : "DIFFERENT");
        return same ? 0 : 1;
      }
    }
  }
}
