package io.plumbline.chaos.report;

import io.plumbline.chaos.nemesis.TimelineEntry;
import io.plumbline.history.History;
import io.plumbline.history.Operation;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Latency over time (one point per operation, by outcome) with fault intervals shaded, as a PNG. */
final class LatencyChart {
  private LatencyChart() {}

  static byte[] png(History history, List<TimelineEntry> timeline, int width, int height) {
    XYSeries ok = new XYSeries("ok");
    XYSeries fail = new XYSeries("fail");
    XYSeries info = new XYSeries("info");
    for (Operation op : history.operations()) {
      if (op.completion() == null || op.invoke().timeNanos() == null) {
        continue;
      }
      double t = op.invoke().timeNanos() / 1e9;
      double ms = Math.max(0.01, (op.completion().timeNanos() - op.invoke().timeNanos()) / 1e6);
      (switch (op.completion().type()) {
        case OK -> ok;
        case FAIL -> fail;
        default -> info;
      }).add(t, ms);
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(ok);
    data.addSeries(fail);
    data.addSeries(info);
    JFreeChart chart = ChartFactory.createScatterPlot("Latency over time (shaded: faults)", "time (s)",
        "latency (ms)", data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeAxis(new LogAxis("latency (ms, log)"));
    plot.getRenderer().setSeriesPaint(0, new Color(0x2b8a3e));
    plot.getRenderer().setSeriesPaint(1, new Color(0xe67700));
    plot.getRenderer().setSeriesPaint(2, new Color(0xc92a2a));
    for (TimelineEntry e : timeline) {
      IntervalMarker m = new IntervalMarker(e.startNanos() / 1e9, e.endNanos() / 1e9);
      m.setPaint(new Color(0x74, 0x8f, 0xfc, 60));
      m.setLabel(e.kind().cliName());
      plot.addDomainMarker(m, Layer.BACKGROUND);
    }
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
