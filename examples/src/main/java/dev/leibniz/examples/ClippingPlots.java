package dev.leibniz.examples;

import dev.leibniz.examples.seed.Clipping;
import dev.leibniz.examples.seed.ClippingDerivatives;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The gradient-clipping example's two plots (cells [23] and [24]): {@code sin(t)} with
 * {@code vmap(grad(sin))(t)}, and {@code clip_sin(t)} with {@code vmap(grad(clip_sin))(t)}, as PNG
 * files. Drawn without a display (run with {@code -Djava.awt.headless=true}).
 */
public final class ClippingPlots {
  private ClippingPlots() {}

  /** Writes both plots over {@code t} into {@code dir} (created if missing); returns the files. */
  public static List<Path> write(Path dir, double[] t) throws IOException {
    Files.createDirectories(dir);
    Path sin = dir.resolve("clip-sin.png");
    Path clipSin = dir.resolve("clip-clip-sin.png");
    save(chart("sin(t) and its gradient", t, "sin(t)", Clipping::sin, "vmap(grad(sin))(t)",
        ClippingDerivatives::sinGrad), sin);
    save(chart("clip_sin(t): gradient clipped to [-0.75, 0.75]", t, "clip_sin(t)", Clipping::clipSin,
        "vmap(grad(clip_sin))(t)", ClippingDerivatives::clipSinGrad), clipSin);
    return List.of(sin, clipSin);
  }

  private static XYChart chart(String title, double[] t, String valueName, DoubleUnaryOperator value,
      String gradName, DoubleUnaryOperator grad) {
    XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("t").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    // XChart puts the ticks of equally spaced data on data points (multiples of 10/999 here): two
    // decimals keep their labels short and true
    chart.getStyler().setXAxisDecimalPattern("0.00");
    addLine(chart, valueName, t, map(value, t));
    addLine(chart, gradName, t, map(grad, t));
    return chart;
  }

  private static void addLine(XYChart chart, String name, double[] x, double[] y) {
    XYSeries series = chart.addSeries(name, x, y);
    series.setMarker(SeriesMarkers.NONE);
  }

  private static double[] map(DoubleUnaryOperator f, double[] t) {
    double[] out = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      out[i] = f.applyAsDouble(t[i]);
    }
    return out;
  }

  private static void save(XYChart chart, Path file) throws IOException {
    try (var out = Files.newOutputStream(file)) {
      BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }
  }
}
