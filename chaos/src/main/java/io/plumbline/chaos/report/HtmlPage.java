package io.plumbline.chaos.report;

import io.plumbline.chaos.nemesis.TimelineEntry;
import io.plumbline.chaos.run.RunResult;
import io.plumbline.chaos.workload.Workload;
import java.util.Base64;
import java.util.Map;

/** The run's {@code index.html}: verdicts, options, fault timeline, the latency plot, failure windows. */
final class HtmlPage {
  private HtmlPage() {}

  static String render(long seed, Map<String, Object> options, RunResult r, byte[] png) {
    StringBuilder h = new StringBuilder();
    h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>plumbline chaos ").append(seed)
        .append("</title><style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 8px;text-align:left}"
            + ".valid{color:#2b8a3e}.invalid{color:#c92a2a}.unknown{color:#e67700}pre{background:#f4f4f4;padding:1em}"
            + "</style></head><body>");
    h.append("<h1>chaos run: <span class=\"").append(r.validity().word()).append("\">").append(r.validity().word())
        .append("</span></h1>");
    h.append("<p>seed ").append(seed).append(" · ").append(r.history().operations().size()).append(" operations · ")
        .append(String.format("%.1f s", r.elapsedNanos() / 1e9)).append("</p>");
    h.append("<h2>Checkers</h2><table><tr><th>checker</th><th>verdict</th><th>summary</th></tr>");
    for (Workload.Verdict v : r.verdicts()) {
      h.append("<tr><td>").append(esc(v.checker())).append("</td><td class=\"").append(v.validity().word()).append("\">")
          .append(v.validity().word()).append("</td><td>").append(esc(v.summary())).append("</td></tr>");
    }
    h.append("</table><h2>Latency</h2><img alt=\"latency over time\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png)).append("\">");
    h.append("<h2>Faults</h2><table><tr><th>from (s)</th><th>to (s)</th><th>fault</th></tr>");
    for (TimelineEntry e : r.timeline()) {
      h.append(String.format("<tr><td>%.1f</td><td>%.1f</td><td>%s</td></tr>", e.startNanos() / 1e9,
          e.endNanos() / 1e9, esc(e.description())));
    }
    h.append("</table>");
    String failures = StoreWriter.failureReport(r.verdicts());
    if (!failures.isEmpty()) {
      h.append("<h2>Failure</h2><pre>").append(esc(failures)).append("</pre>");
    }
    h.append("<h2>Options</h2><table>");
    options.forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td>").append(esc(String.valueOf(v)))
        .append("</td></tr>"));
    h.append("</table><p>Files: history.jsonl, history.edn, nemesis.json, results.json, logs/</p></body></html>\n");
    return h.toString();
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
