package dev.teak.algorithms.snn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.autograd.GradMode;
import dev.teak.autograd.Tensor;
import dev.teak.nn.Parameter;
import dev.teak.nn.functional.F;
import dev.teak.nn.spiking.Surrogate;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TextCNN's convolution, the conversion, the rate loss (spec test 8), conversion fidelity (spec test 9) and the accuracy over spike draws. */
class ConversionTest {
    private static final int[] W = {3, 4, 5};

    /** The convolution equals the naive sum over positions, offsets and embedding components. */
    @Test
    void convolutionMatchesNaiveLoops() {
        Generator g = new Generator(1);
        int m = 2, l = 7, d = 3, f = 4;
        TextCnn cnn = new TextCnn(d, W, f, 2, 0, g);
        NdArray x = g.rand(DType.FLOAT32, m, l, d);
        List<Tensor> out = TextCnn.convolve(new Tensor(x), cnn.convWeights(), W);
        float[] xv = x.toFloatArray();
        for (int wi = 0; wi < W.length; wi++) {
            int h = W[wi];
            float[] wv = cnn.convWeights()[wi].data().toFloatArray();
            float[] got = out.get(wi).data().toFloatArray();
            assertArrayEquals(new int[] {m, l - h + 1, f}, out.get(wi).shape());
            for (int n = 0; n < m; n++) for (int i = 0; i <= l - h; i++) for (int q = 0; q < f; q++) {
                double s = 0;
                for (int j = 0; j < h; j++) for (int k = 0; k < d; k++) s += xv[(n * l + i + j) * d + k] * wv[(q * h + j) * d + k];
                assertEquals(s, got[(n * (l - h + 1) + i) * f + q], 1e-5);
            }
        }
    }

    @Test
    void conversionCopiesEveryWeightAndHasNoBias() {
        TextCnn cnn = new TextCnn(6, W, 5, 3, 0.5, new Generator(2));
        SpikingTextCnn snn = SpikingTextCnn.convert(cnn, 1, 1, 1, Surrogate.fastSigmoid(25));
        assertEquals(cnn.namedParameters().keySet(), snn.namedParameters().keySet());
        for (String k : cnn.namedParameters().keySet()) {
            assertArrayEquals(cnn.namedParameters().get(k).data().toFloatArray(), snn.namedParameters().get(k).data().toFloatArray(), k);
            assertTrue(!k.contains("bias"));
        }
        SpikingTextCnn scaled = SpikingTextCnn.convert(cnn, 2, 8, 1, Surrogate.fastSigmoid(25));
        float[] a = cnn.convWeights()[0].data().toFloatArray(), b = scaled.convWeights()[0].data().toFloatArray();
        for (int i = 0; i < a.length; i++) assertEquals(a[i] / 2, b[i], 1e-7);
        float[] c = cnn.fcWeight().data().toFloatArray(), e = scaled.fcWeight().data().toFloatArray();
        for (int i = 0; i < c.length; i++) assertEquals(c[i] * 2 / 8, e[i], 1e-7);
    }

    /** The direct network's start: every conv weight raised by the conv shift, every linear weight by the fc shift. */
    @Test
    void directInitialisationShiftsEveryWeight() {
        TextCnn cnn = new TextCnn(6, W, 5, 3, 0, new Generator(4));
        SpikingTextCnn snn = SpikingTextCnn.initialised(cnn, 0.01, 0.08, 1, Surrogate.fastSigmoid(25));
        for (int w = 0; w < W.length; w++) {
            float[] a = cnn.convWeights()[w].data().toFloatArray(), b = snn.convWeights()[w].data().toFloatArray();
            for (int i = 0; i < a.length; i++) assertEquals(a[i] + 0.01, b[i], 1e-7);
        }
        float[] c = cnn.fcWeight().data().toFloatArray(), e = snn.fcWeight().data().toFloatArray();
        for (int i = 0; i < c.length; i++) assertEquals(c[i] + 0.08, e[i], 1e-7);
    }

    /** {@code (1/T) sum_t CE(S_t, y)} computed step by step by hand against the one-call loss. */
    @Test
    void rateLossIsTheMeanOfPerStepLosses() {
        Generator g = new Generator(4);
        int t = 5, n = 3, c = 4;
        NdArray s = g.rand(DType.FLOAT64, t, n, c).lt(0.4).to(DType.FLOAT64);
        int[] y = {0, 3, 1};
        double expected = 0;
        double[] v = s.toDoubleArray();
        for (int k = 0; k < t; k++) {
            double step = 0;
            for (int i = 0; i < n; i++) {
                double z = 0;
                for (int q = 0; q < c; q++) z += Math.exp(v[(k * n + i) * c + q]);
                step += Math.log(z) - v[(k * n + i) * c + y[i]];
            }
            expected += step / n / t;
        }
        double got = SpikingTextCnn.rateLoss(new Tensor(s), NdArray.of(y, n)).item();
        assertEquals(expected, got, 1e-12);
        // Also equal to the mean of F.crossEntropy per step.
        double perStep = 0;
        for (int k = 0; k < t; k++) perStep += F.crossEntropy(new Tensor(s.select(0, k)), NdArray.of(y, n)).item() / t;
        assertEquals(perStep, got, 1e-12);
    }

    /**
     * Conversion fidelity (spec test 9): with weights scaled so the DNN's activations stay in
     * [0, 1], the spiking network's output rates approach the DNN's clipped logits as T grows.
     */
    @Test
    void convertedRatesApproachTheDnnAsStepsGrow() {
        Generator g = new Generator(5);
        int d = 8, l = 8, f = 6, c = 4, n = 24;
        TextCnn cnn = new TextCnn(d, W, f, c, 0, g);
        for (Parameter p : cnn.convWeights()) p.copyFrom(p.data().mul(4).add(0.05));
        cnn.fcWeight().copyFrom(cnn.fcWeight().data().mul(4).add(0.1));
        NdArray x = g.rand(DType.FLOAT32, n, l, d);
        cnn.eval();
        double[] ann;
        double convScale, fcScale;
        try (var gm = GradMode.noGrad()) {
            List<NdArray> acts = new java.util.ArrayList<>();
            for (Tensor a : cnn.convActivations(new Tensor(x))) acts.add(a.data());
            convScale = Math.max(1, SnnTrainer.quantile(acts, 1.0));
            NdArray logits = cnn.forward(new Tensor(x)).data();
            fcScale = Math.max(1, SnnTrainer.quantile(List.of(logits.relu()), 1.0));
            ann = logits.div(fcScale).relu().toDoubleArray();     // the DNN's (normalised) output, clipped at 0
        }
        SpikingTextCnn snn = SpikingTextCnn.convert(cnn, convScale, fcScale, 1, Surrogate.fastSigmoid(25));
        double r50 = correlation(ann, rates(snn, x, 50, g)), r500 = correlation(ann, rates(snn, x, 500, g));
        double e50 = meanAbs(ann, rates(snn, x, 50, g)), e500 = meanAbs(ann, rates(snn, x, 500, g));
        assertTrue(r500 > 0.95, "correlation at T=500: " + r500 + " (T=50: " + r50 + ")");
        assertTrue(e500 < e50, "mean error should shrink with T: " + e50 + " -> " + e500);
    }

    /**
     * The accuracy over spike draws is the plain mean of single-draw evaluations with the seeds
     * {@code seed + 100003 k}, its spread their sample standard deviation (hand formula), the
     * scores the summed spike counts; one draw is exactly {@link SnnTrainer#evalSnn}.
     */
    @Test
    void accuracyOverDrawsIsTheMeanOfSingleDraws() {
        Generator g = new Generator(6);
        int d = 5, l = 7, vocab = 12, n = 40, draws = 4;
        TextCnn cnn = new TextCnn(d, W, 4, 2, 0, g);
        // Positive weights, both output neurons alike: each fires a few times in 6 steps and the
        // winner depends on the draw, so the draws' accuracies differ.
        for (Parameter p : cnn.convWeights()) p.copyFrom(p.data().mul(3).add(0.1));
        float[] row = g.rand(DType.FLOAT32, 3 * 4).mul(0.1).add(0.02).toFloatArray(), fc = new float[2 * row.length];
        for (int k = 0; k < row.length; k++) {
            fc[k] = row[k];
            fc[row.length + k] = row[row.length - 1 - k];     // the same weights reversed: the same mean current
        }
        cnn.fcWeight().copyFrom(NdArray.of(fc, 2, row.length));
        SpikingTextCnn snn = SpikingTextCnn.convert(cnn, 0.5, 0.5, 1, Surrogate.fastSigmoid(25));
        float[] table = g.rand(DType.FLOAT32, vocab, d).toFloatArray();
        for (int k = 0; k < d; k++) table[k] = 0;                        // padding row
        int[][] ids = new int[n][l];
        int[] y = new int[n];
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < l; j++) ids[i][j] = 1 + r.nextInt(vocab - 1);
            y[i] = r.nextInt(2);
        }
        SnnTrainer.Encoded data = new SnnTrainer.Encoded(ids, y);
        long seed = 99;
        double[] acc = new double[draws];
        double[][] sum = new double[n][2];
        for (int k = 0; k < draws; k++) {
            SnnTrainer.Evaluation ev = SnnTrainer.evalSnn(snn, table, d, data, 6, seed + 100_003L * k);
            acc[k] = ev.accuracy();
            for (int i = 0; i < n; i++) for (int c = 0; c < 2; c++) sum[i][c] += ev.scores()[i][c];
        }
        double mean = java.util.Arrays.stream(acc).average().orElseThrow(), ss = 0;
        for (double a : acc) ss += (a - mean) * (a - mean);
        SnnTrainer.Draws got = SnnTrainer.evalSnnDraws(snn, table, d, data, 6, seed, draws);
        assertEquals(mean, got.mean().accuracy(), 1e-12);
        assertEquals(Math.sqrt(ss / (draws - 1)), got.accuracySd(), 1e-12);
        for (int i = 0; i < n; i++) assertArrayEquals(sum[i], got.mean().scores()[i], 1e-9);
        assertTrue(got.accuracySd() > 0, "draws should differ: " + java.util.Arrays.toString(acc));
        SnnTrainer.Draws one = SnnTrainer.evalSnnDraws(snn, table, d, data, 6, seed, 1);
        assertEquals(SnnTrainer.evalSnn(snn, table, d, data, 6, seed).accuracy(), one.mean().accuracy(), 0);
        assertEquals(0, one.accuracySd(), 0);
    }

    private static double[] rates(SpikingTextCnn snn, NdArray x, int steps, Generator g) {
        try (var gm = GradMode.noGrad()) {
            NdArray u = g.rand(DType.FLOAT32, steps, x.size(0), x.size(1), x.size(2));
            NdArray spikes = u.lt(x.unsqueeze(0)).to(DType.FLOAT32);
            return snn.forward(new Tensor(spikes)).counts().data().div(steps).toDoubleArray();
        }
    }

    static double correlation(double[] a, double[] b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] / a.length;
            mb += b[i] / b.length;
        }
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    private static double meanAbs(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]) / a.length;
        return s;
    }
}
