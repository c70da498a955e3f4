package dev.teak.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.teak.tensor.testing.Shapes;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.quicktheories.generators.Generate;

/**
 * Bad shapes, axes and indices are refused with an exception whose message names the op,
 * the shapes and the offending argument; sizes beyond one Java array are refused, never
 * wrapped around.
 */
class ErrorMessagesTest {

    /** Asserts {@code call} throws {@code type} with a message containing every fragment. */
    static <T extends Throwable> T fails(Class<T> type, Executable call, String... fragments) {
        T e = assertThrows(type, call);
        for (String f : fragments) assertTrue(e.getMessage() != null && e.getMessage().contains(f), "message \"" + e.getMessage() + "\" lacks \"" + f + "\"");
        return e;
    }

    @Test
    void broadcastFailuresNameTheOpAndBothShapes() {
        qt().withExamples(200).forAll(Shapes.incompatiblePairs(), Generate.range(0, 3)).checkAssert((ab, which) -> {
            NdArray a = NdArray.zeros(ab[0]), b = NdArray.ones(ab[1]);
            String sa = Arrays.toString(ab[0]), sb = Arrays.toString(ab[1]);
            switch (which) {
                case 0: fails(IllegalArgumentException.class, () -> a.add(b), "add", sa, sb); break;
                case 1: fails(IllegalArgumentException.class, () -> a.maximum(b), "max", sa, sb); break;
                case 2: fails(IllegalArgumentException.class, () -> a.lt(b), "lt", sa, sb); break;
                default: fails(IllegalArgumentException.class, () -> Elementwise.where(a.gt(0.5), a, b), "where", sa, sb);
            }
        });
    }

    @Test
    void axesOutOfRangeNameTheOpTheAxisAndTheRank() {
        List<String> ops = List.of("sum", "max", "argmax", "cumsum", "softmax", "transpose", "select", "narrow", "slice",
                "squeeze", "unsqueeze", "size", "permute", "flatten");
        qt().withExamples(300).forAll(Shapes.shapes(1, 4, 1), Generate.pick(ops), Generate.booleans()).checkAssert((shape, op, negative) -> {
            NdArray x = NdArray.zeros(shape);
            int r = shape.length;
            int bad = negative ? -r - 1 : r, badUnsqueeze = negative ? -r - 2 : r + 1;
            Executable call;
            switch (op) {
                case "sum": call = () -> x.sum(bad, false); break;
                case "max": call = () -> x.max(bad, true); break;
                case "argmax": call = () -> x.argmax(bad, false); break;
                case "cumsum": call = () -> Reductions.cumsum(x, bad); break;
                case "softmax": call = () -> Reductions.softmax(x, bad); break;
                case "transpose": call = () -> x.transpose(0, bad); break;
                case "select": call = () -> x.select(bad, 0); break;
                case "narrow": call = () -> x.narrow(bad, 0, 1); break;
                case "slice": call = () -> x.slice(bad, 0, 1); break;
                case "squeeze": call = () -> x.squeeze(bad); break;
                case "unsqueeze": call = () -> x.unsqueeze(badUnsqueeze); break;
                case "size": call = () -> x.size(bad); break;
                case "flatten": call = () -> x.flatten(0, bad); break;
                default: call = () -> x.permute(bad); break;
            }
            int shown = op.equals("unsqueeze") ? badUnsqueeze : bad;
            // softmax's axis is checked by the max it starts with; permute by its own rule
            String name = op.equals("softmax") ? "max" : op;
            if (op.equals("permute")) fails(IllegalArgumentException.class, call, "permute", "rank " + r);
            else fails(IllegalArgumentException.class, call, name, "axis " + shown, "rank " + (op.equals("unsqueeze") ? r + 1 : r));
        });
    }

    @Test
    void indicesOutOfRangeNameTheIndexTheSizeAndTheShape() {
        qt().withExamples(200).forAll(Shapes.shapes(1, 4, 1)).checkAssert(shape -> {
            NdArray x = NdArray.zeros(shape);
            int n = shape[0];
            fails(IndexOutOfBoundsException.class, () -> x.select(0, n), "select", "index " + n, "size " + n, Arrays.toString(shape));
            fails(IndexOutOfBoundsException.class, () -> x.select(0, -n - 1), "select", "index " + (-n - 1));
            int[] idx = new int[shape.length];
            idx[shape.length - 1] = shape[shape.length - 1];
            fails(IndexOutOfBoundsException.class, () -> x.getDouble(idx), "getDouble", "index " + shape[shape.length - 1], Arrays.toString(shape));
            fails(IndexOutOfBoundsException.class, () -> x.narrow(0, 1, n), "narrow", Arrays.toString(shape));
            fails(IndexOutOfBoundsException.class, () -> x.narrow(0, 1, Integer.MAX_VALUE), "narrow", "size " + n);
            fails(IllegalArgumentException.class, () -> x.set(1, new int[shape.length + 1]), "set", Arrays.toString(shape));
        });
    }

    @Test
    void zeroDimArraysHaveNoAxesToIndex() {
        NdArray s = NdArray.scalar(2.5);
        fails(IllegalArgumentException.class, () -> s.select(0, 0), "select", "0-dim");
        fails(IllegalArgumentException.class, () -> s.size(0), "size", "0-dim");
        fails(IllegalArgumentException.class, () -> s.slice(0, 0, 1), "slice", "0-dim");
        fails(IllegalArgumentException.class, () -> s.diagonal(0, 0, 1), "diagonal", "rank >= 2");
        // what PyTorch does allow on a 0-dim array: reduce, squeeze or transpose "axis 0"
        assertEquals(2.5, s.sum(0, false).item());
        assertEquals(0, s.dim());
        assertArrayEquals(new int[0], s.squeeze(0).shape());
        assertArrayEquals(new int[0], s.transpose(0, -1).shape());
        assertArrayEquals(new int[0], s.argmax(0, true).shape());
        assertEquals(2.5, Reductions.mean(s, new int[] {0}, false).item());
        assertEquals(DType.INT64, Reductions.cumsum(NdArray.of(new int[] {7}).reshape(), 0).dtype());
        fails(IllegalArgumentException.class, () -> Reductions.cumsum(s, 1), "cumsum", "axis 1");
        fails(IllegalArgumentException.class, () -> NdArray.zeros(2).item(), "item", "[2]", "2 elements");
    }

    @Test
    void sizesBeyondOneJavaArrayAreRefusedNotWrapped() {
        fails(IllegalArgumentException.class, () -> NdArray.zeros(1 << 16, 1 << 16), "zeros", "[65536, 65536]", "4294967296", "2147483639");
        fails(IllegalArgumentException.class, () -> NdArray.ones(DType.FLOAT64, 1 << 20, 1 << 20, 1 << 20), "1152921504606846976", "[1048576, 1048576, 1048576]");
        // 2^32 elements would wrap to 0 and 2^32 + 2 to 2 with int arithmetic: both refused
        fails(IllegalArgumentException.class, () -> NdArray.scalar(1).expand(1 << 16, 1 << 16), "expand", "[65536, 65536]");
        fails(IllegalArgumentException.class, () -> NdArray.zeros(1, 3).expand(1 << 30, 3), "expand", "3221225472");
        fails(IllegalArgumentException.class, () -> NdArray.zeros(2, 1).expand(2, Integer.MAX_VALUE), "expand", "4294967294");
        // an empty array may have huge sizes elsewhere, as in PyTorch
        assertEquals(0, NdArray.zeros(0, 1 << 16, 1 << 16).numel());
        fails(IllegalArgumentException.class, () -> NdArray.zeros(2, -1), "zeros", "negative size -1", "[2, -1]");
        fails(IllegalArgumentException.class, () -> NdArray.zeros(3).expand(-1, 3), "expand", "-1", "[3]");
    }

    @Test
    void badShapesNameBothShapes() {
        NdArray x = NdArray.zeros(2, 3);
        fails(IllegalArgumentException.class, () -> x.reshape(4, 2), "reshape", "[4, 2]", "8", "6");
        fails(IllegalArgumentException.class, () -> x.reshape(-1, -1), "reshape", "only one -1");
        fails(IllegalArgumentException.class, () -> x.reshape(-1, 4), "reshape", "[-1, 4]", "6");
        fails(IllegalArgumentException.class, () -> x.mT().view(6), "view", "[3, 2]", "[6]", "reshape");
        fails(IllegalArgumentException.class, () -> x.expand(4, 3), "expand", "[2, 3]", "[4, 3]");
        fails(IllegalArgumentException.class, () -> x.expand(3), "expand", "[2, 3]", "[3]");
        fails(IllegalArgumentException.class, () -> x.permute(0, 0), "permute", "repeated");
        fails(IllegalArgumentException.class, () -> x.slice(0, 0, 2, 0), "slice", "step");
        fails(IllegalArgumentException.class, () -> x.matmul(NdArray.zeros(2, 3)), "matmul", "[2, 3]", "3 columns", "2 rows");
        fails(IllegalArgumentException.class, () -> x.matmul(NdArray.scalar(1)), "matmul", "[2, 3]", "[]");
        fails(IllegalArgumentException.class, () -> NdArray.zeros(2, 2, 3).matmul(NdArray.zeros(3, 3, 1)), "matmul", "[2]", "[3]");
        fails(IllegalArgumentException.class, () -> x.sum(new int[] {1, -1}, false), "sum", "twice");
        fails(IllegalArgumentException.class, () -> NdArray.zeros(0, 3).max(0, false), "max", "size 0", "[0, 3]");
        fails(IllegalArgumentException.class, () -> NdArray.of(new float[] {1, 2, 3}, 2, 2), "of", "[2, 2]", "3");
        fails(IllegalArgumentException.class, () -> NdArray.linspace(0, 1, -1, DType.FLOAT32), "linspace", "-1");
        fails(IllegalArgumentException.class, () -> NdArray.arange(0, 5, 0), "arange", "step");
        fails(IllegalArgumentException.class, () -> NdArray.eye(-2, DType.FLOAT32), "zeros", "negative size -2");
    }

    @Test
    void copyFromNamesBothShapes() {
        NdArray x = NdArray.zeros(2, 3);
        fails(IllegalArgumentException.class, () -> x.copyFrom(NdArray.zeros(3, 2)), "broadcastTo", "[3, 2]", "[2, 3]");
    }
}
