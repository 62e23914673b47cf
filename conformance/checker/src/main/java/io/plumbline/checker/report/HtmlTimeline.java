package io.plumbline.checker.report;

import io.plumbline.checker.CheckResult;
import io.plumbline.checker.Failure;
import io.plumbline.history.History;
import io.plumbline.history.Operation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A self-contained HTML page drawing the failing window of an invalid history: one lane per
 * process, one bar per operation from invocation to completion (history position on the x axis),
 * coloured by role: linearized prefix, concurrent candidates, and the operation that could not be
 * linearized. Below, why each candidate fails.
 */
public final class HtmlTimeline {
  /** Operations of the prefix shown before the failure point, for context. */
  private static final int PREFIX_CONTEXT = 12;

  private HtmlTimeline() {}

  public static String render(CheckResult r) {
    Failure f = r.failure();
    StringBuilder html = new StringBuilder(8192);
    html.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
        .append(esc(r.history().source())).append(" — ").append(r.validity().word()).append("</title><style>")
        .append(CSS).append("</style></head><body>");
    html.append("<h1>").append(esc(r.history().source())).append(": ").append(r.validity().word()).append("</h1>");
    html.append("<p>model <b>").append(esc(r.model())).append("</b>, ").append(r.operations())
        .append(" operations, ").append(r.partitions()).append(" partition(s). ")
        .append(esc(r.reason() == null ? "" : r.reason())).append("</p>");
    if (f != null) {
      html.append(window(r.history(), f, o -> ""));
    }
    return html.append("</body></html>\n").toString();
  }

  /**
   * The failing window and why, as an HTML fragment styled by {@link #CSS} (chaos reports embed it).
   * {@code laneNote} adds to each process's label what the caller knows about it, e.g. the member
   * its client talks to ({@code ""} for nothing); it is asked with the lane's first operation.
   */
  public static String window(History history, Failure f, Function<Operation, String> laneNote) {
    StringBuilder html = new StringBuilder(8192);
    timeline(html, history, f, laneNote);
    explanation(html, f);
    return html.toString();
  }

  /**
   * Only the lanes of the failing window (no linearizability explanation): for checkers that name a
   * bad operation without a linearization search (chaos's watch, lease, lock, txn, fencing checks).
   */
  public static String lanes(History history, Failure f, Function<Operation, String> laneNote) {
    StringBuilder html = new StringBuilder(8192);
    timeline(html, history, f, laneNote);
    return html.toString();
  }

  private static void timeline(StringBuilder html, History history, Failure f,
      Function<Operation, String> laneNote) {
    Set<Operation> shown = new LinkedHashSet<>();
    List<Operation> prefix = f.prefix();
    shown.addAll(prefix.subList(Math.max(0, prefix.size() - PREFIX_CONTEXT), prefix.size()));
    shown.addAll(f.concurrent());
    shown.add(f.operation());
    int end = history.size();
    int lo = Integer.MAX_VALUE;
    int hi = 0;
    for (Operation o : shown) {
      lo = Math.min(lo, o.callIndex());
      hi = Math.max(hi, Math.min(o.returnIndex(), end));
    }
    double span = Math.max(1, hi - lo + 1);
    Map<String, List<Operation>> lanes = new TreeMap<>((a, b) -> a.length() != b.length() ? a.length() - b.length() : a.compareTo(b));
    shown.forEach(o -> lanes.computeIfAbsent(o.process(), p -> new ArrayList<>()).add(o));
    html.append("<h2>Failing window: history positions ").append(lo).append("–").append(hi).append("</h2>");
    html.append("<div class=legend><span class='bar prefix'>linearized prefix</span> <span class='bar concurrent'>")
        .append("concurrent, not linearized</span> <span class='bar stuck'>could not be linearized</span> ")
        .append("<span class='bar open'>indeterminate (may take effect any time after its start)</span></div>");
    html.append("<div class=timeline>");
    Set<Operation> inPrefix = Set.copyOf(prefix);
    for (Map.Entry<String, List<Operation>> lane : lanes.entrySet()) {
      html.append("<div class=lane><div class=label>process ").append(esc(lane.getKey()))
          .append(esc(laneNote.apply(lane.getValue().get(0)))).append("</div><div class=track>");
      for (Operation o : lane.getValue()) {
        String role = o == f.operation() ? "stuck" : inPrefix.contains(o) ? "prefix" : "concurrent";
        String open = o.isDefinite() ? "" : " open";
        double left = 100 * (o.callIndex() - lo) / span;
        double width = Math.max(0.8, 100 * (Math.min(o.returnIndex(), end) - o.callIndex() + 1) / span);
        html.append(String.format(java.util.Locale.ROOT,
            "<div class='bar %s%s' style='left:%.2f%%;width:%.2f%%' title='%s'>%s</div>", role, open, left,
            Math.min(width, 100 - left), esc(o.describe() + " [positions " + o.callIndex() + "–"
                + (o.completion() == null ? "never completed" : o.completion().index()) + "]" + times(o)),
            esc(o.describe())));
      }
      html.append("</div></div>");
    }
    html.append("</div>");
  }

  private static void explanation(StringBuilder html, Failure f) {
    html.append("<h2>Why</h2><p>After the longest linearizable prefix (").append(f.prefix().size())
        .append(" operations")
        .append(f.prefix().isEmpty() ? "" : ", last " + esc(f.prefix().get(f.prefix().size() - 1).describe()))
        .append(") the state is <code>").append(esc(f.stateAfterPrefix())).append("</code>. ")
        .append("<b>").append(esc(f.operation().describe())).append("</b> completed, but no order of the operations ")
        .append("concurrent with it lets it take effect:</p><ul>");
    for (String a : f.attempts()) {
      html.append("<li>").append(esc(a)).append("</li>");
    }
    html.append("</ul>");
  }

  /** {@code " 21.593–21.640 s"} when the events carry times, else nothing. */
  private static String times(Operation o) {
    Long t0 = o.invoke().timeNanos();
    if (t0 == null) {
      return "";
    }
    Long t1 = o.completion() == null ? null : o.completion().timeNanos();
    return String.format(java.util.Locale.ROOT, " %.3f–%s s", t0 / 1e9,
        t1 == null ? "?" : String.format(java.util.Locale.ROOT, "%.3f", t1 / 1e9));
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace("\"", "&quot;");
  }

  /** The styles {@link #window} expects. */
  public static final String CSS = """
      body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}
      h1{font-size:20px} h2{font-size:16px;margin-top:24px}
      .timeline{border:1px solid #ccc;padding:8px;overflow-x:auto}
      .lane{display:flex;align-items:center;height:30px;border-bottom:1px dotted #eee}
      .label{width:150px;flex:none;font-size:12px;color:#555}
      .track{position:relative;flex:1;height:24px;min-width:900px}
      .bar{position:absolute;top:2px;height:20px;border-radius:3px;font-size:11px;line-height:20px;
           padding:0 4px;overflow:hidden;white-space:nowrap;box-sizing:border-box;color:#111}
      .legend .bar{position:static;display:inline-block;margin-right:8px}
      .prefix{background:#b7e4c7;border:1px solid #52b788}
      .concurrent{background:#ffe5a8;border:1px solid #e0a800}
      .stuck{background:#f4a6a6;border:2px solid #c00}
      .open{background-image:repeating-linear-gradient(45deg,transparent,transparent 5px,rgba(0,0,0,.08) 5px,rgba(0,0,0,.08) 10px)}
      code{background:#f4f4f4;padding:1px 4px}
      """;
}
