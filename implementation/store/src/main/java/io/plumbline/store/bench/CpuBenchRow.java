package io.plumbline.store.bench;

import java.util.Locale;

/** A bench row plus the CPU the servers spent on it, in milliseconds per operation (NaN when not measured). */
public record CpuBenchRow(BenchRow row, double serverCpuMsPerOp) {
  public static String header() {
    return BenchRow.header() + String.format(" %11s", "cpu ms/op");
  }

  public String toJson() {
    String json = row.toJson();
    if (Double.isNaN(serverCpuMsPerOp)) {
      return json;
    }
    return json.substring(0, json.lastIndexOf('}'))
        + String.format(Locale.ROOT, ", \"serverCpuMsPerOp\": %.3f}", serverCpuMsPerOp);
  }

  @Override
  public String toString() {
    return row + (Double.isNaN(serverCpuMsPerOp) ? "" : String.format(" %11.3f", serverCpuMsPerOp));
  }
}
