package dev.teak.tensor.cpu;

import dev.teak.tensor.BinaryOp;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.UnaryOp;

/**
 * Elementwise kernels: copy/convert, fill, unary, binary and where over strided operands.
 * Float32 runs go through the active {@link Kernels}; other dtypes use per-element loops.
 */
final class CpuElementwise {
    private CpuElementwise() {}

    static CpuStorage st(NdArray a) { return (CpuStorage) a.storage(); }

    static StridedLoop.Plan plan(NdArray shapeOf, NdArray... ops) {
        int[][] strides = new int[ops.length][];
        int[] base = new int[ops.length];
        for (int k = 0; k < ops.length; k++) { strides[k] = ops[k].strides(); base[k] = ops[k].offset(); }
        return new StridedLoop.Plan(shapeOf.shape(), strides, base);
    }

    static void copy(NdArray src, NdArray dst) {
        CpuStorage s = st(src), d = st(dst);
        StridedLoop.Plan p = plan(dst, src, dst);
        if (s.dtype == d.dtype) {
            Object sa = s.array(), da = d.array();
            StridedLoop.parallel(p, (off, inner, n) -> {
                if (inner[0] == 1 && inner[1] == 1) System.arraycopy(sa, off[0], da, off[1], n);
                else copyStrided(s, off[0], inner[0], d, off[1], inner[1], n);
            });
        } else if (s.dtype == DType.FLOAT32 && d.dtype == DType.FLOAT64) {
            // The float32 <-> float64 pair gets typed loops: optimizers and host copies convert every
            // parameter each step, and the generic getDouble/setDouble switch per element cost ~10x.
            float[] sa = s.f32;
            double[] da = d.f64;
            StridedLoop.parallel(p, (off, inner, n) -> {
                int so = off[0], ss = inner[0], dOff = off[1], ds = inner[1];
                for (int i = 0; i < n; i++) da[dOff + i * ds] = sa[so + i * ss];
            });
        } else if (s.dtype == DType.FLOAT64 && d.dtype == DType.FLOAT32) {
            double[] sa = s.f64;
            float[] da = d.f32;
            StridedLoop.parallel(p, (off, inner, n) -> {
                int so = off[0], ss = inner[0], dOff = off[1], ds = inner[1];
                for (int i = 0; i < n; i++) da[dOff + i * ds] = (float) sa[so + i * ss];
            });
        } else if (s.dtype.isFloating()) {
            StridedLoop.parallel(p, (off, inner, n) -> {
                for (int i = 0; i < n; i++) d.setDouble(off[1] + i * inner[1], s.getDouble(off[0] + i * inner[0]));
            });
        } else {
            // Integers convert from the long itself: int64 to float32 through a double would round twice.
            StridedLoop.parallel(p, (off, inner, n) -> {
                for (int i = 0; i < n; i++) d.setLong(off[1] + i * inner[1], s.getLong(off[0] + i * inner[0]));
            });
        }
    }

    private static void copyStrided(CpuStorage s, int so, int ss, CpuStorage d, int dOff, int ds, int n) {
        switch (s.dtype) {
            case FLOAT32: for (int i = 0; i < n; i++) d.f32[dOff + i * ds] = s.f32[so + i * ss]; break;
            case FLOAT64: for (int i = 0; i < n; i++) d.f64[dOff + i * ds] = s.f64[so + i * ss]; break;
            case INT32: for (int i = 0; i < n; i++) d.i32[dOff + i * ds] = s.i32[so + i * ss]; break;
            case INT64: for (int i = 0; i < n; i++) d.i64[dOff + i * ds] = s.i64[so + i * ss]; break;
            default: for (int i = 0; i < n; i++) d.bool[dOff + i * ds] = s.bool[so + i * ss];
        }
    }

    static void fill(NdArray dst, double value) {
        CpuStorage d = st(dst);
        long lv = (long) value;
        StridedLoop.parallel(plan(dst, dst), (off, inner, n) -> {
            if (inner[0] == 1) {
                switch (d.dtype) {
                    case FLOAT32: java.util.Arrays.fill(d.f32, off[0], off[0] + n, (float) value); return;
                    case FLOAT64: java.util.Arrays.fill(d.f64, off[0], off[0] + n, value); return;
                    default:
                }
            }
            for (int i = 0; i < n; i++) {
                if (d.dtype.isFloating()) d.setDouble(off[0] + i * inner[0], value);
                else d.setLong(off[0] + i * inner[0], d.dtype == DType.BOOL ? (value != 0 ? 1 : 0) : lv);
            }
        });
    }

    static void unary(UnaryOp op, NdArray x, NdArray out) {
        CpuStorage xs = st(x), os = st(out);
        StridedLoop.Plan p = plan(out, x, out);
        if (xs.dtype == DType.FLOAT32 && os.dtype == DType.FLOAT32) {
            Kernels k = KernelPath.active();
            StridedLoop.parallel(p, (off, inner, n) -> {
                if (inner[0] == 1 && inner[1] == 1) k.unary(op, xs.f32, off[0], os.f32, off[1], n);
                else stridedUnary(k, op, xs.f32, off[0], inner[0], os.f32, off[1], inner[1], n);
            });
        } else if (xs.dtype == DType.FLOAT64 && os.dtype == DType.FLOAT64) {
            StridedLoop.parallel(p, (off, inner, n) -> {
                for (int i = 0; i < n; i++) os.f64[off[1] + i * inner[1]] = op.apply(xs.f64[off[0] + i * inner[0]]);
            });
        } else if (!xs.dtype.isFloating() && !os.dtype.isFloating() && !op.isPredicate()) {
            StridedLoop.parallel(p, (off, inner, n) -> {
                for (int i = 0; i < n; i++) os.setLong(off[1] + i * inner[1], unaryLong(op, xs.getLong(off[0] + i * inner[0])));
            });
        } else {
            StridedLoop.parallel(p, (off, inner, n) -> {
                for (int i = 0; i < n; i++) os.setDouble(off[1] + i * inner[1], op.apply(xs.getDouble(off[0] + i * inner[0])));
            });
        }
    }

    /**
     * A strided float32 row through the same kernel as a contiguous one, staged in small buffers:
     * the vector kernels' exp, log, tanh, sigmoid and erf round differently from the scalar
     * {@code Math} functions, and an op on a view must give the bits it gives on a contiguous copy.
     */
    private static void stridedUnary(Kernels k, UnaryOp op, float[] x, int xo, int xs, float[] o, int oo, int os, int n) {
        float[] buf = new float[Math.min(n, 1024)];
        for (int c = 0; c < n; c += buf.length) {
            int len = Math.min(buf.length, n - c);
            for (int i = 0; i < len; i++) buf[i] = x[xo + (c + i) * xs];
            k.unary(op, buf, 0, buf, 0, len);
            for (int i = 0; i < len; i++) o[oo + (c + i) * os] = buf[i];
        }
    }

    private static long unaryLong(UnaryOp op, long v) {
        switch (op) {
            case NEG: return -v;
            case ABS: return Math.abs(v);
            case SIGN: return Long.signum(v);
            case SQUARE: return v * v;
            case RELU: return Math.max(v, 0);
            case STEP: return v > 0 ? 1 : 0;
            default: return v; // floor, ceil, round, trunc are the identity on integers
        }
    }

    static void binary(BinaryOp op, NdArray a, NdArray b, NdArray out) {
        CpuStorage as = st(a), bs = st(b), os = st(out);
        StridedLoop.Plan p = plan(out, a, b, out);
        DType t = as.dtype;
        if (t == DType.FLOAT32 && os.dtype == DType.FLOAT32) {
            Kernels k = KernelPath.active();
            StridedLoop.parallel(p, (off, inner, n) -> {
                // the kernels take runs (stride 1) and repeated scalars (stride 0); anything else, negative included, loops here
                if (inner[2] == 1 && (inner[0] == 0 || inner[0] == 1) && (inner[1] == 0 || inner[1] == 1)) {
                    k.binary(op, as.f32, off[0], inner[0], bs.f32, off[1], inner[1], os.f32, off[2], n);
                } else {
                    for (int i = 0; i < n; i++) {
                        os.f32[off[2] + i * inner[2]] = (float) op.apply(as.f32[off[0] + i * inner[0]], bs.f32[off[1] + i * inner[1]]);
                    }
                }
            });
        } else if (t == DType.FLOAT64 && os.dtype == DType.FLOAT64) {
            StridedLoop.parallel(p, (off, inner, n) -> {
                for (int i = 0; i < n; i++) {
                    os.f64[off[2] + i * inner[2]] = op.apply(as.f64[off[0] + i * inner[0]], bs.f64[off[1] + i * inner[1]]);
                }
            });
        } else if (t.isFloating()) {
            StridedLoop.parallel(p, (off, inner, n) -> {
                for (int i = 0; i < n; i++) {
                    os.setDouble(off[2] + i * inner[2], op.apply(as.getDouble(off[0] + i * inner[0]), bs.getDouble(off[1] + i * inner[1])));
                }
            });
        } else {
            StridedLoop.parallel(p, (off, inner, n) -> {
                for (int i = 0; i < n; i++) {
                    os.setLong(off[2] + i * inner[2], op.applyLong(as.getLong(off[0] + i * inner[0]), bs.getLong(off[1] + i * inner[1])));
                }
            });
        }
    }

    /**
     * {@code o = c ? v : b} over runs: {@code maskedFill} (a mask on the scores of attention) and
     * its backward. The general loop's index products cost twice the time of this one.
     */
    private static void fillWhere(byte[] c, int co, float v, float[] b, int bo, float[] o, int oo, int n) {
        for (int i = 0; i < n; i++) o[oo + i] = c[co + i] != 0 ? v : b[bo + i];
    }

    static void where(NdArray cond, NdArray a, NdArray b, NdArray out) {
        CpuStorage cs = st(cond), as = st(a), bs = st(b), os = st(out);
        StridedLoop.Plan p = plan(out, cond, a, b, out);
        if (os.dtype == DType.FLOAT32) {
            StridedLoop.parallel(p, (off, inner, n) -> {
                if (n > 0 && inner[0] == 1 && inner[3] == 1 && inner[1] == 0 && inner[2] == 1) {
                    fillWhere(cs.bool, off[0], as.f32[off[1]], bs.f32, off[2], os.f32, off[3], n);   // maskedFill
                    return;
                }
                for (int i = 0; i < n; i++) {
                    os.f32[off[3] + i * inner[3]] = cs.bool[off[0] + i * inner[0]] != 0
                            ? as.f32[off[1] + i * inner[1]] : bs.f32[off[2] + i * inner[2]];
                }
            });
        } else {
            StridedLoop.parallel(p, (off, inner, n) -> {
                for (int i = 0; i < n; i++) {
                    boolean c = cs.bool[off[0] + i * inner[0]] != 0;
                    if (os.dtype.isFloating()) os.setDouble(off[3] + i * inner[3], c ? as.getDouble(off[1] + i * inner[1]) : bs.getDouble(off[2] + i * inner[2]));
                    else os.setLong(off[3] + i * inner[3], c ? as.getLong(off[1] + i * inner[1]) : bs.getLong(off[2] + i * inner[2]));
                }
            });
        }
    }
}
