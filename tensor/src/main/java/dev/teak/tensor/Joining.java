package dev.teak.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Joining and cutting arrays along an axis, with PyTorch's semantics: {@code concat}
 * ({@code torch.cat}), {@code stack}, {@code split}, {@code chunk} and constant {@code pad}.
 *
 * <p>The joins allocate their output once and write each input into a slice view of it with
 * {@link NdArray#copyFrom}; the backend copy handles strided destinations and dtype conversion,
 * so every backend gets these ops without a kernel of its own. The cuts return views.
 */
public final class Joining {
    private Joining() {}

    /**
     * Joins arrays of equal rank along {@code axis}; all other sizes must agree. The result has
     * the promoted dtype of the inputs. As in PyTorch, 1-D arrays of size 0 are skipped whatever
     * the rank of the others (the legacy "empty" array).
     */
    public static NdArray concat(int axis, NdArray... xs) {
        if (xs == null || xs.length == 0) throw new IllegalArgumentException("concat: needs at least one array");
        List<NdArray> parts = new ArrayList<>();
        DType dtype = xs[0].dtype();
        for (NdArray x : xs) {
            xs[0].requireSameDevice("concat", x);
            dtype = DType.promote(dtype, x.dtype());
            if (!(x.dim() == 1 && x.size(0) == 0)) parts.add(x);
        }
        if (parts.isEmpty()) return NdArray.zeros(xs[0].backend(), dtype, 0);
        NdArray first = parts.get(0);
        if (first.dim() == 0) {
            throw new IllegalArgumentException("concat: zero-dimensional arrays cannot be concatenated; got shapes " + shapes(xs));
        }
        int ax = Shape.axis("concat", axis, first.dim());
        int[] outShape = first.shape();
        long total = 0;
        for (int k = 0; k < parts.size(); k++) {
            int[] s = parts.get(k).shape();
            if (s.length != outShape.length) {
                throw new IllegalArgumentException("concat: all arrays need rank " + outShape.length + ", but array "
                        + indexOf(xs, parts.get(k)) + " has shape " + Shape.str(s) + " (shapes " + shapes(xs) + ")");
            }
            for (int d = 0; d < s.length; d++) {
                if (d != ax && s[d] != outShape[d]) {
                    throw new IllegalArgumentException("concat: sizes must match except along axis " + axis + ", but array "
                            + indexOf(xs, parts.get(k)) + " has size " + s[d] + " at axis " + d + " where array 0 has "
                            + outShape[d] + " (shapes " + shapes(xs) + ")");
                }
            }
            total += s[ax];
        }
        if (total > Integer.MAX_VALUE) throw new IllegalArgumentException("concat: axis " + axis + " would have " + total + " elements");
        outShape[ax] = (int) total;
        NdArray out = NdArray.empty(first.backend(), dtype, outShape);   // the parts cover it
        int at = 0;
        for (NdArray p : parts) {
            int n = p.size(ax);
            if (n > 0) out.narrow(ax, at, n).copyFrom(p);
            at += n;
        }
        return out;
    }

    /** {@link #concat(int, NdArray...)} over a list. */
    public static NdArray concat(int axis, List<NdArray> xs) { return concat(axis, xs.toArray(new NdArray[0])); }

    /** Joins arrays of one shape along a new axis at {@code axis} (in {@code [-rank-1, rank]}), like {@code torch.stack}. */
    public static NdArray stack(int axis, NdArray... xs) {
        if (xs == null || xs.length == 0) throw new IllegalArgumentException("stack: needs at least one array");
        int[] shape = xs[0].shape();
        for (int k = 1; k < xs.length; k++) {
            if (!Arrays.equals(xs[k].shape(), shape)) {
                throw new IllegalArgumentException("stack: all arrays need one shape, but array " + k + " has shape "
                        + Shape.str(xs[k].shape()) + " and array 0 has " + Shape.str(shape));
            }
        }
        int ax = Shape.axis("stack", axis, shape.length + 1);
        NdArray[] lifted = new NdArray[xs.length];
        for (int k = 0; k < xs.length; k++) lifted[k] = xs[k].unsqueeze(ax);
        return concat(ax, lifted);
    }

    /** {@link #stack(int, NdArray...)} over a list. */
    public static NdArray stack(int axis, List<NdArray> xs) { return stack(axis, xs.toArray(new NdArray[0])); }

    /**
     * Views of consecutive pieces along {@code axis} ({@code torch.split}). One value is a piece
     * size: every piece has that size but the last, which may be smaller. Several values are
     * the sizes of the pieces and must add up to the size of the axis.
     */
    public static List<NdArray> split(NdArray x, int axis, int... sizeOrSizes) {
        if (x.dim() == 0) throw new IllegalArgumentException("split: cannot split a zero-dimensional array");
        int ax = Shape.axis("split", axis, x.dim());
        int n = x.size(ax);
        if (sizeOrSizes == null || sizeOrSizes.length == 0) {
            throw new IllegalArgumentException("split: needs a piece size or a list of sizes for axis " + axis + " of shape " + Shape.str(x.shape()));
        }
        int[] sizes;
        if (sizeOrSizes.length == 1) {
            int size = sizeOrSizes[0];
            if (size < 0 || (size == 0 && n > 0)) {
                throw new IllegalArgumentException("split: piece size must be positive, got " + size + " for axis " + axis
                        + " of shape " + Shape.str(x.shape()));
            }
            int count = size == 0 ? 1 : Math.max(1, (n + size - 1) / size);
            sizes = new int[count];
            for (int k = 0; k < count; k++) sizes[k] = Math.min(size, n - k * size);
        } else {
            sizes = sizeOrSizes.clone();
            long sum = 0;
            for (int s : sizes) {
                if (s < 0) throw new IllegalArgumentException("split: negative piece size " + s + " in " + Arrays.toString(sizeOrSizes));
                sum += s;
            }
            if (sum != n) {
                throw new IllegalArgumentException("split: sizes " + Arrays.toString(sizeOrSizes) + " add up to " + sum
                        + " but axis " + axis + " of shape " + Shape.str(x.shape()) + " has size " + n);
            }
        }
        List<NdArray> out = new ArrayList<>(sizes.length);
        int at = 0;
        for (int s : sizes) {
            out.add(x.narrow(ax, at, s));
            at += s;
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * At most {@code chunks} views along {@code axis}, each of size {@code ceil(n / chunks)} but
     * the last ({@code torch.chunk}); fewer pieces come back when the sizes do not allow more.
     */
    public static List<NdArray> chunk(NdArray x, int chunks, int axis) {
        if (chunks < 1) throw new IllegalArgumentException("chunk: number of chunks must be positive, got " + chunks);
        if (x.dim() == 0) throw new IllegalArgumentException("chunk: cannot chunk a zero-dimensional array");
        int ax = Shape.axis("chunk", axis, x.dim());
        int n = x.size(ax);
        if (n == 0) {
            int[] zeros = new int[chunks]; // PyTorch keeps the count of empty pieces here
            return chunks == 1 ? split(x, ax, 0) : split(x, ax, zeros);
        }
        return split(x, ax, (n + chunks - 1) / chunks);
    }

    /**
     * Constant padding ({@code torch.nn.functional.pad} with mode "constant"). {@code padding}
     * holds (before, after) pairs starting from the last axis: {@code {l, r}} pads the last axis,
     * {@code {l, r, t, b}} the last two. Negative amounts crop, as in PyTorch.
     */
    public static NdArray pad(NdArray x, int[] padding, double value) {
        int rank = x.dim();
        if (padding.length % 2 != 0 || padding.length / 2 > rank) {
            throw new IllegalArgumentException("pad: padding " + Arrays.toString(padding) + " must hold (before, after) pairs for at most "
                    + rank + " axes of shape " + Shape.str(x.shape()));
        }
        if (!x.dtype().isFloating() && (value != Math.rint(value) || Double.isInfinite(value))) {
            throw new IllegalArgumentException("pad: value " + value + " does not fit the " + x.dtype().pyName() + " array of shape " + Shape.str(x.shape()));
        }
        int[] outShape = x.shape();
        NdArray src = x;
        int[] before = new int[rank];
        for (int p = 0; p < padding.length / 2; p++) {
            int d = rank - 1 - p, lo = padding[2 * p], hi = padding[2 * p + 1];
            // Negative amounts crop the source first (PyTorch narrows before it pads).
            int cropLo = Math.max(0, -lo), cropHi = Math.max(0, -hi);
            if ((long) cropLo + cropHi > outShape[d]) {
                throw new IllegalArgumentException("pad: padding " + Arrays.toString(padding) + " crops " + ((long) cropLo + cropHi)
                        + " elements from axis " + d + " of size " + outShape[d] + " in shape " + Shape.str(x.shape()));
            }
            long size = (long) outShape[d] + lo + hi;
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("pad: padding " + Arrays.toString(padding) + " gives size " + size + " at axis " + d
                        + " of shape " + Shape.str(x.shape()));
            }
            src = src.narrow(d, cropLo, outShape[d] - cropLo - cropHi);
            before[d] = Math.max(0, lo);
            outShape[d] = (int) size;
        }
        NdArray out = NdArray.zeros(x.backend(), x.dtype(), outShape);
        if (value != 0) out.fill(value);
        if (src.numel() == 0) return out;
        NdArray dst = out;
        for (int d = 0; d < rank; d++) dst = dst.narrow(d, before[d], src.size(d));
        dst.copyFrom(src);
        return out;
    }

    /** Zero padding. */
    public static NdArray pad(NdArray x, int... padding) { return pad(x, padding, 0); }

    private static String shapes(NdArray[] xs) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < xs.length; k++) sb.append(k == 0 ? "" : ", ").append(Shape.str(xs[k].shape()));
        return sb.toString();
    }

    private static int indexOf(NdArray[] xs, NdArray x) {
        for (int k = 0; k < xs.length; k++) if (xs[k] == x) return k;
        return -1;
    }
}
