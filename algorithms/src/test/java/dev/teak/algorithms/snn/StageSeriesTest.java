package dev.teak.algorithms.snn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teak.algorithms.run.Plots;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-stage curves of the plots: fold 0 only, one series per stage, the SNNs' start at epoch -1. */
class StageSeriesTest {
    @Test
    void seriesPerStageWithTheStartAtEpochMinusOne() {
        List<Map<String, Object>> lines = List.of(
                Map.of("step", 1, "fold", 0, "stage", "dnn", "epoch", 0, "loss", 0.69, "dev_accuracy", 0.50),
                Map.of("step", 2, "fold", 0, "stage", "dnn", "epoch", 1, "loss", 0.40, "dev_accuracy", 0.75),
                Map.of("step", 3, "fold", 0, "stage", "converted", "dnn_test_accuracy", 0.8),
                Map.of("step", 3, "fold", 0, "stage", "finetuned_start", "dev_accuracy", 0.70),
                Map.of("step", 3, "fold", 0, "stage", "finetuned", "epoch", 0, "loss", 0.5, "dev_accuracy", 0.72),
                Map.of("step", 9, "fold", 1, "stage", "finetuned", "epoch", 0, "loss", 0.1, "dev_accuracy", 0.99));
        List<Plots.Series> dev = SnnMethod.stageSeries(lines, "dev_accuracy");
        assertEquals(2, dev.size());
        assertEquals("dnn", dev.get(0).name());
        assertArrayEquals(new double[] {0, 1}, dev.get(0).x());
        assertArrayEquals(new double[] {0.50, 0.75}, dev.get(0).y());
        assertEquals("finetuned", dev.get(1).name());
        assertArrayEquals(new double[] {-1, 0}, dev.get(1).x());
        assertArrayEquals(new double[] {0.70, 0.72}, dev.get(1).y());
        // The start has no loss, so the loss curve of fine-tuning begins at epoch 0.
        List<Plots.Series> loss = SnnMethod.stageSeries(lines, "loss");
        assertArrayEquals(new double[] {0}, loss.get(1).x());
        assertArrayEquals(new double[] {0.5}, loss.get(1).y());
    }
}
