package dev.teak.tensor.testing;

import static dev.teak.tensor.testing.Shapes.draw;
import static dev.teak.tensor.testing.Shapes.oneIn;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.cpu.CpuStorage;
import java.util.Arrays;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators of array contents and of strided layouts that hold them.
 *
 * <p>{@link #layout} is the heart of it: given the logical content, it builds a fresh storage
 * and a layout over it that is, by default, not contiguous. The axes are laid out in a random
 * physical order (a permuted or transposed view), each with a step of 1-3 (a sliced view with
 * steps) and padding between rows, at an offset into a larger storage; axes along which the
 * content is constant may get stride 0 (an expanded view), and size-1 axes get arbitrary
 * strides (which PyTorch allows and contiguity checks must ignore). Now and then an axis is
 * walked backwards with a negative stride: PyTorch never makes such views, but the public
 * {@code NdArray} constructor accepts them, so every loop must read them. Unused storage is filled
 * with a loud value ({@link #JUNK}) so a kernel that reads outside the view shows up.
 */
public final class ArrayGen {
    private ArrayGen() {}

    /** What fills the gaps of a layout: never a value the generators produce. */
    public static final double JUNK = 987654.0;

    /** Value ranges for generated elements. */
    public enum Range {
        /** Floats in [-10, 10] with about one element in 12 special (0, -0, NaN, +-inf, huge, tiny); ints in [-20, 20]. */
        GENERAL(-10, 10, true),
        /** Floats in [-10, 10], ints in [-20, 20], no specials. */
        FINITE(-10, 10, false),
        /** Values in [-2, 2], no specials: products and powers stay finite. */
        SMALL(-2, 2, false),
        /** Values in [0.25, 4] (ints [1, 4]): safe for log, sqrt, division. */
        POSITIVE(0.25, 4, false),
        /** Floats in [0.5, 1.5] (ints as {@link #SMALL}): long products neither overflow nor vanish. */
        NEAR_ONE(0.5, 1.5, false);

        final double lo, hi;
        final boolean specials;

        Range(double lo, double hi, boolean specials) { this.lo = lo; this.hi = hi; this.specials = specials; }
    }

    private static final double[] SPECIALS = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            1e30, -3e-30, 88.75, -104.5, 1.5, -0.5};

    /** One element of a dtype in a range. */
    public static double value(RandomnessSource rs, DType dtype, Range r) {
        switch (dtype) {
            case BOOL: return draw(rs, 0, 1);
            case INT32: case INT64: {
                if (r == Range.POSITIVE) return draw(rs, 1, 4);
                return r == Range.SMALL || r == Range.NEAR_ONE ? draw(rs, -2, 2) : draw(rs, -20, 20);
            }
            default: {
                if (r.specials && oneIn(rs, 12)) return Dense.convert(SPECIALS[draw(rs, 0, SPECIALS.length - 1)], dtype);
                double u = draw(rs, -1_000_000, 1_000_000) / 1e6; // in [-1, 1], shrinking towards 0
                double v = r.lo + (r.hi - r.lo) * (u + 1) / 2;
                return Dense.convert(v, dtype);
            }
        }
    }

    /**
     * Row-major values of a shape. About one time in four, some axes are made constant (the
     * content of a broadcast), so that {@link #layout} can represent them with stride 0.
     */
    public static Dense values(RandomnessSource rs, DType dtype, int[] shape, Range r) {
        int[] base = shape.clone();
        if (oneIn(rs, 4)) for (int d = 0; d < base.length; d++) if (oneIn(rs, 2)) base[d] = Math.min(base[d], 1);
        double[] b = new double[(int) Shapes.numel(base)];
        for (int i = 0; i < b.length; i++) b[i] = value(rs, dtype, r);
        Dense small = new Dense(base, b);
        if (Arrays.equals(base, shape)) return small;
        Dense out = Dense.zeros(shape);
        int[] idx = new int[shape.length];
        for (int f = 0; f < out.data.length; f++) {
            out.data[f] = small.atBroadcast(idx);
            Dense.next(idx, shape);
        }
        return out;
    }

    /**
     * Values for large arrays, drawn from a {@link java.util.SplittableRandom} seeded by one
     * QuickTheories draw: a failing case then shrinks only its seed, shape and layout instead
     * of hundreds of thousands of recorded draws (which can exhaust the heap while shrinking).
     */
    public static Dense seededValues(RandomnessSource rs, DType dtype, int[] shape, Range r) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(Generate.longRange(0, Long.MAX_VALUE).generate(rs));
        double[] out = new double[(int) Shapes.numel(shape)];
        for (int i = 0; i < out.length; i++) {
            switch (dtype) {
                case BOOL: out[i] = rnd.nextInt(2); break;
                case INT32: case INT64: out[i] = rnd.nextInt(-20, 21); break;
                default: out[i] = Dense.convert(r.lo + (r.hi - r.lo) * rnd.nextDouble(), dtype);
            }
        }
        return new Dense(shape, out);
    }

    /** A random strided layout (see the class comment) holding exactly {@code v}, in dtype {@code dtype}. */
    public static NdArray layout(RandomnessSource rs, Dense v, DType dtype) {
        int rank = v.rank();
        if (oneIn(rs, 6)) return contiguous(v, dtype, draw(rs, 0, 2)); // sometimes plain, maybe with an offset
        int[] order = Shapes.permutation(rs, rank); // order[0] is the outermost physical axis
        int[] strides = new int[rank];
        long running = 1;
        for (int p = rank - 1; p >= 0; p--) {
            int d = order[p], n = v.shape[d];
            if (n == 1) {
                strides[d] = draw(rs, 0, 9); // any stride is valid for a size-1 axis
            } else if (n > 1 && oneIn(rs, 2) && v.constantAlong(d)) {
                strides[d] = 0;
            } else {
                int step = oneIn(rs, 3) ? draw(rs, 2, 3) : 1;
                int pad = oneIn(rs, 3) ? draw(rs, 1, 2) : 0;
                strides[d] = (int) (running * step);
                running *= (long) Math.max(n - 1, 0) * step + 1 + pad;
            }
        }
        int offset = oneIn(rs, 2) ? draw(rs, 1, 5) : 0;
        int size = (int) (offset + running + draw(rs, 0, 3));
        for (int d = 0; d < rank; d++) {
            if (v.shape[d] > 1 && strides[d] > 0 && oneIn(rs, 8)) { // walk this axis backwards
                offset += (v.shape[d] - 1) * strides[d];
                strides[d] = -strides[d];
            }
        }
        CpuStorage s = CpuStorage.allocate(dtype, size);
        for (int i = 0; i < size; i++) s.setDouble(i, dtype == DType.BOOL ? i % 2 : JUNK);
        int[] idx = new int[rank];
        for (int f = 0; f < v.numel(); f++) {
            long off = offset;
            for (int d = 0; d < rank; d++) off += (long) idx[d] * strides[d];
            s.setDouble((int) off, v.data[f]);
            Dense.next(idx, v.shape);
        }
        return new NdArray(s, v.shape, strides, offset);
    }

    /** A contiguous array holding {@code v}, starting {@code offset} elements into its storage. */
    public static NdArray contiguous(Dense v, DType dtype, int offset) {
        CpuStorage s = CpuStorage.allocate(dtype, offset + v.numel());
        for (int i = 0; i < offset; i++) s.setDouble(i, dtype == DType.BOOL ? 1 : JUNK);
        for (int i = 0; i < v.numel(); i++) s.setDouble(offset + i, v.data[i]);
        int[] strides = new int[v.rank()];
        int acc = 1;
        for (int d = v.rank() - 1; d >= 0; d--) { strides[d] = acc; acc *= Math.max(v.shape[d], 1); }
        return new NdArray(s, v.shape, strides, offset);
    }

    /** Arrays of a dtype and shape in a random layout. */
    public static Gen<NdArray> arrays(DType dtype, int[] shape, Range r) {
        Gen<NdArray> g = rs -> layout(rs, values(rs, dtype, shape, r), dtype);
        return g.describedAs(ArrayGen::describe);
    }

    /** Arrays of a dtype, random shape (rank 0-4) and random layout. */
    public static Gen<NdArray> arrays(DType dtype, Range r) {
        Gen<NdArray> g = rs -> layout(rs, values(rs, dtype, Shapes.shapes().generate(rs), r), dtype);
        return g.describedAs(ArrayGen::describe);
    }

    /** Arrays of any dtype. */
    public static Gen<NdArray> arrays(Range r) {
        Gen<NdArray> g = rs -> {
            DType t = DType.values()[draw(rs, 0, DType.values().length - 1)];
            return layout(rs, values(rs, t, Shapes.shapes().generate(rs), r), t);
        };
        return g.describedAs(ArrayGen::describe);
    }

    /**
     * {@code n} arrays whose shapes broadcast together, each in a random layout, with dtypes
     * drawn from {@code choices} (all five when empty).
     */
    public static Gen<NdArray[]> broadcastArrays(int n, Range r, DType... choices) {
        DType[] pool = choices.length == 0 ? DType.values() : choices;
        Gen<NdArray[]> g = rs -> {
            int[][] shapes = Shapes.broadcastable(n, 0).generate(rs);
            NdArray[] out = new NdArray[n];
            for (int k = 0; k < n; k++) {
                DType t = pool[draw(rs, 0, pool.length - 1)];
                out[k] = layout(rs, values(rs, t, shapes[k], r), t);
            }
            return out;
        };
        return g.describedAs(ArrayGen::describe);
    }

    /** Another layout of the same logical content as {@code a} (and dtype). */
    public static NdArray relayout(RandomnessSource rs, NdArray a) {
        return layout(rs, Dense.read(a), a.dtype());
    }

    /** Other layouts of the same logical content and dtype as {@code a} (a fresh storage each time). */
    public static Gen<NdArray> sameContent(NdArray a) {
        Dense v = Dense.read(a);
        Gen<NdArray> g = rs -> layout(rs, v, a.dtype());
        return g.describedAs(ArrayGen::describe);
    }

    /** A dtype drawn from all five. */
    public static DType dtype(RandomnessSource rs) {
        return DType.values()[draw(rs, 0, DType.values().length - 1)];
    }

    /** A floating dtype. */
    public static DType floating(RandomnessSource rs) {
        return oneIn(rs, 2) ? DType.FLOAT64 : DType.FLOAT32;
    }

    public static String describe(NdArray[] arrays) {
        StringBuilder sb = new StringBuilder();
        for (NdArray a : arrays) sb.append(sb.length() == 0 ? "" : "\n  & ").append(describe(a));
        return sb.toString();
    }

    /** Layout and content in one line, without calling the library's own printer (which is under test too). */
    public static String describe(NdArray a) {
        return a.dtype().pyName() + " shape " + Arrays.toString(a.shape()) + " strides " + Arrays.toString(a.strides())
                + " offset " + a.offset() + " storage " + a.storage().size() + " values " + Dense.read(a);
    }
}
