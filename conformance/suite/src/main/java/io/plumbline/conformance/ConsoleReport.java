package io.plumbline.conformance;

import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Prints each check as it finishes (status, evidence) and the summary table at the end. */
public final class ConsoleReport {
  /** Evidence lines printed for a passing check; failing ones print everything up to {@link #FAIL_LINES}. */
  static final int PASS_LINES = 3;
  static final int FAIL_LINES = 15;

  private final PrintStream out;

  public ConsoleReport(PrintStream out) {
    this.out = out;
  }

  /** One check, as soon as it finished. */
  public void checkFinished(CheckOutcome o) {
    Verdict v = o.verdict();
    out.printf("%-9s %-40s %6d ms  %s%n", v.status().word(), o.id(), o.elapsedMillis(), v.summary());
    if (v.reference() != null && v.status() != Status.PASS) {
      out.println("          reference: " + v.reference());
    }
    List<String> ev = v.evidence();
    int limit = v.status() == Status.PASS ? PASS_LINES : FAIL_LINES;
    for (int i = 0; i < Math.min(limit, ev.size()); i++) {
      out.println("          " + ev.get(i));
    }
    if (ev.size() > limit) {
      out.println("          … " + (ev.size() - limit) + " more lines in the report");
    }
    out.flush();
  }

  /** The table of groups and the final line. */
  public void summary(SuiteResult r) {
    Set<String> groups = new LinkedHashSet<>();
    r.outcomes().forEach(o -> groups.add(o.group()));
    out.println();
    out.printf("%-16s %6s %6s %6s %9s %7s%n", "group", "checks", "pass", "fail", "deviation", "unknown");
    for (String g : groups) {
      row(r, g, g);
    }
    row(r, null, "total");
    out.println();
    out.printf("conformance: %s — %d checks in %.1f s, run %s, seed %d%n", r.passed() ? "PASS" : "FAIL",
        r.outcomes().size(), r.elapsedMillis() / 1000.0, r.runId(), r.seed());
    if (r.reportDir() != null) {
      out.println("report: " + r.reportDir().resolve("index.html") + " (JUnit: " + r.reportDir().resolve("junit.xml") + ")");
    }
    out.flush();
  }

  private void row(SuiteResult r, String group, String label) {
    long total = r.outcomes().stream().filter(o -> group == null || o.group().equals(group)).count();
    out.printf("%-16s %6d %6d %6d %9d %7d%n", label, total, r.count(group, Status.PASS), r.count(group, Status.FAIL),
        r.count(group, Status.KNOWN_DEVIATION), r.count(group, Status.UNKNOWN));
  }
}
