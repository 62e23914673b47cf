package io.plumbline.spec.check;

import java.util.List;

/** The terminal summary: one row per model, then a one-line total. */
public final class ResultsTable {
  private static final String ROW = "%-32s %-27s %12s %6s %9s%n";

  private ResultsTable() {}

  public static String render(List<ModelReport> reports) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(ROW, "MODEL", "VERDICT", "DISTINCT", "DEPTH", "SECONDS"));
    for (ModelReport r : reports) {
      out.append(String.format(ROW, r.entry().name(), r.verdict().label(),
          count(r.result().stats().distinct()), depth(r.result().stats().depth()),
          String.format("%.1f", r.seconds())));
    }
    long good = reports.stream().filter(r -> r.verdict().asExpected()).count();
    double total = reports.stream().mapToDouble(ModelReport::seconds).sum();
    out.append(String.format("%d of %d models gave their expected result (%.1f s)%n", good,
        reports.size(), total));
    return out.toString();
  }

  private static String count(long n) {
    return String.format("%,d", n);
  }

  private static String depth(long d) {
    return d < 0 ? "-" : Long.toString(d);
  }
}
