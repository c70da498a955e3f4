package dev.teak.algorithms.iehgcn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.tensor.random.Generator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Meta-path scores: a hand-set example and the identity that all scores sum to 1. */
class MetaPathsTest {
    private static MetaPaths.TypeAttention att(List<String> cols, double... w) { return new MetaPaths.TypeAttention(cols, w); }

    @Test void handSetAttentionGivesTheExpectedProducts() {
        // Types A - P - C. Layer 1 (first): A: Self 0.4, P 0.6;  P: Self 0.5, A 0.2, C 0.3.
        // Layer 2 (last): A: Self 0.1, P 0.9.
        List<Map<String, MetaPaths.TypeAttention>> avg = new ArrayList<>();
        Map<String, MetaPaths.TypeAttention> l1 = new LinkedHashMap<>();
        l1.put("A", att(List.of("Self", "P"), 0.4, 0.6));
        l1.put("P", att(List.of("Self", "A", "C"), 0.5, 0.2, 0.3));
        avg.add(l1);
        avg.add(Map.of("A", att(List.of("Self", "P"), 0.1, 0.9)));
        Map<String, Double> s = new LinkedHashMap<>();
        for (MetaPaths.Scored x : MetaPaths.score("A", avg)) s.put(x.path(), x.score());
        // A←A←A: 0.1*0.4 = 0.04;  A←A←P: 0.1*0.6 = 0.06 (A-P);  A←P←P: 0.9*0.5 = 0.45 (A-P);
        // A←P←A: 0.9*0.2 = 0.18 (A-P-A);  A←P←C: 0.9*0.3 = 0.27 (A-P-C).
        assertEquals(0.04, s.get("A"), 1e-12);
        assertEquals(0.51, s.get("A-P"), 1e-12);
        assertEquals(0.18, s.get("A-P-A"), 1e-12);
        assertEquals(0.27, s.get("A-P-C"), 1e-12);
        assertEquals(4, s.size());
        assertEquals("A-P", MetaPaths.score("A", avg).get(0).path());
    }

    @Test void scoresOfAllMetaPathsSumToOneForRandomAttention() {
        qt().withExamples(100).forAll(longs().between(0, 1_000_000), integers().between(1, 4)).checkAssert((seed, layers) -> {
            HeteroGraph g = SyntheticHin.planted(new SyntheticHin.Spec(12, 3, 3, 2, 3, 1, 1, 1, 0.5, 2), new Generator(seed)).graph();
            Generator gen = new Generator(seed + 1);
            List<Map<String, MetaPaths.TypeAttention>> avg = new ArrayList<>();
            for (int l = 0; l < layers; l++) {
                Map<String, MetaPaths.TypeAttention> m = new LinkedHashMap<>();
                for (String t : g.types()) {
                    List<String> cols = new ArrayList<>(List.of("Self"));
                    cols.addAll(g.neighbours(t));
                    double[] w = gen.rand(dev.teak.tensor.DType.FLOAT64, cols.size()).toDoubleArray();
                    double sum = 0;
                    for (double v : w) sum += v;
                    for (int i = 0; i < w.length; i++) w[i] /= sum;
                    m.put(t, att(cols, w));
                }
                avg.add(m);
            }
            double total = 0;
            for (MetaPaths.Scored s : MetaPaths.score("T", avg)) total += s.score();
            assertEquals(1, total, 1e-9);
        });
    }

    @Test void averagedModelAttentionGivesScoresSummingToOne() {
        HinData.Dataset d = SyntheticHin.planted(new SyntheticHin.Spec(30, 6, 6, 3, 3, 2, 2, 1, 0.8, 4), new Generator(5));
        IeHgcn m = new IeHgcn(d.graph(), new int[] {8, 6, 4}, 3, IeHgcnLayer.Fusion.ATTENTION, 0.5, 0.5, 4, new Generator(6));
        m.eval();
        IeHgcn.Result r = m.run(new Generator(7));
        double total = 0;
        for (MetaPaths.Scored s : MetaPaths.score("T", MetaPaths.average(d.graph(), r.attention()))) total += s.score();
        assertEquals(1, total, 1e-6);   // float32 attention
        assertEquals(List.of("T"), List.copyOf(r.attention().get(2).keySet()), "the last layer computes the target only");
    }
}
