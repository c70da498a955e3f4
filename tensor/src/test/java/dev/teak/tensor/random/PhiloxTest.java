package dev.teak.tensor.random;

import static org.junit.jupiter.api.Assertions.*;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;

/** The Philox bijection against published answers, and the word-to-variate formulas by hand. */
class PhiloxTest {
    /**
     * Known-answer vectors from the Random123 distribution (D. E. Shaw Research), file
     * {@code tests/kat_vectors}, the {@code philox4x32 7} and {@code philox4x32 10} lines. Columns:
     * rounds, counter (4 words), key (2 words), expected output (4 words).
     */
    private static final long[][] KAT = {
        {7, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            0x5f6fb709L, 0x0d893f64L, 0x4f121f81L, 0x4f730a48L},
        {7, 0xffffffffL, 0xffffffffL, 0xffffffffL, 0xffffffffL, 0xffffffffL, 0xffffffffL,
            0x5207ddc2L, 0x45165e59L, 0x4d8ee751L, 0x8c52f662L},
        {7, 0x243f6a88L, 0x85a308d3L, 0x13198a2eL, 0x03707344L, 0xa4093822L, 0x299f31d0L,
            0x4dfccabaL, 0x190a87f0L, 0xc47362baL, 0xb6b5242aL},
        {10, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            0x6627e8d5L, 0xe169c58dL, 0xbc57ac4cL, 0x9b00dbd8L},
        {10, 0xffffffffL, 0xffffffffL, 0xffffffffL, 0xffffffffL, 0xffffffffL, 0xffffffffL,
            0x408f276dL, 0x41c83b0eL, 0xa20bc7c6L, 0x6d5451fdL},
        // the pi-digits case: counter and key are the leading hex digits of pi
        {10, 0x243f6a88L, 0x85a308d3L, 0x13198a2eL, 0x03707344L, 0xa4093822L, 0x299f31d0L,
            0xd16cfe09L, 0x94fdccebL, 0x5001e420L, 0x24126ea1L},
    };

    @Test
    void random123KnownAnswers() {
        for (long[] v : KAT) {
            int[] out = new int[4];
            Philox.philox4x32((int) v[0], (int) v[1], (int) v[2], (int) v[3], (int) v[4], (int) v[5], (int) v[6], out, 0);
            for (int l = 0; l < 4; l++) {
                assertEquals((int) v[7 + l], out[l], "philox4x32-" + v[0] + " lane " + l + " for counter " + Long.toHexString(v[1]));
            }
            if (v[0] == 10) {
                int[] ten = Philox.philox4x32_10((int) v[1], (int) v[2], (int) v[3], (int) v[4], (int) v[5], (int) v[6]);
                assertArrayEquals(out, ten);
            }
        }
    }

    @Test
    void blockLaysOutSeedAndCounterAsDocumented() {
        long seed = 0x299f31d0_a4093822L, counter = 0x85a308d3_243f6a88L;
        int[] got = new int[8];
        Philox.block(seed, counter, 0, got, 0);
        Philox.block(seed, counter, 1, got, 4);
        int[] s0 = Philox.philox4x32_10(0x243f6a88, 0x85a308d3, 0, 0, 0xa4093822, 0x299f31d0);
        int[] s1 = Philox.philox4x32_10(0x243f6a88, 0x85a308d3, 1, 0, 0xa4093822, 0x299f31d0);
        for (int l = 0; l < 4; l++) {
            assertEquals(s0[l], got[l]);
            assertEquals(s1[l], got[4 + l]);
        }
    }

    @Test
    void uniformFormulasAtHandPickedWords() {
        assertEquals(0f, Philox.uniformFloat(0));
        assertEquals(0f, Philox.uniformFloat(0xFF)); // the low 8 bits are dropped
        assertEquals(0.5f, Philox.uniformFloat(0x80000000));
        assertEquals(1f - 0x1.0p-24f, Philox.uniformFloat(0xFFFFFFFF));
        assertEquals(0x1.0p-24f, Philox.uniformFloat(0x100));
        assertEquals(0.0, Philox.uniformDouble(0, 0x7FF)); // the low 11 bits of lo are dropped
        assertEquals(0.5, Philox.uniformDouble(0x80000000, 0));
        assertEquals(1.0 - 0x1.0p-53, Philox.uniformDouble(0xFFFFFFFF, 0xFFFFFFFF));
        assertEquals(0x1.0p-53, Philox.uniformDouble(0, 0x800));
        assertEquals(0x1.0p-32, Philox.uniformDouble(1, 0));
    }

    @Test
    void float64UniformTruncatedTo24BitsIsTheFloat32Uniform() {
        qt().withExamples(300).forAll(integers().all(), integers().all()).checkAssert((hi, lo) -> {
            double d = Philox.uniformDouble(hi, lo);
            assertTrue(d >= 0 && d < 1);
            assertEquals(Philox.uniformFloat(hi), (float) (Math.floor(d * 0x1.0p24) * 0x1.0p-24));
        });
    }

    @Test
    void boxMullerAtHandPickedUniforms() {
        double[] z = new double[2];
        // 1 - u1 = e^{-1/2} gives r = 1; u2 = 1/8 gives theta = pi/4.
        Philox.boxMuller(1 - Math.exp(-0.5), 0.125, z, 0);
        assertEquals(Math.sqrt(0.5), z[0], 1e-15);
        assertEquals(Math.sqrt(0.5), z[1], 1e-15);
        // u1 = 0 gives r = 0 whatever the angle.
        Philox.boxMuller(0, 0.3, z, 0);
        assertEquals(0.0, Math.abs(z[0]));
        assertEquals(0.0, Math.abs(z[1]));
        // 1 - u1 = e^{-2} gives r = 2; u2 = 1/2 gives theta = pi: (-2, 0).
        Philox.boxMuller(1 - Math.exp(-2), 0.5, z, 0);
        assertEquals(-2.0, z[0], 1e-15);
        assertEquals(0.0, z[1], 1e-15);
        // The largest float64 uniform gives the largest radius, sqrt(2 * 53 ln 2).
        Philox.boxMuller(1 - 0x1.0p-53, 0, z, 0);
        assertEquals(Math.sqrt(2 * 53 * Math.log(2)), z[0], 1e-12);
    }
}
