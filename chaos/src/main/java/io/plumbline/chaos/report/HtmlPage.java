package io.plumbline.chaos.report;

import io.plumbline.chaos.nemesis.TimelineEntry;
import io.plumbline.chaos.run.RunResult;
import io.plumbline.chaos.workload.Workload;
import io.plumbline.checker.Failure;
import io.plumbline.checker.report.HtmlTimeline;
import io.plumbline.history.History;
import io.plumbline.history.Operation;
import java.awt.Color;
import java.util.Locale;
import java.util.Map;

/**
 * The run's {@code index.html}: verdicts, build, the latency plot (inline SVG), the fault table
 * (numbered as the plot's bands), for each failing operation its window per process (the one
 * failure-window renderer, {@link HtmlTimeline}) with the member each process talked to, the
 * failure text and the options.
 */
final class HtmlPage {
  /** What the member column means: only the endpoint is known, not the responding member's id. */
  static final String MEMBER_NOTE = "Member: the one member each process's client talks to, as recorded "
      + "with every event. Each worker thread is bound to one member (worker w → member w mod n; a process renumbered "
      + "after an indeterminate result stays on its worker's member); its clients have that single endpoint and make "
      + "one attempt per call — no retries, no load balancing — so that member (through its client proxy, when the "
      + "runtime has one) answered or refused every request of the process. Served by: the server the answer named "
      + "itself, when it did (an API server's Plumbline-Served-By header, which tells the API servers behind HAProxy "
      + "apart); the member id in etcd's response header is not recorded.";

  private HtmlPage() {}

  static String render(long seed, Map<String, Object> options, RunResult r, String svg, BuildInfo build) {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>plumbline chaos ").append(seed)
        .append("</title><style>").append(HtmlTimeline.CSS).append(CSS).append("</style></head><body>");
    h.append("<h1>chaos run: <span class=\"").append(r.validity().word()).append("\">").append(r.validity().word())
        .append("</span></h1>");
    h.append("<p>seed ").append(seed).append(" · ").append(r.history().operations().size()).append(" operations · ")
        .append(String.format(Locale.ROOT, "%.1f s", r.elapsedNanos() / 1e9)).append(" · plumbline <b>")
        .append(esc(build.version())).append("</b>, commit <code class=commit>").append(esc(build.commit()))
        .append("</code></p>");
    h.append("<h2>Checkers</h2><table><tr><th>checker</th><th>verdict</th><th>summary</th></tr>");
    for (Workload.Verdict v : r.verdicts()) {
      h.append("<tr><td>").append(esc(v.checker())).append("</td><td class=\"").append(v.validity().word()).append("\">")
          .append(v.validity().word()).append("</td><td>").append(esc(v.summary())).append("</td></tr>");
    }
    h.append("</table><h2>Latency</h2><p class=note>Every operation at the time it was invoked; its latency in ms on a "
        + "log scale. Bands are faults, coloured by kind and numbered as in the fault table"
        + (r.verdicts().stream().anyMatch(v -> v.failure() != null)
            ? "; the red diamond is the operation a checker named (labelled with what is wrong), the dashed red band its window "
                + "(from the first concurrent invocation to its completion)" : "")
        + ". Also in latency.png.</p><div class=plot>").append(svg).append("</div>");
    faults(h, r);
    for (Workload.Verdict v : r.verdicts()) {
      if (v.failure() != null) {
        failure(h, r.history(), v);
      }
    }
    String failures = StoreWriter.failureReport(r.verdicts());
    if (!failures.isEmpty()) {
      h.append("<h2>failure.txt</h2><pre>").append(esc(failures)).append("</pre>");
    }
    h.append("<h2>Options</h2><table>");
    options.forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td>").append(esc(String.valueOf(v)))
        .append("</td></tr>"));
    h.append("</table><p>Files: history.jsonl, history.edn, nemesis.json, results.json, latency.png, logs/</p>"
        + "</body></html>\n");
    return h.toString();
  }

  /** The fault table: number and colour as on the plot, planned beside applied times, and any lack of effect. */
  private static void faults(StringBuilder h, RunResult r) {
    h.append("<h2>Faults</h2><table><tr><th>#</th><th>kind</th><th>planned (s)</th><th>applied (s)</th>"
        + "<th>fault</th></tr>");
    for (int i = 0; i < r.timeline().size(); i++) {
      TimelineEntry e = r.timeline().get(i);
      Color c = LatencyChart.FAULT_COLOURS.get(e.kind());
      h.append(String.format(Locale.ROOT, "<tr><td>#%d</td><td><span class=swatch style='background:#%06x'></span>%s"
              + "</td><td>%.1f–%.1f%s</td><td>%.1f–%s</td><td>%s%s</td></tr>", i + 1, c.getRGB() & 0xffffff,
          e.kind().cliName(), e.plannedStartNanos() / 1e9, e.plannedEndNanos() / 1e9,
          e.heldNanos() == 0 ? "" : String.format(Locale.ROOT, " (held %.1f s by the previous heal)", e.heldNanos() / 1e9),
          e.startNanos() / 1e9,
          e.endNanos() < 0 ? "?" : String.format(Locale.ROOT, "%.1f", e.endNanos() / 1e9), esc(e.description()),
          e.tookEffect() ? "" : " <b class=unknown>no effect: " + esc(e.noEffect()) + "</b>"));
    }
    h.append("</table>");
  }

  /** One checker's failing operation: the per-process window, then who served what. */
  private static void failure(StringBuilder h, History history, Workload.Verdict v) {
    Failure f = v.failure();
    boolean linearizability = "cannot linearize".equals(v.failureWhat());
    h.append("<h2 class=failure>Failure: ").append(esc(v.checker())).append(" — ").append(esc(v.failureWhat()))
        .append(" <code>")
        .append(esc(f.operation().describe())).append("</code>")
        .append(f.partition() == null ? "" : " (key " + esc(f.partition()) + ")").append("</h2>");
    h.append(linearizability ? HtmlTimeline.window(history, f, HtmlPage::whoLabel)
        : HtmlTimeline.lanes(history, f, HtmlPage::whoLabel)
            + "<p>" + esc(f.stateAfterPrefix()) + "</p>");
    h.append("<h3>Members in the failure window</h3><p class=note>").append(esc(MEMBER_NOTE))
        .append("</p><table class=members><tr><th>process</th><th>member</th><th>served by</th><th>operation</th>"
            + "<th>invoked (s)</th>"
            + "<th>completed (s)</th></tr>");
    row(h, f.operation(), v.failureWhat());
    for (Operation o : f.concurrent()) {
      if (o != f.operation()) {
        row(h, o, null);
      }
    }
    int from = Math.max(0, f.prefix().size() - 5);
    for (Operation o : f.prefix().subList(from, f.prefix().size())) {
      row(h, o, null);
    }
    h.append("</table>");
  }

  private static void row(StringBuilder h, Operation o, String failingWhat) {
    boolean failing = failingWhat != null;
    Long t0 = o.invoke().timeNanos();
    Long t1 = o.completion() == null ? null : o.completion().timeNanos();
    h.append(failing ? "<tr class=failing>" : "<tr>").append("<td>").append(esc(o.process())).append("</td><td>")
        .append(esc(member(o).isEmpty() ? "not recorded" : member(o))).append("</td><td>")
        .append(esc(servedBy(o).isEmpty() ? "not recorded" : servedBy(o))).append("</td><td>")
        .append(esc(o.describe())).append(failing ? " <b>(" + esc(failingWhat) + ")</b>" : "").append("</td><td>")
        .append(t0 == null ? "" : String.format(Locale.ROOT, "%.3f", t0 / 1e9)).append("</td><td>")
        .append(t1 == null ? "never" : String.format(Locale.ROOT, "%.3f", t1 / 1e9)).append("</td></tr>");
  }

  /** The member the history records for an operation's invocation ({@code ""} when none). */
  static String member(Operation o) {
    Object m = o.invoke().extra().get("member");
    return m == null ? "" : m.toString();
  }

  /** The server the completion says answered ({@code ""} when the answer did not say, or none came). */
  static String servedBy(Operation o) {
    Object s = o.completion() == null ? null : o.completion().extra().get("served_by");
    return s == null ? "" : s.toString();
  }

  /** The timeline's label: {@code · member}, and {@code → server} when the answer named one. */
  private static String whoLabel(Operation o) {
    String m = member(o).isEmpty() ? "" : " · " + member(o);
    return servedBy(o).isEmpty() ? m : m + " → " + servedBy(o);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static final String CSS = """
      td,th{padding:2px 8px;text-align:left;vertical-align:top}
      .valid{color:#2b8a3e}.invalid{color:#c92a2a}.unknown{color:#e67700}
      pre{background:#f4f4f4;padding:1em;overflow-x:auto} .note{color:#555;max-width:70em}
      .plot svg{max-width:100%;height:auto;border:1px solid #ddd}
      .swatch{display:inline-block;width:12px;height:12px;margin-right:6px;vertical-align:middle;opacity:.8}
      h2.failure{color:#c92a2a} tr.failing td{background:#ffe3e3}
      """;
}
