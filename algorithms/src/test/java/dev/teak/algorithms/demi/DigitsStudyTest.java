package dev.teak.algorithms.demi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.autograd.Tensor;
import dev.teak.tensor.random.Generator;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The digits side: the embedded data, the two halves, nested masks, and the DEMI bound's ceiling. */
class DigitsStudyTest {
    @Test
    void halvesReassembleTheImage() throws IOException {
        DigitsData d = DigitsData.load();
        assertEquals(1797, d.size());
        int[] idx = {0, 5, 1796};
        double[] img = d.images(idx).toDoubleArray(), l = d.left(idx).toDoubleArray(), r = d.right(idx).toDoubleArray();
        for (int i = 0; i < 3; i++) {
            for (int row = 0; row < 8; row++) {
                for (int c = 0; c < 8; c++) {
                    double half = c < 4 ? l[i * 32 + row * 4 + c] : r[i * 32 + row * 4 + c - 4];
                    assertEquals(img[i * 64 + row * 8 + c], half, 0.0);
                }
            }
        }
        for (double v : img) assertTrue(v >= 0 && v <= 1);
        assertEquals(0, d.labels()[0]);                               // the first row of the file is a 0
    }

    @Test
    void masksAreNested() {
        double[][] m = DigitsData.nestedColumnMasks(4);
        for (int s = 1; s < 4; s++) for (int j = 0; j < 32; j++) assertTrue(m[s][j] >= m[s - 1][j]);
        double[] last = new double[32];
        java.util.Arrays.fill(last, 1);
        assertArrayEquals(last, m[3], 0.0);
        assertEquals(8.0, java.util.Arrays.stream(m[0]).sum(), 0.0);   // one column of 8 pixels
    }

    /** The DEMI-N bound of the encoders is at most N log K per anchor, and InfoNCE (N = 1) at most log K. */
    @Test
    void boundCeilings() throws IOException {
        DigitsData d = DigitsData.load();
        int[] idx = new int[32];
        for (int i = 0; i < 32; i++) idx[i] = i * 7;
        for (int n : new int[] {1, 2, 4}) {
            TwoViewEncoder model = new TwoViewEncoder(n, 16, 8, new Generator(n));
            Tensor b = DigitsStudy.bound(model, d.left(idx), d.right(idx));
            for (double v : b.data().toDoubleArray()) assertTrue(v <= n * Math.log(32) + 1e-9, "N = " + n + ": " + v);
        }
    }
}
