package dev.teak.algorithms.demi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.autograd.Tensor;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The three critic families: shapes, the in-batch shortcut against the general form, the optimum, and learning. */
class CriticTest {
    /** pairwise(x, y)[i, j] must equal scores(x, candidates y_j)[i, j]: the fast in-batch form is the same function. */
    @ParameterizedTest
    @ValueSource(strings = {"quadratic", "mlp", "separable"})
    void pairwiseMatchesTheGeneralForm(String kind) {
        Generator g = new Generator(7);
        Critic c = Critic.of(kind, 3, 5, 16, 4, g);
        if (c instanceof QuadraticCritic q) {     // zero at start: give it non-trivial weights
            for (var p : q.parameters()) p.copyFrom(g.randn(DType.FLOAT64, p.shape()).mul(0.3));
        }
        Tensor x = new Tensor(g.randn(DType.FLOAT64, 6, 3)), y = new Tensor(g.randn(DType.FLOAT64, 6, 5));
        double[] fast = c.pairwise(x, y).data().toDoubleArray();
        double[] slow = c.scores(x, y.unsqueeze(0).expand(6, 6, 5).contiguous()).data().toDoubleArray();
        assertEquals(36, fast.length);
        assertArrayEquals(slow, fast, 1e-10);
    }

    @Test
    void optimalQuadraticCriticEqualsTheAnalyticOneUpToTermsInX() {
        GaussianViews v = GaussianViews.withMi(4, 2);
        QuadraticCritic c = new QuadraticCritic(4, 4).setOptimal(v.rho(), 0, 4);
        double[] x = {0.3, -1.2, 0.8, 0.1};
        double[][] ys = {{0.5, -0.9, 1.1, 0.0}, {-2.0, 0.4, 0.3, 1.5}};
        double[] s = c.scores(Tensor.of(x, 1, 4), Tensor.of(new double[] {0.5, -0.9, 1.1, 0.0, -2.0, 0.4, 0.3, 1.5}, 1, 2, 4))
                .data().toDoubleArray();
        // differences between candidates are free of the x-only terms
        assertEquals(v.optimalCritic(x, ys[0], 4) - v.optimalCritic(x, ys[1], 4), s[0] - s[1], 1e-12);
    }

    @Test
    void badShapesNameTheCritic() {
        Critic c = new QuadraticCritic(3, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.scores(Tensor.zeros(DType.FLOAT64, 2, 4), Tensor.zeros(DType.FLOAT64, 2, 3, 5)));
        assertTrue(e.getMessage().contains("QuadraticCritic") && e.getMessage().contains("[2, 4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Critic.of("cubic", 1, 1, 1, 1, new Generator(0)));
    }

    /** Small networks learn: after 80 steps at 2 nats (d = 4, K = 32) each family's InfoNCE is above 0.5 nats and under its ceiling. */
    @ParameterizedTest
    @ValueSource(strings = {"mlp", "separable"})
    void neuralCriticsLearn(String kind) {
        GaussianViews v = GaussianViews.withMi(4, 2);
        EstimatorBank bank = new EstimatorBank(v, 32, List.of(1, 2), "both", kind, 16, 8, 1e-2, new Generator(1));
        Generator gen = new Generator(2);
        for (int s = 0; s < 80; s++) bank.step(gen);
        Map<String, Map<String, Object>> r = bank.evaluate(10, new Generator(3));
        for (String key : List.of("infonce", "demi_2", "demi_2_is")) {
            double m = (double) r.get(key).get("mean");
            assertTrue(m > 0.5 && m <= (key.equals("infonce") ? 1 : 2) * Math.log(32) + 1e-9, kind + " " + key + ": " + m);
        }
    }
}
