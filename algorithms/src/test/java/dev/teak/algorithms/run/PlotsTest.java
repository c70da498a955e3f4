package dev.teak.algorithms.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
    @TempDir Path dir;

    @Test
    void everyChartKindIsAPngOfTheDefaultSize() throws IOException {
        Path metrics = dir.resolve("metrics.jsonl");
        try (MetricsLog log = MetricsLog.open(dir, -1)) {
            for (int s = 0; s < 50; s++) log.log(s, "loss", 1.0 / (s + 1), "val", 2.0 / (s + 1));
        }
        Plots plots = new Plots(dir, metrics);
        Map<String, double[]> bars = new LinkedHashMap<>();
        bars.put("estimate", new double[] {1.9, 4.2, 7.5});
        bars.put("truth", new double[] {2, 5, 10});
        List<Path> files = List.of(
                plots.metricLines("loss.png", "Loss", "loss", true, "loss", "val"),
                plots.lines("curve.png", "Curve", "x", "y", List.of(new Plots.Series("sq", new double[] {0, 1, 2}, new double[] {0, 1, 4})), false),
                plots.bars("bars.png", "MI", "nats", List.of("2", "5", "10"), bars),
                plots.estimateVsTruth("mi.png", "MI", "MI (nats)", List.of(
                        new Plots.Series("infonce", new double[] {2, 5, 10}, new double[] {1.9, 4.2, 4.1}, new double[] {0.1, 0.2, 0.05}),
                        new Plots.Series("demi", new double[] {2, 5, 10}, new double[] {2.0, 4.9, 9.1}))));
        for (Path f : files) {
            BufferedImage img = ImageIO.read(f.toFile());
            assertEquals(Plots.WIDTH, img.getWidth(), f.toString());
            assertEquals(Plots.HEIGHT, img.getHeight(), f.toString());
            assertTrue(distinctColours(img) > 3, f + " has drawn content");
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void badInputIsRefusedWithTheFileAndSeriesNamed() {
        Plots plots = new Plots(dir, dir.resolve("metrics.jsonl"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plots.lines("l.png", "t", "x", "y",
                List.of(new Plots.Series("loss", new double[] {0, 1}, new double[] {1, 0})), true));
        assertTrue(e.getMessage().contains("l.png: log scale needs y > 0, series 'loss' has 0.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Plots.Series("s", new double[2], new double[3]));
        assertThrows(IllegalArgumentException.class, () -> plots.bars("b.png", "t", "y", List.of("a"), Map.of("s", new double[2])));
        assertThrows(IllegalArgumentException.class, () -> plots.lines("../x.png", "t", "x", "y", List.of(), false));
        assertFalse(Files.exists(dir.resolve("l.png")));
    }

    private static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 5) for (int x = 0; x < img.getWidth(); x += 5) seen.add(img.getRGB(x, y));
        return seen.size();
    }
}
