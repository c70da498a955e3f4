package dev.teak.algorithms.snn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.teak.tensor.NdArray;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The energy formula against a hand count (spec test 10) and the attack's rules on a toy classifier. */
class EnergyAndAttackTest {
    /**
     * One linear layer 4 -> 2 on one input: 8 MACs. DNN: 8 x 4.6 = 36.8 pJ. SNN with T = 10 and
     * an input firing rate of 0.25: 10 x 0.25 x 8 = 20 accumulates, x 0.9 = 18 pJ; ratio 18/36.8.
     */
    @Test
    void energyMatchesAHandCount() {
        long[] flops = {8};
        assertEquals(36.8, Energy.dnnPicojoules(flops), 1e-12);
        assertEquals(18.0, Energy.snnPicojoules(flops, new double[] {0.25}, 10), 1e-12);
        assertEquals(18.0 / 36.8, Energy.ratio(flops, new double[] {0.25}, 10), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Energy.ratio(flops, new double[] {1.5}, 10));
    }

    /** The TextCNN's operation count per layer for L = 6, d = 2, 3 filters, 2 classes, by hand. */
    @Test
    void textCnnOperationCount() {
        TextCnn cnn = new TextCnn(2, new int[] {3, 4, 5}, 3, 2, 0, new dev.teak.tensor.random.Generator(1));
        // conv: (4*3 + 3*4 + 2*5) positions*width = 34, times d = 2 and 3 filters -> 204; pool: (4+3+2)*3 = 27; fc: 9*2 = 18.
        assertArrayEquals(new long[] {204, 27, 18}, cnn.macsPerLayer(6));
    }

    @Test
    void budgetIsTenPercentRoundedUpAndAtLeastOne() {
        WordSubstitutionAttack a = new WordSubstitutionAttack(vectors(), 2, 0.1);
        assertEquals(1, a.budget(3));
        assertEquals(1, a.budget(10));
        assertEquals(2, a.budget(11));
        assertEquals(3, a.budget(25));
    }

    /**
     * A toy classifier: class 1 iff the sentence contains word 2 ("good"). Its nearest neighbour
     * is word 3 ("fine"), which the classifier ignores, so swapping it flips the prediction; a
     * sentence of only neutral words cannot be attacked into class 1 through the neighbours.
     */
    @Test
    void greedySwapFlipsAFragileClassifierWithinTheBudget() {
        WordSubstitutionAttack a = new WordSubstitutionAttack(vectors(), 1, 0.1);
        WordSubstitutionAttack.Classifier model = (ids, noise) -> {
            double[][] s = new double[ids.length][];
            for (int i = 0; i < ids.length; i++) {
                boolean good = false;
                for (int w : ids[i]) good |= w == 2;
                s[i] = good ? new double[] {0, 1} : new double[] {1, 0};
            }
            return s;
        };
        int[][] x = {{2, 4, 5, 0}, {4, 5, 4, 0}};
        WordSubstitutionAttack.Result r = a.run(model, x, new int[] {1, 1}, 1);
        assertEquals(0.5, r.cleanAccuracy(), 1e-12);      // the second sentence is misclassified already
        assertEquals(0.0, r.attackedAccuracy(), 1e-12);   // the first flips with one swap
        assertEquals(1 / 3.0, r.meanChangedFraction(), 1e-12);
        // With two "good" words and a budget of one swap, the attack must fail.
        WordSubstitutionAttack.Result r2 = a.run(model, new int[][] {{2, 2, 4, 0}}, new int[] {1}, 1);
        assertEquals(1.0, r2.attackedAccuracy(), 1e-12);
    }

    /** pad, unk, good, fine, and, plot: "good" and "fine" point the same way. */
    private static WordVectors vectors() {
        Vocabulary v = new Vocabulary(List.of(Vocabulary.PAD_WORD, Vocabulary.UNK_WORD, "good", "fine", "and", "plot"), new long[] {0, 0, 5, 4, 3, 2});
        float[] e = {0, 0, 0, 0, 1, 0.1f, 1, 0.2f, -1, 1, 0.1f, -1};
        return new WordVectors(v, NdArray.of(e, 6, 2));
    }
}
