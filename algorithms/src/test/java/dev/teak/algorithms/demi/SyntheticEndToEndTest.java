package dev.teak.algorithms.demi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.tensor.random.Generator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Spec test 7, trained: at I = 20 nats (d = 20) and K = 64, InfoNCE stays at or under log K
 * while DEMI with 8 subviews and exact conditional negatives recovers at least 80 % of the true
 * MI (and at least twice InfoNCE, at most 8 log K). The critic is the quadratic family, which
 * contains the optimum, so a short run suffices (an MLP critic would need thousands of steps).
 * The oracle value of DEMI-8 here (optimal critics) is about 18.2 nats.
 */
class SyntheticEndToEndTest {
    @Test
    void demiRecoversWhatInfoNceCannot() {
        GaussianViews views = GaussianViews.withMi(20, 20);
        EstimatorBank bank = new EstimatorBank(views, 64, List.of(1, 8), "exact", "quadratic", 0, 0, 0.03, new Generator(1));
        Generator gen = new Generator(2);
        for (int s = 0; s < 400; s++) bank.step(gen);
        Map<String, Map<String, Object>> r = bank.evaluate(20, new Generator(3));
        double nce = (double) r.get("infonce").get("mean"), demi = (double) r.get("demi_8").get("mean"), logK = Math.log(64);
        assertTrue(nce <= logK + 1e-12, "InfoNCE " + nce + " above log K " + logK);
        assertTrue(demi >= 0.8 * 20, "DEMI-8 (exact) " + demi + " below 80 % of 20 nats; InfoNCE " + nce);
        assertTrue(demi >= 2 * nce && demi <= 8 * logK, "DEMI-8 " + demi + " vs InfoNCE " + nce);
    }
}
