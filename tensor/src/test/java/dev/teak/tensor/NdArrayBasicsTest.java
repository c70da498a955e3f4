package dev.teak.tensor;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Hand-computed values for the core paths: views, broadcasting, reductions, matmul, printing. */
class NdArrayBasicsTest {
    @Test
    void broadcastAddAndViews() {
        NdArray a = NdArray.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        NdArray b = NdArray.of(new float[] {10, 20, 30}, 3);
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, a.add(b).toFloatArray());
        NdArray t = a.transpose(0, 1);
        assertFalse(t.isContiguous());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, t.toFloatArray());
        assertArrayEquals(new float[] {2, 5, 3, 6}, t.slice(0, 1, 3).toFloatArray());
        assertArrayEquals(new float[] {1, 5}, a.diagonal(0, 0, 1).toFloatArray());
        assertArrayEquals(new float[] {1, 3, 4, 6}, a.slice(1, 0, 3, 2).toFloatArray());
        assertArrayEquals(new int[] {3, 2}, t.reshape(3, 2).shape());
    }

    @Test
    void reductions() {
        NdArray a = NdArray.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals(21, a.sum().item());
        assertArrayEquals(new float[] {5, 7, 9}, a.sum(0, false).toFloatArray());
        assertArrayEquals(new float[] {6, 15}, a.sum(1, false).toFloatArray());
        assertArrayEquals(new float[] {3, 6}, a.max(1, false).toFloatArray());
        assertArrayEquals(new long[] {2, 2}, a.argmax(1, false).toLongArray());
        assertArrayEquals(new int[] {2, 1}, a.sum(1, true).shape());
        assertEquals(3.5, a.mean().item(), 1e-6);
    }

    @Test
    void matmulAgainstHandValues() {
        NdArray a = NdArray.of(new float[] {1, 2, 3, 4}, 2, 2);
        NdArray b = NdArray.of(new float[] {5, 6, 7, 8}, 2, 2);
        assertArrayEquals(new float[] {19, 22, 43, 50}, a.matmul(b).toFloatArray());
        assertArrayEquals(new float[] {26, 30, 38, 44}, a.mT().matmul(b).toFloatArray());
    }

    @Test
    void printsLikeNumpy() {
        assertEquals("array([[1., 2.],\n       [3., 4.]], dtype=float32)", NdArray.of(new float[] {1, 2, 3, 4}, 2, 2).toString());
        assertEquals("array([0, 1, 2], dtype=int64)", NdArray.arange(3).toString());
    }
}
