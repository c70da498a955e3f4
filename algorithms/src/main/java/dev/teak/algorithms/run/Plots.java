package dev.teak.algorithms.run;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG charts in a run folder, drawn with XChart (pure Java2D, headless): line charts of
 * curves (several series per chart, optionally read straight from {@code metrics.jsonl}),
 * grouped bars, and "estimate against truth" scatter plots with error bars and the y = x line.
 * Each file is replaced atomically, so a crash never leaves half an image.
 */
public final class Plots {
    static {
        // Java2D must not look for a display; set before any AWT class loads.
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    /** Default image size in pixels. */
    public static final int WIDTH = 800, HEIGHT = 500;

    /** One curve or point set; {@code err} (half-widths of error bars) may be null. */
    public record Series(String name, double[] x, double[] y, double[] err) {
        public Series {
            if (x.length != y.length || (err != null && err.length != y.length)) {
                throw new IllegalArgumentException("series '" + name + "': x has " + x.length + " values, y " + y.length
                        + (err == null ? "" : ", err " + err.length));
            }
        }

        public Series(String name, double[] x, double[] y) { this(name, x, y, null); }
    }

    private final Path dir;
    private final Path metricsFile;

    Plots(Path dir, Path metricsFile) {
        this.dir = dir;
        this.metricsFile = metricsFile;
    }

    /** Line chart of the given series; {@code logY} for losses spanning decades (needs y > 0). */
    public Path lines(String file, String title, String xLabel, String yLabel, List<Series> series, boolean logY) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setYAxisLogarithmic(logY);
        for (Series s : series) {
            if (s.x().length == 0) continue;
            if (logY) {
                for (double v : s.y()) {
                    if (!(v > 0)) throw new IllegalArgumentException(file + ": log scale needs y > 0, series '" + s.name() + "' has " + v);
                }
            }
            XYSeries xy = chart.addSeries(s.name(), s.x(), s.y());
            xy.setMarker(SeriesMarkers.NONE);
        }
        return save(chart, file);
    }

    /**
     * Line chart of metrics against step, one series per key, read from the run's
     * {@code metrics.jsonl} (lines without the key, or with a non-numeric value, are skipped).
     */
    public Path metricLines(String file, String title, String yLabel, boolean logY, String... keys) throws IOException {
        List<Map<String, Object>> lines = MetricsLog.read(metricsFile);
        List<Series> series = new ArrayList<>();
        for (String k : keys) {
            double[][] xy = MetricsLog.series(lines, k);
            series.add(new Series(k, xy[0], xy[1]));
        }
        return lines(file, title, "step", yLabel, series, logY);
    }

    /** Grouped bars: one group per category, one bar per named series (values in category order). */
    public Path bars(String file, String title, String yLabel, List<String> categories, Map<String, double[]> series) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            if (e.getValue().length != categories.size()) {
                throw new IllegalArgumentException(file + ": series '" + e.getKey() + "' has " + e.getValue().length
                        + " values for " + categories.size() + " categories");
            }
            List<Double> ys = new ArrayList<>();
            for (double v : e.getValue()) ys.add(v);
            chart.addSeries(e.getKey(), categories, ys);
        }
        return save(chart, file);
    }

    /**
     * Estimates against the true value: each series' x are truths, y estimates, err their
     * standard deviations; the dashed y = x line marks a perfect estimator.
     */
    public Path estimateVsTruth(String file, String title, String quantity, List<Series> estimates) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("true " + quantity).yAxisTitle("estimated " + quantity).build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        // One range for both axes, covering truths and estimates with their error bars, so that
        // y = x is the diagonal and no point sits on the frame.
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, tlo = lo, thi = hi;
        for (Series s : estimates) {
            for (int i = 0; i < s.x().length; i++) {
                double e = s.err() == null ? 0 : Math.abs(s.err()[i]);
                tlo = Math.min(tlo, s.x()[i]);
                thi = Math.max(thi, s.x()[i]);
                lo = Math.min(lo, Math.min(s.x()[i], s.y()[i] - e));
                hi = Math.max(hi, Math.max(s.x()[i], s.y()[i] + e));
            }
        }
        if (tlo <= thi && Double.isFinite(lo) && Double.isFinite(hi)) {
            double pad = hi > lo ? 0.05 * (hi - lo) : Math.max(1e-9, 0.05 * Math.abs(hi)) + 0.5;
            chart.getStyler().setXAxisMin(lo - pad);
            chart.getStyler().setXAxisMax(hi + pad);
            chart.getStyler().setYAxisMin(lo - pad);
            chart.getStyler().setYAxisMax(hi + pad);
            XYSeries diag = chart.addSeries("truth (y = x)", new double[] {lo - pad, hi + pad}, new double[] {lo - pad, hi + pad});
            diag.setMarker(SeriesMarkers.NONE);
            diag.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                    10f, new float[] {6f, 4f}, 0f));
            diag.setLineColor(java.awt.Color.GRAY);
        }
        for (Series s : estimates) {
            XYSeries xy = s.err() == null ? chart.addSeries(s.name(), s.x(), s.y()) : chart.addSeries(s.name(), s.x(), s.y(), s.err());
            xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            xy.setMarker(SeriesMarkers.CIRCLE);
        }
        return save(chart, file);
    }

    private static void style(Styler st) {
        st.setChartBackgroundColor(java.awt.Color.WHITE);
        st.setLegendPosition(Styler.LegendPosition.InsideNE);
        st.setAntiAlias(true);
    }

    private Path save(Chart<?, ?> chart, String file) throws IOException {
        if (!file.endsWith(".png") || file.contains("/")) throw new IllegalArgumentException("plot file must be a plain name ending in .png, got '" + file + "'");
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        Path target = dir.resolve(file);
        AtomicFiles.write(target, out -> {
            if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer in this JVM");
        });
        return target;
    }
}
