package io.plumbline.chaos.report;

import io.plumbline.chaos.nemesis.FaultKind;
import io.plumbline.chaos.nemesis.TimelineEntry;
import io.plumbline.chaos.workload.Workload;
import io.plumbline.checker.Failure;
import io.plumbline.history.History;
import io.plumbline.history.Operation;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Latency over time: one point per operation (by outcome) on a log axis in ms with ticks at
 * 1, 10, 100, 1000; each fault a band of its kind's colour with its own outline and a numbered
 * label ({@code #2 kill}, the row of the page's fault table), so back-to-back faults stay apart;
 * for an invalid run, the failing operation's concurrent window as a red band and the operation
 * itself as a red diamond with its description. Drawn once, written as SVG (inline in the page:
 * text stays text) and PNG.
 */
final class LatencyChart {
  static final Map<FaultKind, Color> FAULT_COLOURS = new EnumMap<>(Map.of(
      FaultKind.PARTITION, new Color(0x4c6ef5),
      FaultKind.KILL, new Color(0xae3ec9),
      FaultKind.PAUSE, new Color(0x1098ad),
      FaultKind.CLOCK, new Color(0xf59f00),
      FaultKind.CLIENTS, new Color(0x74b816)));
  static final Color FAILURE = new Color(0xe03131);
  private static final Color OK = new Color(0x2f9e44);
  private static final Color FAIL = new Color(0x868e96);
  private static final Color INFO = new Color(0x212529);
  private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  /** Latencies are clamped to this, so a 0 ms operation still has a place on a log axis. */
  private static final double FLOOR_MS = 0.1;

  private LatencyChart() {}

  /** The chart of {@code history}; {@code failures} are the failing operations the checkers named. */
  static JFreeChart chart(History history, List<TimelineEntry> timeline, List<Workload.Verdict> failures) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYSeries ok = new XYSeries("ok");
    XYSeries fail = new XYSeries("fail");
    XYSeries info = new XYSeries("info");
    XYSeries failing = new XYSeries("failing operation");
    for (Operation op : history.operations()) {
      if (op.completion() != null && op.invoke().timeNanos() != null && op.completion().timeNanos() != null) {
        (switch (op.completion().type()) {
          case OK -> ok;
          case FAIL -> fail;
          default -> info;
        }).add(seconds(op), latencyLog(op));
      }
    }
    data.addSeries(ok);
    data.addSeries(fail);
    data.addSeries(info);
    JFreeChart chart = ChartFactory.createScatterPlot(null, "time since start (s)", "latency (ms)", data,
        PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeAxis(latencyAxis());
    XYItemRenderer r = plot.getRenderer();
    Shape dot = new Ellipse2D.Double(-1.5, -1.5, 3, 3);
    Color[] colours = {OK, FAIL, INFO};
    for (int i = 0; i < colours.length; i++) {
      r.setSeriesPaint(i, colours[i]);
      r.setSeriesShape(i, dot);
    }
    Set<FaultKind> kinds = faultBands(plot, timeline);
    failures.stream().filter(v -> v.failure() != null)
        .forEach(v -> markFailure(plot, v.failure(), v.failureWhat(), failing));
    if (!failing.isEmpty()) {
      data.addSeries(failing);
      r.setSeriesPaint(3, FAILURE);
      r.setSeriesShape(3, new java.awt.Polygon(new int[] {0, 7, 0, -7}, new int[] {-7, 0, 7, 0}, 4));
    }
    // after the marker's series: a named op outside the clients' latencies (an instantaneous
    // observation, e.g. the pod watch's) must still be inside the frame
    decades(plot.getRangeAxis(), data);
    plot.setFixedLegendItems(legend(colours, kinds, !failing.isEmpty()));
    return chart;
  }

  /**
   * The latency axis: points are placed at log10(ms), one tick per decade, each labelled with its
   * value in ms (1, 10, 100, 1000), never {@code 10^2.4}. A {@link NumberAxis} over logarithms rather
   * than JFreeChart's {@code LogAxis}: the latter draws its labels as attributed strings, which the
   * SVG writer turns into glyph outlines instead of text.
   */
  static NumberAxis latencyAxis() {
    NumberAxis axis = new NumberAxis("latency (ms, log scale)");
    axis.setAutoRangeIncludesZero(false);
    axis.setTickUnit(new NumberTickUnit(1, new DecadeFormat()), false, true);
    return axis;
  }

  /**
   * Widens the axis to whole decades, at least two: latencies that all lie between 200 ms and 5 s
   * would otherwise get one tick (1000) and no scale to read them by.
   */
  private static void decades(org.jfree.chart.axis.ValueAxis axis, XYSeriesCollection data) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int s = 0; s < data.getSeriesCount(); s++) {
      if (data.getSeries(s).getItemCount() > 0) {
        lo = Math.min(lo, data.getSeries(s).getMinY());
        hi = Math.max(hi, data.getSeries(s).getMaxY());
      }
    }
    if (lo > hi) {
      return; // no operations: the default range
    }
    double from = Math.floor(lo);
    double to = Math.max(Math.ceil(hi), from + 2);
    axis.setRange(from - 0.05, to + 0.05); // a margin, so points on a decade stay inside the frame
  }

  /** Formats a logarithm as the value it stands for: 2 → {@code 100}, -1 → {@code 0.1}. */
  static final class DecadeFormat extends NumberFormat {
    private final DecimalFormat plain = new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));

    @Override
    public StringBuffer format(double log10, StringBuffer to, FieldPosition pos) {
      return to.append(plain.format(Math.pow(10, log10)));
    }

    @Override
    public StringBuffer format(long log10, StringBuffer to, FieldPosition pos) {
      return format((double) log10, to, pos);
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
      throw new UnsupportedOperationException("axis labels are only written");
    }
  }

  /** One band per fault, numbered as in the fault table; returns the kinds drawn. */
  private static Set<FaultKind> faultBands(XYPlot plot, List<TimelineEntry> timeline) {
    Set<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
    for (int i = 0; i < timeline.size(); i++) {
      TimelineEntry e = timeline.get(i);
      Color c = FAULT_COLOURS.get(e.kind());
      kinds.add(e.kind());
      double end = e.endNanos() < 0 ? e.startNanos() / 1e9 : e.endNanos() / 1e9;
      IntervalMarker m = new IntervalMarker(e.startNanos() / 1e9, end);
      m.setPaint(new Color(c.getRed(), c.getGreen(), c.getBlue(), e.tookEffect() ? 55 : 20));
      m.setOutlinePaint(c);
      m.setOutlineStroke(new BasicStroke(1.5f)); // two bands that touch keep a visible edge each
      m.setLabel(bandLabel(i, e));
      m.setLabelFont(LABEL_FONT);
      m.setLabelPaint(c.darker());
      m.setLabelBackgroundColor(new Color(255, 255, 255, 200));
      m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
      m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
      m.setLabelOffset(new RectangleInsets(3 + 13 * (i % 3), 3, 3, 3)); // staggered: short bands' labels do not overlap
      plot.addDomainMarker(m, Layer.BACKGROUND);
    }
    return kinds;
  }

  /** {@code #2 kill}: the fault table's row number and the kind ({@code (no effect)} when it did nothing). */
  static String bandLabel(int index, TimelineEntry e) {
    return "#" + (index + 1) + " " + e.kind().cliName() + (e.tookEffect() ? "" : " (no effect)");
  }

  /** The failing operation's window (invocations of it and its concurrent candidates, to its completion). */
  private static void markFailure(XYPlot plot, Failure f, String what, XYSeries failing) {
    Operation op = f.operation();
    if (op.invoke().timeNanos() == null || op.completion() == null || op.completion().timeNanos() == null) {
      return;
    }
    double from = op.invoke().timeNanos() / 1e9;
    for (Operation c : f.concurrent()) {
      if (c.invoke().timeNanos() != null) {
        from = Math.min(from, c.invoke().timeNanos() / 1e9);
      }
    }
    double to = op.completion().timeNanos() / 1e9;
    IntervalMarker window = new IntervalMarker(from, to);
    window.setPaint(new Color(0xe0, 0x31, 0x31, 40));
    window.setOutlinePaint(FAILURE);
    window.setOutlineStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {4f, 3f}, 0f));
    window.setLabel("failure window");
    window.setLabelFont(LABEL_FONT);
    window.setLabelPaint(FAILURE);
    window.setLabelBackgroundColor(new Color(255, 255, 255, 200));
    window.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
    window.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
    plot.addDomainMarker(window, Layer.BACKGROUND);
    double y = latencyLog(op);
    failing.add(seconds(op), y);
    XYPointerAnnotation a = new XYPointerAnnotation(what + ": " + op.describe(), seconds(op), y,
        -Math.PI / 4);
    a.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
    a.setPaint(FAILURE);
    a.setArrowPaint(FAILURE);
    a.setTextAnchor(TextAnchor.BOTTOM_LEFT);
    a.setBackgroundPaint(new Color(255, 255, 255, 210));
    plot.addAnnotation(a);
  }

  private static LegendItemCollection legend(Color[] outcomes, Set<FaultKind> kinds, boolean failing) {
    LegendItemCollection items = new LegendItemCollection();
    String[] names = {"ok", "fail", "info (indeterminate)"};
    Shape dot = new Ellipse2D.Double(-3, -3, 6, 6);
    for (int i = 0; i < names.length; i++) {
      items.add(new LegendItem(names[i], null, null, null, dot, outcomes[i]));
    }
    if (failing) {
      items.add(new LegendItem("failing operation / its window", null, null, null,
          new Rectangle2D.Double(-5, -5, 10, 10), FAILURE));
    }
    for (FaultKind k : kinds) {
      items.add(new LegendItem("fault: " + k.cliName(), null, null, null, new Rectangle2D.Double(-6, -5, 12, 10),
          FAULT_COLOURS.get(k)));
    }
    return items;
  }

  private static double seconds(Operation op) {
    return op.invoke().timeNanos() / 1e9;
  }

  /** Where an operation sits on the latency axis: log10 of its latency in ms. */
  private static double latencyLog(Operation op) {
    return Math.log10(Math.max(FLOOR_MS, (op.completion().timeNanos() - op.invoke().timeNanos()) / 1e6));
  }

  /** The chart as an {@code <svg>} element. */
  static String svg(JFreeChart chart, int width, int height) {
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    chart.draw(g, new Rectangle(0, 0, width, height));
    return g.getSVGElement();
  }

  static byte[] png(JFreeChart chart, int width, int height) {
    BufferedImage img = chart.createBufferedImage(width, height);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
