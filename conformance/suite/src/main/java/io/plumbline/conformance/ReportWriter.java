package io.plumbline.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a run's report directory: {@code results.json} (everything, machine-readable), {@code
 * junit.xml} (one testsuite per group, so CI systems show each check) and {@code index.html}
 * (the summary table and every check with its evidence). Histories are written by the groups that
 * record them.
 */
public final class ReportWriter {
  private ReportWriter() {}

  public static void write(SuiteResult r) {
    try {
      Files.createDirectories(r.reportDir());
      Files.writeString(r.reportDir().resolve("results.json"), json(r), StandardCharsets.UTF_8);
      Files.writeString(r.reportDir().resolve("junit.xml"), junit(r), StandardCharsets.UTF_8);
      Files.writeString(r.reportDir().resolve("index.html"), html(r), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + r.reportDir(), e);
    }
  }

  static String json(SuiteResult r) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("run", r.runId());
    root.put("seed", r.seed());
    root.put("endpoints", r.endpoints());
    root.put("passed", r.passed());
    root.put("elapsed_ms", r.elapsedMillis());
    List<Map<String, Object>> checks = new ArrayList<>();
    for (CheckOutcome o : r.outcomes()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("group", o.group());
      c.put("check", o.check());
      c.put("description", o.description());
      c.put("status", o.verdict().status().name().toLowerCase(java.util.Locale.ROOT));
      c.put("summary", o.verdict().summary());
      c.put("reference", o.verdict().reference());
      c.put("elapsed_ms", o.elapsedMillis());
      c.put("evidence", o.verdict().evidence());
      checks.add(c);
    }
    root.put("checks", checks);
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
  }

  static String junit(SuiteResult r) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sb.append("<testsuites name=\"plumbline conformance ").append(xml(r.runId())).append("\" tests=\"")
        .append(r.outcomes().size()).append("\" failures=\"").append(r.count(null, Status.FAIL))
        .append("\" errors=\"").append(r.count(null, Status.UNKNOWN)).append("\">\n");
    for (String g : groups(r)) {
      List<CheckOutcome> in = r.outcomes().stream().filter(o -> o.group().equals(g)).toList();
      sb.append("  <testsuite name=\"").append(xml(g)).append("\" tests=\"").append(in.size())
          .append("\" failures=\"").append(r.count(g, Status.FAIL)).append("\" errors=\"")
          .append(r.count(g, Status.UNKNOWN)).append("\" skipped=\"0\">\n");
      for (CheckOutcome o : in) {
        sb.append("    <testcase classname=\"conformance.").append(xml(g)).append("\" name=\"").append(xml(o.check()))
            .append("\" time=\"").append(o.elapsedMillis() / 1000.0).append("\">\n");
        String body = xml(String.join("\n", o.verdict().evidence()));
        switch (o.verdict().status()) {
          case FAIL -> sb.append("      <failure message=\"").append(xml(o.verdict().summary())).append("\">")
              .append(body).append("</failure>\n");
          case UNKNOWN -> sb.append("      <error message=\"").append(xml(o.verdict().summary())).append("\">")
              .append(body).append("</error>\n");
          default -> { }
        }
        sb.append("      <system-out>").append(xml(o.verdict().status().word() + ": " + o.verdict().summary()
            + (o.verdict().reference() == null ? "" : "\nreference: " + o.verdict().reference()) + "\n"))
            .append(body).append("</system-out>\n    </testcase>\n");
      }
      sb.append("  </testsuite>\n");
    }
    return sb.append("</testsuites>\n").toString();
  }

  static String html(SuiteResult r) {
    StringBuilder sb = new StringBuilder("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>plumbline conformance ")
        .append(xml(r.runId())).append("</title><style>body{font-family:sans-serif;margin:2em}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}"
            + ".pass{background:#dfd}.FAIL{background:#fbb}.deviation{background:#ffd}.UNKNOWN{background:#fdb}"
            + "pre{background:#f6f6f6;padding:6px;white-space:pre-wrap}</style></head><body>\n");
    sb.append("<h1>plumbline conformance: ").append(r.passed() ? "PASS" : "FAIL").append("</h1>\n<p>run ")
        .append(xml(r.runId())).append(", seed ").append(r.seed()).append(", endpoints ")
        .append(xml(String.join(", ", r.endpoints()))).append(", ").append(r.elapsedMillis() / 1000.0).append(" s</p>\n");
    sb.append("<table><tr><th>group</th><th>check</th><th>status</th><th>ms</th><th>summary</th></tr>\n");
    for (CheckOutcome o : r.outcomes()) {
      String w = o.verdict().status().word();
      sb.append("<tr class=\"").append(w).append("\"><td>").append(xml(o.group())).append("</td><td><a href=\"#")
          .append(xml(o.id())).append("\">").append(xml(o.check())).append("</a></td><td>").append(w).append("</td><td>")
          .append(o.elapsedMillis()).append("</td><td>").append(xml(o.verdict().summary())).append("</td></tr>\n");
    }
    sb.append("</table>\n");
    for (CheckOutcome o : r.outcomes()) {
      sb.append("<h2 id=\"").append(xml(o.id())).append("\">").append(xml(o.id())).append(" — ")
          .append(o.verdict().status().word()).append("</h2>\n<p>").append(xml(o.description())).append("</p>\n");
      if (o.verdict().reference() != null) {
        sb.append("<p>reference: ").append(xml(o.verdict().reference())).append("</p>\n");
      }
      sb.append("<pre>").append(xml(String.join("\n", o.verdict().evidence()))).append("</pre>\n");
    }
    return sb.append("</body></html>\n").toString();
  }

  private static Set<String> groups(SuiteResult r) {
    Set<String> g = new LinkedHashSet<>();
    r.outcomes().forEach(o -> g.add(o.group()));
    return g;
  }

  static String xml(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        default -> sb.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
      }
    }
    return sb.toString();
  }
}
