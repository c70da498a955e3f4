package dev.teak.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The packing of shapes and strides into int8 lanes, checked by hand; needs no OpenCL device. */
class LayoutTest {
    @Test
    void contiguousOperandsMergeIntoOneDimension() {
        Layout l = Layout.merged("t", new int[] {2, 3, 4}, new int[] {12, 4, 1}, new int[] {12, 4, 1});
        assertEquals(1, l.rank);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 24}, l.shape);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 1}, l.strides(1));
    }

    @Test
    void aTransposedOperandKeepsTheDimensionsItBreaks() {
        // a is [2, 3] contiguous, b is the transpose of a [3, 2] array: strides (1, 2)
        Layout l = Layout.merged("t", new int[] {2, 3}, new int[] {3, 1}, new int[] {1, 2});
        assertEquals(2, l.rank);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 2, 3}, l.shape);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 3, 1}, l.strides(0));
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 1, 2}, l.strides(1));
    }

    @Test
    void sizeOneAndBroadcastDimensionsAreHandled() {
        // [4, 1, 5] with the first axis broadcast (stride 0) against a contiguous output
        Layout l = Layout.merged("t", new int[] {4, 1, 5}, new int[] {0, 5, 1}, new int[] {5, 5, 1});
        assertEquals(2, l.rank);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 4, 5}, l.shape);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 1}, l.strides(0));
        Layout scalar = Layout.merged("t", new int[0], new int[0]);
        assertEquals(0, scalar.rank);
    }

    @Test
    void exactLayoutsKeepEveryAxisInItsLane() {
        Layout l = Layout.exact("gather", new int[] {2, 1, 3}, new int[] {3, 3, 1});
        assertEquals(3, l.rank);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 2, 1, 3}, l.shape);
        assertEquals(6, Layout.lane(1, 3));
    }

    @Test
    void moreThanEightUnmergeableDimensionsAreRefusedByName() {
        int[] shape = new int[9], strides = new int[9];
        for (int d = 0; d < 9; d++) { shape[d] = 2; strides[d] = 1 << (2 * (8 - d)); } // gaps everywhere: nothing merges
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Layout.merged("copy", shape, strides));
        assertTrue(e.getMessage().startsWith("copy: ") && e.getMessage().contains("9"), e.getMessage());
        int[] contiguous = dev.teak.tensor.Shape.contiguousStrides(shape);
        assertEquals(1, Layout.merged("copy", shape, contiguous).rank, "rank 9 but contiguous: fine");
    }
}
