package dev.teak.algorithms.iehgcn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Relations in both directions, each row-normalised on its own; isolated nodes; loading the shipped sets. */
class HeteroGraphTest {
    @Test void bothDirectionsAreRowNormalisedAndIsolatedRowsStayZero() {
        // A0-B0, A0-B1, A0-B1 (duplicate), A1-B1; A2 and B2 have no neighbour.
        HeteroGraph g = new HeteroGraph()
                .addType("A", NodeFeatures.givenDense(NdArray.zeros(3, 2)))
                .addType("B", NodeFeatures.givenDense(NdArray.zeros(3, 2)))
                .addRelation("A", "B", new int[] {0, 0, 0, 1}, new int[] {0, 1, 1, 1});
        assertArrayEquals(new double[] {0.5, 0.5, 0, 0, 1, 0, 0, 0, 0}, g.adjacency("A", "B").toDense().toDoubleArray(), 1e-7);
        assertArrayEquals(new double[] {1, 0, 0, 0.5, 0.5, 0, 0, 0, 0}, g.adjacency("B", "A").toDense().toDoubleArray(), 1e-7);
        assertEquals(List.of("B"), g.neighbours("A"));
        assertEquals(List.of("A"), g.neighbours("B"));
        assertEquals(3, g.edges());
    }

    @Test void rowsSumToOneOrZeroOnARandomGraph() {
        HeteroGraph g = SyntheticHin.planted(new SyntheticHin.Spec(200, 30, 20, 40, 3, 3, 2, 1, 0.7, 4), new Generator(3)).graph();
        for (String t : g.types()) {
            for (String u : g.neighbours(t)) {
                double[] s = g.adjacency(t, u).rowSums().toDoubleArray();
                int zero = 0;
                for (double v : s) {
                    assertTrue(Math.abs(v - 1) < 1e-6 || v == 0, t + "-" + u + " row sum " + v);
                    if (v == 0) zero++;
                }
                if (t.equals("S")) assertTrue(zero > 0, "with 30 R nodes linking once into 40 S nodes some S must be isolated");
            }
        }
    }

    @Test void badInputIsRefusedWithTheOffendingArgument() {
        HeteroGraph g = new HeteroGraph().addType("A", NodeFeatures.givenDense(NdArray.zeros(2, 2))).addType("B", NodeFeatures.givenDense(NdArray.zeros(2, 2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.addRelation("A", "B", new int[] {0}, new int[] {5}));
        assertTrue(e.getMessage().contains("(0, 5)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> g.addRelation("A", "A", new int[] {0}, new int[] {1}));
        e = assertThrows(IllegalArgumentException.class, () -> g.adjacency("A", "C"));
        assertTrue(e.getMessage().contains("A-C"), e.getMessage());
    }

    @Test void shippedDblpHasThePublishedCounts() throws Exception {
        HinData.Dataset d = HinData.load("dblp", null, 20, false, 16, new Generator(1));
        HeteroGraph g = d.graph();
        assertEquals("A", g.target());
        assertEquals(4057, g.count("A"));
        assertEquals(14328, g.count("P"));
        assertEquals(20, g.count("C"));
        assertEquals(7723, g.count("T"));
        assertEquals(List.of("A", "C", "T"), g.neighbours("P"));
        assertEquals(4, d.split().numClasses());
        assertEquals(80, d.split().train().length);
        assertEquals(1000, d.split().val().length);
        assertEquals(1000, d.split().test().length);
        assertEquals(334, g.features("A").dim());
        assertTrue(g.features("A").isSparse());
        assertEquals(NodeFeatures.Kind.FIXED_RANDOM, g.features("P").kind());
    }
}
