package dev.leibniz.examples.hipparchus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The fitted logistic curve over the data, as a PNG (drawn without a display: {@code -Djava.awt.headless=true}). */
public final class FitPlot {
  private FitPlot() {}

  /** Writes the plot into {@code file} (its folder created if missing). */
  public static void write(Path file, LogisticFit.Data data, double[] fitted) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    XYChart chart = new XYChartBuilder().width(800).height(500)
        .title("Logistic growth fitted by Levenberg-Marquardt, Jacobian from Leibniz").xAxisTitle("t").yAxisTitle("y")
        .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    XYSeries points = chart.addSeries("data", data.t(), data.y());
    points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    double[] t = new double[201];
    for (int i = 0; i < t.length; i++) {
      t[i] = data.t()[0] + (data.t()[data.t().length - 1] - data.t()[0]) * i / (t.length - 1);
    }
    addLine(chart, String.format("fit: K = %.3f, r = %.3f, t0 = %.3f", fitted[0], fitted[1], fitted[2]), t,
        Logistic.model(fitted, t));
    addLine(chart, "true curve", t, Logistic.model(LogisticFit.TRUE_PARAMETERS, t));
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static void addLine(XYChart chart, String name, double[] x, double[] y) {
    chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
  }
}
