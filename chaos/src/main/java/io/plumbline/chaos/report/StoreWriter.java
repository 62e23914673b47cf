package io.plumbline.chaos.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.plumbline.chaos.nemesis.TimelineEntry;
import io.plumbline.chaos.run.RunResult;
import io.plumbline.chaos.workload.Workload;
import io.plumbline.history.HistoryFormat;
import io.plumbline.history.HistoryWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jfree.chart.JFreeChart;

/**
 * Writes a run's store directory: {@code seed}, {@code options.json}, {@code history.jsonl},
 * {@code history.edn}, {@code nemesis.json}, {@code results.json} (verdicts, seed, plumbline version and commit),
 * {@code latency.png}, {@code index.html}, {@code failure.txt} (when invalid) and {@code logs/} (written by the cluster).
 */
public final class StoreWriter {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private StoreWriter() {}

  /** Writes everything for {@code r} into {@code dir}; {@code options} are the run's settings as given. */
  public static void write(Path dir, long seed, Map<String, Object> options, RunResult r) {
    write(dir, seed, options, r, Map.of());
  }

  /**
   * As {@link #write(Path, long, Map, RunResult)}, with {@code moreResults} (a workload's own
   * measurements, e.g. the control plane's takeovers) added to {@code results.json}.
   */
  public static void write(Path dir, long seed, Map<String, Object> options, RunResult r,
      Map<String, Object> moreResults) {
    BuildInfo build = BuildInfo.current();
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("seed"), seed + "\n");
      JSON.writeValue(dir.resolve("options.json").toFile(), options);
      HistoryWriter.write(r.history(), dir.resolve("history.jsonl"), HistoryFormat.JSONL);
      HistoryWriter.write(r.history(), dir.resolve("history.edn"), HistoryFormat.EDN);
      JSON.writeValue(dir.resolve("nemesis.json").toFile(), timeline(r.timeline()));
      Map<String, Object> results = results(seed, r, build);
      results.putAll(moreResults);
      JSON.writeValue(dir.resolve("results.json").toFile(), results);
      JFreeChart chart = LatencyChart.chart(r.history(), r.timeline(),
          r.verdicts());
      Files.write(dir.resolve("latency.png"), LatencyChart.png(chart, 1100, 440));
      String failures = failureReport(r.verdicts());
      if (!failures.isEmpty()) {
        Files.writeString(dir.resolve("failure.txt"), failures);
      }
      Files.writeString(dir.resolve("index.html"), HtmlPage.render(seed, options, r,
          LatencyChart.svg(chart, 1100, 440), build), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the store directory " + dir, e);
    }
  }

  private static List<Map<String, Object>> timeline(List<TimelineEntry> entries) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (TimelineEntry e : entries) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", e.kind().cliName());
      m.put("description", e.description());
      m.put("planned_start_s", e.plannedStartNanos() / 1e9);
      m.put("start_s", e.startNanos() / 1e9);
      m.put("planned_end_s", e.plannedEndNanos() / 1e9);
      m.put("held_s", e.heldNanos() / 1e9);
      m.put("end_s", e.endNanos() / 1e9);
      m.put("took_effect", e.tookEffect());
      if (!e.tookEffect()) {
        m.put("no_effect", e.noEffect());
      }
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> results(long seed, RunResult r, BuildInfo build) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("valid", r.validity().word());
    m.put("seed", seed);
    m.put("plumbline_version", build.version());
    m.put("commit", build.commit());
    m.put("elapsed_s", r.elapsedNanos() / 1e9);
    m.put("operations", r.history().operations().size());
    List<Map<String, Object>> checkers = new ArrayList<>();
    for (Workload.Verdict v : r.verdicts()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("checker", v.checker());
      c.put("valid", v.validity().word());
      c.put("summary", v.summary());
      if (v.failure() != null) {
        c.put("failing_operation", v.failure().operation().describe());
        c.put("failing_index", v.failure().operation().callIndex());
        c.put("failing_what", v.failureWhat());
        c.put("failing_member", HtmlPage.member(v.failure().operation()));
        c.put("failing_served_by", HtmlPage.servedBy(v.failure().operation()));
      }
      checkers.add(c);
    }
    m.put("checkers", checkers);
    return m;
  }

  static String failureReport(List<Workload.Verdict> verdicts) {
    StringBuilder sb = new StringBuilder();
    for (Workload.Verdict v : verdicts) {
      if (!v.details().isEmpty()) {
        sb.append("== ").append(v.checker()).append(": ").append(v.summary()).append('\n').append(v.details()).append('\n');
      }
    }
    return sb.toString();
  }
}
