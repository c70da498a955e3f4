package dev.teak.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.teak.tensor.testing.ArrayGen;
import dev.teak.tensor.testing.ArrayGen.Range;
import dev.teak.tensor.testing.Dense;
import org.junit.jupiter.api.Test;

/**
 * {@code toString} against what {@code repr(numpy.array(...))} prints with default options
 * for the same data (NumPy omits the dtype for float64, int64 and bool; Teak always shows it).
 */
class FormatTest {

    @Test
    void matricesAlignOnTheDecimalPoint() {
        assertEquals("array([[1., 2.],\n       [3., 4.]], dtype=float32)", NdArray.of(new float[] {1, 2, 3, 4}, 2, 2).toString());
        assertEquals("array([ 1.5 ,  2.25, -3.  ], dtype=float32)", NdArray.of(new float[] {1.5f, 2.25f, -3f}).toString());
        assertEquals("array([0.1       , 0.33333334], dtype=float32)", NdArray.of(new float[] {0.1f, 1f / 3}).toString());
        assertEquals("array([0.1       , 0.33333333], dtype=float64)", NdArray.of(new double[] {0.1, 1.0 / 3}).toString());
        assertEquals("array([-0.,  0.], dtype=float64)", NdArray.of(new double[] {-0.0, 0.0}).toString());
    }

    @Test
    void scientificNotationWhenMagnitudesSpreadWide() {
        assertEquals("array([1.e-01, 1.e-05], dtype=float32)", NdArray.of(new float[] {0.1f, 1e-5f}).toString());
        assertEquals("array([1.5e+08, 2.0e+00], dtype=float64)", NdArray.of(new double[] {1.5e8, 2}).toString());
        assertEquals("array([ 1.000e+00, -1.234e+04], dtype=float64)", NdArray.of(new double[] {1, -12340}).toString());
    }

    @Test
    void nanAndInfinityTakeTheirRoom() {
        assertEquals("array([  1.,  nan, -inf], dtype=float64)",
                NdArray.of(new double[] {1, Double.NaN, Double.NEGATIVE_INFINITY}).toString());
        assertEquals("array([nan, inf], dtype=float32)", NdArray.of(new float[] {Float.NaN, Float.POSITIVE_INFINITY}).toString());
    }

    @Test
    void integersAndBoolsRightAlign() {
        assertEquals("array([[  1, -20],\n       [300,   4]], dtype=int32)", NdArray.of(new int[] {1, -20, 300, 4}, 2, 2).toString());
        assertEquals("array([ True, False], dtype=bool)", NdArray.of(new boolean[] {true, false}).toString());
        assertEquals("array([ True,  True], dtype=bool)", NdArray.of(new boolean[] {true, true}).toString());
        assertEquals("array([0, 1, 2], dtype=int64)", NdArray.arange(3).toString());
    }

    @Test
    void rankZeroEmptyAndHigherRanks() {
        assertEquals("array(2.5, dtype=float32)", NdArray.scalar(2.5).toString());
        assertEquals("array(True, dtype=bool)", NdArray.scalar(1, DType.BOOL).toString());
        assertEquals("array([], dtype=float32)", NdArray.zeros(0).toString());
        assertEquals("array([], shape=(2, 0), dtype=float32)", NdArray.zeros(2, 0).toString());
        assertEquals("array([[[0., 1.],\n        [2., 3.]],\n\n       [[4., 5.],\n        [6., 7.]]], dtype=float32)",
                NdArray.arange(8).to(DType.FLOAT32).reshape(2, 2, 2).toString());
        // a transposed view prints its logical order
        assertEquals("array([[1, 3],\n       [2, 4]], dtype=int32)", NdArray.of(new int[] {1, 2, 3, 4}, 2, 2).mT().toString());
    }

    @Test
    void longRowsWrapAtSeventyFiveCharacters() {
        assertEquals("array([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16,\n"
                + "       17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29], dtype=int64)", NdArray.arange(30).toString());
    }

    @Test
    void largeArraysAreSummarisedWithEllipses() {
        // numpy.arange(2000.): only the six edge values decide the format, and 1999/1 > 1000 picks scientific
        assertEquals("array([0.000e+00, 1.000e+00, 2.000e+00, ..., 1.997e+03, 1.998e+03,\n"
                + "       1.999e+03], dtype=float32)", NdArray.arange(2000).to(DType.FLOAT32).toString());
        assertEquals("array([[   0,    1,    2, ...,  997,  998,  999],\n"
                + "       [1000, 1001, 1002, ..., 1997, 1998, 1999]], dtype=int64)", NdArray.arange(2000).reshape(2, 1000).toString());
        assertEquals("array([[   0,    1],\n       [   2,    3],\n       [   4,    5],\n       ...,\n"
                + "       [1994, 1995],\n       [1996, 1997],\n       [1998, 1999]], dtype=int64)", NdArray.arange(2000).reshape(1000, 2).toString());
        // at the threshold itself nothing is left out
        String full = NdArray.arange(1000).toString();
        assertEquals(false, full.contains("..."));
        assertEquals(true, full.contains(" 500,"));
    }

    @Test
    void anyArrayPrintsWithinTheLineWidthShowingEveryElementInOrder() {
        qt().withExamples(300).forAll(ArrayGen.arrays(Range.GENERAL)).checkAssert(x -> {
            String s = x.toString();
            for (String line : s.split("\n")) assertTrue(line.length() <= 75, "line of " + line.length() + " characters in\n" + s);
            assertTrue(s.startsWith("array(") && s.endsWith("dtype=" + x.dtype().pyName() + ")"), s);
            if (x.numel() == 0 || x.numel() > 1000 || x.dim() == 0 || x.dtype() != DType.INT32 && x.dtype() != DType.INT64) return;
            // integers print exactly: reading the numbers back gives the elements in row-major order
            String digits = s.substring("array(".length(), s.lastIndexOf("dtype")).replaceAll("[^0-9-]+", " ").trim();
            double[] want = Dense.read(x).data;
            String[] got = digits.split(" ");
            assertEquals(want.length, got.length, s);
            for (int i = 0; i < want.length; i++) assertEquals((long) want[i], Long.parseLong(got[i]), s);
        });
    }
}
