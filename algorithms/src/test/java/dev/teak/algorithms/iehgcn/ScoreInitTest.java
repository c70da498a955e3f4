package dev.teak.algorithms.iehgcn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Parameter;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The two choices made on validation for issue 9: a zero score vector {@code w_a} (attention
 * starts exactly as the mean-fusion ablation and leaves it only through {@code w_a}'s gradient)
 * and a linear last layer (the authors' code applies ELU only between layers).
 */
class ScoreInitTest {
    private static HeteroGraph graph() {
        return SyntheticHin.planted(new SyntheticHin.Spec(40, 9, 7, 5, 3, 2, 2, 1, 0.8, 6), new Generator(7)).graph().to(DType.FLOAT64);
    }

    private static Map<String, Integer> dims(HeteroGraph g) {
        Map<String, Integer> dims = new LinkedHashMap<>();
        for (String t : g.types()) dims.put(t, g.features(t).dim());
        return dims;
    }

    /** A float64 layer of width 8 (attention size 4) with the score in its matrix form. */
    private static IeHgcnLayer layer(HeteroGraph g, IeHgcnLayer.Fusion fusion, boolean elu, IeHgcnLayer.ScoreInit init, long seed) {
        IeHgcnLayer l = new IeHgcnLayer(g, dims(g), 8, 4, fusion, 0, elu, init, IeHgcnLayer.ScoreForm.MATRICES, new Generator(seed));
        l.to(DType.FLOAT64);
        return l;
    }

    @Test void zeroScoreInitIsMeanFusionAtTheStartAndOnlyWaGetsGradient() {
        HeteroGraph g = graph();
        IeHgcnLayer att = layer(g, IeHgcnLayer.Fusion.ATTENTION, true, IeHgcnLayer.ScoreInit.ZERO, 3);
        IeHgcnLayer mean = layer(g, IeHgcnLayer.Fusion.MEAN, true, IeHgcnLayer.ScoreInit.ZERO, 99);
        // Give the mean-fusion layer the attention layer's projections and biases (it has no query, key or w_a).
        Map<String, Parameter> from = att.namedParameters();
        for (Map.Entry<String, Parameter> e : mean.namedParameters().entrySet()) e.getValue().copyFrom(from.get(e.getKey()).data());
        Map<String, IeHgcnLayer.Input> in = IeHgcnLayerTest.inputs(g);
        IeHgcnLayer.Output a = att.forward(in, Set.copyOf(g.types()), new Generator(1));
        IeHgcnLayer.Output m = mean.forward(in, Set.copyOf(g.types()), new Generator(1));
        for (String t : g.types()) {
            double uniform = 1.0 / (g.neighbours(t).size() + 1);
            for (double v : a.attention().get(t).data().toDoubleArray()) assertEquals(uniform, v, 1e-15, t);
            assertArrayEquals(m.h().get(t).data().toDoubleArray(), a.h().get(t).data().toDoubleArray(), 1e-12, t);
        }
        // e = ELU([K ‖ Q] w_a) with w_a = 0: dL/dW_q = dL/dW_k = 0, while dL/dw_a = Σ_i dL/de_i ELU'(0) [K_i ‖ Q] is not.
        Tensor loss = a.h().get("T").mul(a.h().get("T")).sum();
        loss.backward();
        Map<String, Parameter> p = att.namedParameters();
        assertEquals(0, gradNorm(p.get("T.query")), 0);
        assertEquals(0, gradNorm(p.get("T.key")), 0);
        assertTrue(gradNorm(p.get("T.att")) > 1e-6, "w_a gets a gradient: " + gradNorm(p.get("T.att")));
    }

    @Test void xavierScoreInitIsNotUniform() {
        HeteroGraph g = graph();
        IeHgcnLayer att = layer(g, IeHgcnLayer.Fusion.ATTENTION, true, IeHgcnLayer.ScoreInit.XAVIER, 3);
        double[] t = att.forward(IeHgcnLayerTest.inputs(g), Set.of("T"), new Generator(1)).attention().get("T").data().toDoubleArray();
        double maxDev = 0;
        for (double v : t) maxDev = Math.max(maxDev, Math.abs(v - 1.0 / 3));
        assertTrue(maxDev > 1e-3, "Xavier w_a gives non-uniform attention: " + maxDev);
    }

    @Test void linearLayerIsTheActivatedLayerBeforeItsElu() {
        HeteroGraph g = graph();
        IeHgcnLayer lin = layer(g, IeHgcnLayer.Fusion.ATTENTION, false, IeHgcnLayer.ScoreInit.XAVIER, 5);
        IeHgcnLayer elu = layer(g, IeHgcnLayer.Fusion.ATTENTION, true, IeHgcnLayer.ScoreInit.XAVIER, 5);
        Map<String, IeHgcnLayer.Input> in = IeHgcnLayerTest.inputs(g);
        double[] x = lin.forward(in, Set.of("T"), new Generator(1)).h().get("T").data().toDoubleArray();
        double[] y = elu.forward(in, Set.of("T"), new Generator(1)).h().get("T").data().toDoubleArray();
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            assertEquals(IeHgcnLayerTest.elu(x[i]), y[i], 1e-12, "entry " + i);
            min = Math.min(min, x[i]);
        }
        assertTrue(min < -1, "the linear layer reaches below ELU's floor of -1: " + min);
    }

    @Test void modelLeavesOnlyItsLastLayerLinear() {
        HeteroGraph g = graph();
        IeHgcn m = new IeHgcn(g, new int[] {8, 6, 4}, 3, IeHgcnLayer.Fusion.ATTENTION, 0.5, 0, 4, false, IeHgcnLayer.ScoreInit.ZERO,
                IeHgcnLayer.ScoreForm.MATRICES, new Generator(2));
        assertTrue(m.layers().get(0).activation());
        assertTrue(m.layers().get(1).activation());
        assertFalse(m.layers().get(2).activation());
        for (Map.Entry<String, Parameter> e : m.namedParameters().entrySet()) {
            if (e.getKey().endsWith(".att")) assertEquals(0, norm(e.getValue().data()), 0, e.getKey());
        }
    }

    @Test void vectorScoreFormGivesTheSameFunctionAsTheMatrices() {
        HeteroGraph g = graph();
        IeHgcnLayer mats = new IeHgcnLayer(g, dims(g), 8, 4, IeHgcnLayer.Fusion.ATTENTION, 0, true, IeHgcnLayer.ScoreInit.XAVIER,
                IeHgcnLayer.ScoreForm.MATRICES, new Generator(3));
        IeHgcnLayer vecs = new IeHgcnLayer(g, dims(g), 8, 4, IeHgcnLayer.Fusion.ATTENTION, 0, true, IeHgcnLayer.ScoreInit.ZERO,
                IeHgcnLayer.ScoreForm.VECTORS, new Generator(8));
        mats.to(DType.FLOAT64);
        vecs.to(DType.FLOAT64);
        Map<String, Parameter> from = mats.namedParameters(), to = vecs.namedParameters();
        for (String t : g.types()) {
            // v_k = W_k w_a', v_q = W_q w_a'' computed by hand from the matrices' weights.
            double[][] wk = IeHgcnLayerTest.mat(from.get(t + ".key")), wq = IeHgcnLayerTest.mat(from.get(t + ".query"));
            double[] wa = from.get(t + ".att").data().toDoubleArray();
            int out = wk.length, att = wk[0].length;
            double[] vk = new double[out], vq = new double[out];
            for (int i = 0; i < out; i++) for (int j = 0; j < att; j++) { vk[i] += wk[i][j] * wa[j]; vq[i] += wq[i][j] * wa[att + j]; }
            to.get(t + ".score_key").copyFrom(NdArray.of(vk, out, 1));
            to.get(t + ".score_query").copyFrom(NdArray.of(vq, out, 1));
            for (String name : new String[] {"self", "bias"}) to.get(t + "." + name).copyFrom(from.get(t + "." + name).data());
            for (String nb : g.neighbours(t)) to.get(t + ".rel_" + nb).copyFrom(from.get(t + ".rel_" + nb).data());
        }
        Map<String, IeHgcnLayer.Input> in = IeHgcnLayerTest.inputs(g);
        IeHgcnLayer.Output a = mats.forward(in, Set.copyOf(g.types()), new Generator(1));
        IeHgcnLayer.Output b = vecs.forward(in, Set.copyOf(g.types()), new Generator(1));
        for (String t : g.types()) {
            assertArrayEquals(a.attention().get(t).data().toDoubleArray(), b.attention().get(t).data().toDoubleArray(), 1e-12, t);
            assertArrayEquals(a.h().get(t).data().toDoubleArray(), b.h().get(t).data().toDoubleArray(), 1e-12, t);
        }
        assertFalse(to.containsKey("T.query") || to.containsKey("T.att"), "no matrices in the vector form");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () ->
                new IeHgcnLayer(g, dims(g), 8, 4, IeHgcnLayer.Fusion.ATTENTION, 0.5, true, IeHgcnLayer.ScoreInit.ZERO, IeHgcnLayer.ScoreForm.VECTORS, new Generator(1)));
        assertTrue(e.getMessage().contains("IeHgcnLayer") && e.getMessage().contains("0.5"), e.getMessage());
    }

    /** Norm of a parameter's gradient (0 when none reached it). */
    private static double gradNorm(Parameter p) { return p.grad() == null ? 0 : norm(p.grad().data()); }

    private static double norm(NdArray v) { return Math.sqrt(v.mul(v).sum().item()); }
}
