package dev.teak.tensor.random;

/**
 * The Philox 4x32-10 counter-based bijection of Salmon, Moraes, Dror and Shaw, "Parallel random
 * numbers: as easy as 1, 2, 3" (SC 2011; the Random123 library), and the conversions from its
 * 32-bit output words to uniform and normal variates. These static functions <em>define</em>
 * Teak's random stream: every backend (the CPU one here, the OpenCL kernels) must reproduce them,
 * bit for bit: the integer words and uniforms use only integer operations and exact scalings,
 * and the normals only IEEE double arithmetic in a fixed order (see {@link PortableMath}).
 *
 * <h2>The bijection</h2>
 * A 128-bit counter {@code (c0, c1, c2, c3)} and a 64-bit key {@code (k0, k1)}, all unsigned
 * 32-bit words, go through 10 rounds. One round, with {@code mulhilo(M, x)} the high and low
 * halves of the 64-bit product {@code M * x}:
 * <pre>
 *   (hi0, lo0) = mulhilo(0xD2511F53, c0)
 *   (hi1, lo1) = mulhilo(0xCD9E8D57, c2)
 *   (c0, c1, c2, c3) = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0)
 * </pre>
 * Between rounds the key takes a Weyl step: {@code k0 += 0x9E3779B9}, {@code k1 += 0xBB67AE85}
 * (mod 2^32), so round {@code r} (from 0) uses {@code k0 + r * 0x9E3779B9}.
 *
 * <h2>How Teak lays out its stream</h2>
 * A draw is addressed by a 64-bit {@code seed} and a 64-bit block {@code counter}:
 * {@code k0 = (int) seed}, {@code k1 = (int) (seed >>> 32)},
 * {@code c0 = (int) counter}, {@code c1 = (int) (counter >>> 32)}, {@code c2 = substream},
 * {@code c3 = 0}. Substream 0 gives every draw's 32-bit word; substream 1 is read only by float64
 * uniforms for their low bits (see {@link #uniformDouble}). Element {@code i} of a fill that starts
 * at block {@code counter} reads lane {@code i % 4} of block {@code counter + i / 4} (mod 2^64).
 * With {@code w0}, {@code w1} the words of that block in substreams 0 and 1:
 * <ul>
 * <li>float32 uniform: {@code uniformFloat(w0[lane])};</li>
 * <li>float64 uniform: {@code uniformDouble(w0[lane], w1[lane])};</li>
 * <li>normal: the block's four uniforms of the output dtype {@code u[0..3]} give
 *     {@code boxMuller(u[0], u[1])} for lanes 0, 1 and {@code boxMuller(u[2], u[3])} for lanes 2, 3.</li>
 * </ul>
 * Taking the extra float64 bits from substream 1 rather than from more blocks keeps the
 * block-per-four-elements layout for every dtype, so a fill of {@code n} elements always uses
 * {@code ceil(n / 4)} counter values and float32 and float64 draws of one position agree.
 */
public final class Philox {
    private Philox() {}

    /** Round multipliers of Philox 4x32 (Salmon et al., Table 2). */
    public static final int M0 = 0xD2511F53, M1 = 0xCD9E8D57;
    /** Weyl key increments: the golden ratio and sqrt(3) - 1 as 32-bit fractions. */
    public static final int W0 = 0x9E3779B9, W1 = 0xBB67AE85;
    /** The round count of Philox 4x32-10. */
    public static final int ROUNDS = 10;

    /** 2^-24: the spacing of float32 uniforms. */
    public static final float TWO_POW_M24 = 0x1.0p-24f;
    /** 2^-53: the spacing of float64 uniforms. */
    public static final double TWO_POW_M53 = 0x1.0p-53;

    /**
     * Philox 4x32 with {@code rounds} rounds on counter {@code ctr[0..3]} and key {@code key[0..1]},
     * writing four words into {@code out[at..at+3]}. Ten rounds is the standard generator; other
     * counts exist for the published known-answer tests (Random123 also lists 7 rounds).
     */
    public static void philox4x32(int rounds, int c0, int c1, int c2, int c3, int k0, int k1, int[] out, int at) {
        for (int r = 0; r < rounds; r++) {
            if (r > 0) { k0 += W0; k1 += W1; }
            long p0 = (M0 & 0xFFFFFFFFL) * (c0 & 0xFFFFFFFFL);
            long p1 = (M1 & 0xFFFFFFFFL) * (c2 & 0xFFFFFFFFL);
            int hi0 = (int) (p0 >>> 32), lo0 = (int) p0;
            int hi1 = (int) (p1 >>> 32), lo1 = (int) p1;
            c0 = hi1 ^ c1 ^ k0;
            c1 = lo1;
            c2 = hi0 ^ c3 ^ k1;
            c3 = lo0;
        }
        out[at] = c0;
        out[at + 1] = c1;
        out[at + 2] = c2;
        out[at + 3] = c3;
    }

    /** Philox 4x32-10 on explicit words; returns the four output words. */
    public static int[] philox4x32_10(int c0, int c1, int c2, int c3, int k0, int k1) {
        int[] out = new int[4];
        philox4x32(ROUNDS, c0, c1, c2, c3, k0, k1, out, 0);
        return out;
    }

    /**
     * The four words of block {@code counter} in {@code substream} for {@code seed}, in Teak's
     * layout (see the class comment), written into {@code out[at..at+3]}.
     */
    public static void block(long seed, long counter, int substream, int[] out, int at) {
        philox4x32(ROUNDS, (int) counter, (int) (counter >>> 32), substream, 0, (int) seed, (int) (seed >>> 32), out, at);
    }

    /**
     * A float32 uniform in [0, 1) from one word: its top 24 bits times 2^-24, that is
     * {@code (w >>> 8) * 2^-24}. Every value is exact in float32; the largest is {@code 1 - 2^-24}.
     */
    public static float uniformFloat(int word) {
        return (word >>> 8) * TWO_POW_M24;
    }

    /**
     * A float64 uniform in [0, 1) from two words: 32 bits of {@code hi} and the top 21 bits of
     * {@code lo}, {@code (((long) hi unsigned << 21) | (lo >>> 11)) * 2^-53}. Every value is exact;
     * the largest is {@code 1 - 2^-53}. In a fill, {@code hi} is the substream-0 word of the element
     * and {@code lo} the word in the same lane and block of substream 1, so a float64 uniform
     * truncated to 24 bits equals the float32 uniform of the same element.
     */
    public static double uniformDouble(int hi, int lo) {
        long bits = ((hi & 0xFFFFFFFFL) << 21) | (lo >>> 11);
        return bits * TWO_POW_M53;
    }

    /**
     * The Box-Muller transform of two uniforms in [0, 1), written into {@code out[at]} and
     * {@code out[at+1]}:
     * <pre>
     *   r = sqrt(-2 * log(1 - u1))          (1 - u1 in (0, 1]: exact for both uniform formats)
     *   (s, c) = sinCos2Pi(u2)               (sin and cos of 2 pi u2)
     *   z0 = r * c,  z1 = r * s
     * </pre>
     * in double, with {@code log} and {@code sinCos2Pi} the fixed-arithmetic functions of
     * {@link PortableMath} and a correctly rounded square root, so the normals are the same bits
     * on every JVM and on an OpenCL device that follows the same steps in double. Float32 normals
     * are these doubles rounded to nearest float. In a fill, lanes (0, 1) and (2, 3) of a block
     * form the two pairs {@code (u1, u2)}.
     */
    public static void boxMuller(double u1, double u2, double[] out, int at) {
        double r = Math.sqrt(-2.0 * PortableMath.log(1.0 - u1));
        PortableMath.sinCos2Pi(u2, out, at);
        double s = out[at], c = out[at + 1];
        out[at] = r * c;
        out[at + 1] = r * s;
    }
}
