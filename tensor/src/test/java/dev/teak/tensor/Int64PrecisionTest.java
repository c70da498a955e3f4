package dev.teak.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * int64 values beyond 2^53, where a double can no longer tell neighbours apart, survive
 * comparisons, reductions, arg-reductions, equality and printing exactly; integer
 * arithmetic wraps like Java's (and PyTorch's) two's complement.
 */
class Int64PrecisionTest {
    static final long BIG = (1L << 53) + 1; // (double) BIG == (double) (BIG - 1)

    @Test
    void comparisonsUseTheIntegersThemselves() {
        NdArray a = NdArray.of(new long[] {BIG, BIG, -BIG}), b = NdArray.of(new long[] {BIG - 1, BIG, -BIG + 1});
        assertArrayEquals(new boolean[] {false, true, false}, a.eq(b).toBooleanArray());
        assertArrayEquals(new boolean[] {true, false, true}, a.ne(b).toBooleanArray());
        assertArrayEquals(new boolean[] {true, false, false}, a.gt(b).toBooleanArray());
        assertArrayEquals(new boolean[] {false, false, true}, a.lt(b).toBooleanArray());
        assertFalse(a.contentEquals(b));
        assertTrue(a.contentEquals(NdArray.of(new long[] {BIG, BIG, -BIG})));
    }

    @Test
    void reductionsAndArgReductionsAreExact() {
        NdArray a = NdArray.of(new long[] {BIG - 1, BIG, 3, -BIG}, 2, 2).mT(); // non-contiguous on purpose
        assertEquals(BIG, a.max().getLong());
        assertEquals(-BIG, a.min().getLong());
        assertArrayEquals(new long[] {1, 0}, a.argmax(0, false).toLongArray()); // columns [BIG-1, BIG] and [3, -BIG]
        assertArrayEquals(new long[] {BIG, 3}, a.max(0, false).toLongArray());
        assertEquals(2 * BIG - 1 + 3 - BIG, a.sum().getLong());
        assertArrayEquals(new long[] {BIG - 1, BIG - 1 + BIG}, Reductions.cumsum(NdArray.of(new long[] {BIG - 1, BIG}), 0).toLongArray());
    }

    @Test
    void integerArithmeticWrapsAround() {
        NdArray max32 = NdArray.of(new int[] {Integer.MAX_VALUE});
        assertEquals(Integer.MIN_VALUE, max32.add(NdArray.of(new int[] {1})).getLong(0));
        assertEquals(Long.MIN_VALUE, NdArray.of(new long[] {Long.MAX_VALUE}).add(1).getLong(0));
        assertEquals((int) (1L << 40), NdArray.of(new long[] {1L << 40}).to(DType.INT32).getLong(0)); // int64 to int32 keeps the low bits
    }

    @Test
    void conversionToFloat32RoundsOnce() {
        // 2^60 + 2^36 + 1 lies just above the midpoint between two floats; via a double it lands on the midpoint
        long v = (1L << 60) + (1L << 36) + 1;
        assertEquals((double) (float) v, NdArray.of(new long[] {v}).to(DType.FLOAT32).getDouble(0));
        assertEquals((double) (float) v, NdArray.of(new long[] {v}).add(NdArray.of(new float[] {0f})).getDouble(0));
        assertEquals((double) v, NdArray.of(new long[] {v}).to(DType.FLOAT64).getDouble(0));
    }

    @Test
    void printingShowsEveryDigit() {
        assertEquals("array([9007199254740993,                3], dtype=int64)", NdArray.of(new long[] {BIG, 3}).toString());
    }

    @Test
    void arangeCountsWideRangesWithoutOverflow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NdArray.arange(Long.MIN_VALUE / 2, Long.MAX_VALUE / 2 + 10, 1));
        assertTrue(e.getMessage().contains("arange") && e.getMessage().contains("9223372036854775817"), e.getMessage());
        assertArrayEquals(new long[] {Long.MAX_VALUE - 2, Long.MAX_VALUE - 1}, NdArray.arange(Long.MAX_VALUE - 2, Long.MAX_VALUE, 1).toLongArray());
        // (MAX - MIN) / MAX is a little over 2: three elements, the last one past what a long difference could hold
        assertArrayEquals(new long[] {Long.MIN_VALUE, -1, Long.MAX_VALUE - 1}, NdArray.arange(Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE).toLongArray());
        assertArrayEquals(new long[] {5, 3, 1}, NdArray.arange(5, 0, -2).toLongArray());
        assertArrayEquals(new long[] {0, 3, 6, 9}, NdArray.arange(0, 10, 3).toLongArray());
        assertEquals(0, NdArray.arange(5, 0, 1).numel());
    }
}
