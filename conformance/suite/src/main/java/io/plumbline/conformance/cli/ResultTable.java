package io.plumbline.conformance.cli;

import io.plumbline.checker.CheckResult;
import java.io.PrintWriter;
import java.util.List;

/** The terminal summary of {@code check-history}: one row per file, then a total. */
final class ResultTable {
  private final PrintWriter out;
  private final int width;
  private int files;
  private int valid;
  private int invalid;
  private int unknown;
  private int errors;
  private long operations;
  private long nanos;

  ResultTable(PrintWriter out, List<String> names) {
    this.out = out;
    this.width = Math.max(4, names.stream().mapToInt(String::length).max().orElse(4));
  }

  void header() {
    out.printf("%-" + width + "s  %-8s %6s %9s  %s%n", "file", "verdict", "ops", "ms", "model / reason");
  }

  /** A file's row: its verdict, or {@code error} and the input problem. */
  void row(FileVerdict v) {
    if (v.isError()) {
      files++;
      errors++;
      String file = v.file().toString();
      String problem = v.error().startsWith(file + ":") ? v.error().substring(file.length() + 1).strip() : v.error();
      problem = problem.replaceFirst("^(\\d+): ", "line $1: ");
      out.printf("%-" + width + "s  %-8s %6s %9s  %s%n", file, "error", "-", "-", problem);
      out.flush();
      return;
    }
    row(v.file().toString(), v.result(), v.empty() ? " (empty file: 0 operations)" : "");
  }

  private void row(String name, CheckResult r, String note) {
    files++;
    operations += r.operations();
    nanos += r.elapsedNanos();
    switch (r.validity()) {
      case TRUE -> valid++;
      case FALSE -> invalid++;
      case UNKNOWN -> unknown++;
    }
    out.printf("%-" + width + "s  %-8s %6d %9.1f  %s%s%n", name, r.validity().word(), r.operations(),
        r.elapsedNanos() / 1e6, r.model(), (r.reason() == null ? "" : ": " + r.reason()) + note);
    out.flush();
  }

  void total() {
    out.printf("total: %d files, %d valid, %d invalid, %d unknown%s; %d operations checked in %.1f ms%n",
        files, valid, invalid, unknown, errors == 0 ? "" : ", " + errors + " not checked (input errors)",
        operations, nanos / 1e6);
  }
}
