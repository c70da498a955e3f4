package dev.teak.tensor;

import static dev.teak.tensor.testing.Shapes.draw;
import static dev.teak.tensor.testing.Shapes.oneIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.teak.tensor.cpu.CpuStorage;
import dev.teak.tensor.testing.ArrayGen;
import dev.teak.tensor.testing.ArrayGen.Range;
import dev.teak.tensor.testing.Close;
import dev.teak.tensor.testing.Dense;
import dev.teak.tensor.testing.Shapes;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * Every view op on random arrays in random layouts, compared element by element with a naive
 * index computation on the source's reference values, and checked to share storage (no copy);
 * and ops on views equal to the same ops on {@code view.contiguous()}.
 */
class ViewPropertiesTest {

    /** A view op applied to a source, with the expected element of the result at each index. */
    record ViewCase(NdArray x, String call, Function<NdArray, NdArray> op, int[] shape, Function<int[], int[]> sourceIndex) {
        @Override public String toString() { return call + " of " + ArrayGen.describe(x); }
    }

    static NdArray source(RandomnessSource rs, int minRank) {
        DType t = ArrayGen.dtype(rs);
        return ArrayGen.layout(rs, ArrayGen.values(rs, t, Shapes.shapes(minRank, 4, 0).generate(rs), Range.GENERAL), t);
    }

    /** Checks shape, storage sharing and every element against the source at the mapped index. */
    static void check(ViewCase c, boolean mustShare) {
        NdArray y = c.op.apply(c.x);
        Close.shape(c.call, c.shape, y);
        if (mustShare) assertSame(c.x.storage(), y.storage(), c.call + " must be a view, not a copy");
        Dense src = Dense.read(c.x), expected = Dense.zeros(c.shape);
        int[] idx = new int[c.shape.length];
        for (int f = 0; f < expected.numel(); f++) {
            expected.data[f] = src.at(c.sourceIndex.apply(idx.clone()));
            Dense.next(idx, c.shape);
        }
        Close.exact(c.call, expected, y);
    }

    static void forAllViews(Gen<ViewCase> cases, boolean mustShare) {
        qt().withExamples(300).forAll(cases).checkAssert(c -> check(c, mustShare));
    }

    @Test
    void reshapeKeepsRowMajorOrderAndViewsContiguousData() {
        forAllViews(rs -> {
            NdArray x = source(rs, 0);
            int[] target = Shapes.factorShape(rs, x.numel()), arg = target.clone();
            if (target.length > 0 && oneIn(rs, 3) && x.numel() > 0) arg[draw(rs, 0, target.length - 1)] = -1;
            int[] xs = x.shape();
            return new ViewCase(x, "reshape" + Arrays.toString(arg), a -> a.reshape(arg), target,
                    idx -> Dense.unravel(Dense.flat(idx, target), xs));
        }, false);
        qt().withExamples(200).forAll(rs -> {
            Dense v = ArrayGen.values(rs, DType.FLOAT32, Shapes.shapes().generate(rs), Range.FINITE);
            return ArrayGen.contiguous(v, DType.FLOAT32, draw(rs, 0, 3));
        }).checkAssert(x -> assertSame(x.storage(), x.reshape(-1).storage(), "reshape of contiguous data is a view"));
    }

    /**
     * A layout can be viewed in another shape exactly when the source offset of the target's
     * elements is an affine function of the target index: along each axis, the step between
     * neighbours is the same everywhere.
     */
    static boolean viewable(NdArray x, int[] target) {
        if (x.numel() == 0) return true;
        int[] xs = x.shape(), st = x.strides();
        int[] idx = new int[target.length];
        Integer[] step = new Integer[target.length];
        for (int f = 0; f < x.numel(); f++) {
            int here = offsetOf(Dense.unravel(f, xs), st);
            for (int d = 0; d < target.length; d++) {
                if (idx[d] + 1 >= target[d]) continue;
                int[] next = idx.clone();
                next[d]++;
                int delta = offsetOf(Dense.unravel(Dense.flat(next, target), xs), st) - here;
                if (step[d] == null) step[d] = delta;
                else if (step[d] != delta) return false;
            }
            Dense.next(idx, target);
        }
        return true;
    }

    static int offsetOf(int[] idx, int[] strides) {
        int o = 0;
        for (int d = 0; d < idx.length; d++) o += idx[d] * strides[d];
        return o;
    }

    @Test
    void viewSucceedsExactlyWhenNoCopyIsNeeded() {
        qt().withExamples(400).forAll(rs -> {
            NdArray x = source(rs, 0);
            return new Object[] {x, Shapes.factorShape(rs, x.numel())};
        }).checkAssert(o -> {
            NdArray x = (NdArray) o[0];
            int[] target = (int[]) o[1];
            String call = "view" + Arrays.toString(target) + " of " + ArrayGen.describe(x);
            if (viewable(x, target)) {
                int[] xs = x.shape();
                check(new ViewCase(x, call, a -> a.view(target), target, idx -> Dense.unravel(Dense.flat(idx, target), xs)), true);
            } else {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.view(target), call);
                assertTrue(e.getMessage().contains(Arrays.toString(x.shape())) && e.getMessage().contains(Arrays.toString(target))
                        && e.getMessage().contains("reshape"), e.getMessage());
            }
        });
    }

    @Test
    void permuteAndTransposeReorderIndices() {
        forAllViews(rs -> {
            NdArray x = source(rs, 0);
            int r = x.dim();
            int[] perm = Shapes.permutation(rs, r), arg = perm.clone();
            for (int i = 0; i < r; i++) if (oneIn(rs, 3)) arg[i] -= r;
            int[] shape = new int[r];
            for (int i = 0; i < r; i++) shape[i] = x.size(perm[i]);
            return new ViewCase(x, "permute" + Arrays.toString(arg), a -> a.permute(arg), shape, idx -> {
                int[] src = new int[r];
                for (int i = 0; i < r; i++) src[perm[i]] = idx[i];
                return src;
            });
        }, true);
        forAllViews(rs -> {
            NdArray x = source(rs, 1);
            int r = x.dim(), a = draw(rs, -r, r - 1), b = draw(rs, -r, r - 1), na = Shapes.norm(a, r), nb = Shapes.norm(b, r);
            int[] shape = x.shape();
            shape[na] = x.size(nb);
            shape[nb] = x.size(na);
            return new ViewCase(x, "transpose(" + a + ", " + b + ")", v -> v.transpose(a, b), shape, idx -> {
                int t = idx[na]; idx[na] = idx[nb]; idx[nb] = t;
                return idx;
            });
        }, true);
    }

    @Test
    void expandRepeatsSizeOneAxesWithoutCopying() {
        forAllViews(rs -> {
            int[] target = Shapes.shapes().generate(rs);
            int[] small = Shapes.broadcastableTo(rs, target);
            DType t = ArrayGen.dtype(rs);
            NdArray x = ArrayGen.layout(rs, ArrayGen.values(rs, t, small, Range.GENERAL), t);
            int[] arg = target.clone();
            int shift = target.length - small.length;
            for (int d = shift; d < target.length; d++) if (small[d - shift] == target[d] && oneIn(rs, 2)) arg[d] = -1;
            return new ViewCase(x, "expand" + Arrays.toString(arg), a -> a.expand(arg), target, idx -> {
                int[] src = new int[small.length];
                for (int d = 0; d < small.length; d++) src[d] = small[d] == 1 ? 0 : idx[d + shift];
                return src;
            });
        }, true);
    }

    @Test
    void sliceFollowsPythonSliceRules() {
        forAllViews(rs -> {
            NdArray x = source(rs, 1);
            int r = x.dim(), axis = draw(rs, -r, r - 1), ax = Shapes.norm(axis, r), n = x.size(ax);
            int start = draw(rs, -n - 2, n + 2), end = draw(rs, -n - 2, n + 2);
            int step = oneIn(rs, 10) ? Integer.MAX_VALUE - draw(rs, 0, 2) : draw(rs, 1, 4);
            // Python: negative bounds count from the end, then clamp to [0, n]
            int s = Math.max(0, Math.min(start < 0 ? start + n : start, n)), e = Math.max(0, Math.min(end < 0 ? end + n : end, n));
            int len = 0;
            for (long i = s; i < e; i += step) len++;
            int[] shape = x.shape();
            shape[ax] = len;
            return new ViewCase(x, "slice(" + axis + ", " + start + ", " + end + ", " + step + ")", a -> a.slice(axis, start, end, step),
                    shape, idx -> { idx[ax] = s + idx[ax] * step; return idx; });
        }, true);
    }

    @Test
    void narrowAndSelectPickAlongAnAxis() {
        forAllViews(rs -> {
            NdArray x = source(rs, 1);
            int r = x.dim(), axis = draw(rs, -r, r - 1), ax = Shapes.norm(axis, r), n = x.size(ax);
            int start = draw(rs, 0, n), length = draw(rs, 0, n - start);
            int[] shape = x.shape();
            shape[ax] = length;
            return new ViewCase(x, "narrow(" + axis + ", " + start + ", " + length + ")", a -> a.narrow(axis, start, length),
                    shape, idx -> { idx[ax] += start; return idx; });
        }, true);
        forAllViews(rs -> {
            NdArray x = ArrayGen.layout(rs, ArrayGen.values(rs, DType.FLOAT64, Shapes.shapes(1, 4, 1).generate(rs), Range.GENERAL), DType.FLOAT64);
            int r = x.dim(), axis = draw(rs, -r, r - 1), ax = Shapes.norm(axis, r), n = x.size(ax);
            int index = draw(rs, -n, n - 1), i = Shapes.norm(index, n);
            int[] xs = x.shape(), shape = new int[r - 1];
            for (int d = 0, k = 0; d < r; d++) if (d != ax) shape[k++] = xs[d];
            return new ViewCase(x, "select(" + axis + ", " + index + ")", a -> a.select(axis, index), shape, idx -> {
                int[] src = new int[r];
                for (int d = 0, k = 0; d < r; d++) src[d] = d == ax ? i : idx[k++];
                return src;
            });
        }, true);
    }

    @Test
    void squeezeAndUnsqueezeOnlyTouchSizeOneAxes() {
        forAllViews(rs -> {
            NdArray x = source(rs, 0);
            int[] xs = x.shape();
            int[] shape = Arrays.stream(xs).filter(s -> s != 1).toArray();
            return new ViewCase(x, "squeeze()", NdArray::squeeze, shape, idx -> {
                int[] src = new int[xs.length];
                for (int d = 0, k = 0; d < xs.length; d++) src[d] = xs[d] == 1 ? 0 : idx[k++];
                return src;
            });
        }, true);
        forAllViews(rs -> {
            NdArray x = source(rs, 0);
            int r = x.dim(), axis = draw(rs, -Math.max(r, 1), Math.max(r, 1) - 1), ax = r == 0 ? 0 : Shapes.norm(axis, r);
            boolean drops = r > 0 && x.size(ax) == 1;
            int[] xs = x.shape(), shape = drops ? new int[r - 1] : xs;
            if (drops) for (int d = 0, k = 0; d < r; d++) if (d != ax) shape[k++] = xs[d];
            return new ViewCase(x, "squeeze(" + axis + ")", a -> a.squeeze(axis), shape, idx -> {
                if (!drops) return idx;
                int[] src = new int[r];
                for (int d = 0, k = 0; d < r; d++) src[d] = d == ax ? 0 : idx[k++];
                return src;
            });
        }, true);
        forAllViews(rs -> {
            NdArray x = source(rs, 0);
            int r = x.dim(), axis = draw(rs, -r - 1, r), ax = axis < 0 ? axis + r + 1 : axis;
            int[] xs = x.shape(), shape = new int[r + 1];
            for (int d = 0, k = 0; d <= r; d++) shape[d] = d == ax ? 1 : xs[k++];
            return new ViewCase(x, "unsqueeze(" + axis + ")", a -> a.unsqueeze(axis), shape, idx -> {
                int[] src = new int[r];
                for (int d = 0, k = 0; d <= r; d++) if (d != ax) src[k++] = idx[d];
                return src;
            });
        }, true);
    }

    @Test
    void diagonalWalksBothAxesTogether() {
        forAllViews(rs -> {
            NdArray x = source(rs, 2);
            int r = x.dim(), a = draw(rs, 0, r - 1), b = draw(rs, 0, r - 2);
            if (b >= a) b++;
            int ia = a, ib = b, na = x.size(a), nb = x.size(b), off = draw(rs, -na - 1, nb + 1);
            int len = Math.max(0, off >= 0 ? Math.min(na, nb - off) : Math.min(na + off, nb));
            int[] xs = x.shape(), shape = new int[r - 1];
            for (int d = 0, k = 0; d < r; d++) if (d != a && d != b) shape[k++] = xs[d];
            shape[r - 2] = len;
            int aa = oneIn(rs, 2) ? a - r : a;
            return new ViewCase(x, "diagonal(" + off + ", " + aa + ", " + b + ")", v -> v.diagonal(off, aa, ib), shape, idx -> {
                int[] src = new int[r];
                for (int d = 0, k = 0; d < r; d++) if (d != ia && d != ib) src[d] = idx[k++];
                int i = idx[r - 2];
                src[ia] = off >= 0 ? i : i - off;
                src[ib] = off >= 0 ? i + off : i;
                return src;
            });
        }, true);
    }

    @Test
    void flattenMergesARunOfAxes() {
        forAllViews(rs -> {
            NdArray x = source(rs, 1);
            int r = x.dim(), s = draw(rs, 0, r - 1), e = draw(rs, s, r - 1);
            int[] xs = x.shape(), shape = new int[r - (e - s)];
            for (int d = 0, k = 0; d < r; d++) {
                if (d < s || d > e) shape[k++] = xs[d];
                else if (d == s) { int p = 1; for (int j = s; j <= e; j++) p *= xs[j]; shape[k++] = p; }
            }
            int[] target = shape;
            return new ViewCase(x, "flatten(" + s + ", " + e + ")", a -> a.flatten(s, e), shape,
                    idx -> Dense.unravel(Dense.flat(idx, target), xs));
        }, false);
    }

    @Test
    void opsOnAViewEqualOpsOnItsContiguousCopy() {
        qt().withExamples(300).forAll(ArrayGen.arrays(Range.FINITE), Generate.range(0, 7)).checkAssert((v, which) -> {
            NdArray c = v.contiguous();
            assertTrue(c.isContiguous());
            Close.exact("contiguous()", Dense.read(v), c);
            Function<NdArray, NdArray> op;
            switch (which) {
                case 0: op = a -> a.neg(); break;
                case 1: op = a -> a.exp(); break;
                case 2: op = a -> a.add(a); break;
                case 3: op = a -> a.mul(a.to(DType.FLOAT64)); break;
                case 4: op = a -> a.gt(0.5); break;
                case 5: op = a -> Reductions.cumsum(a, -1); break;
                case 6: op = a -> a.to(DType.INT32); break;
                default: op = a -> a.max(); break;
            }
            if (which == 7 && v.numel() == 0) return; // max of nothing is an error, tested elsewhere
            NdArray onView = op.apply(v), onCopy = op.apply(c);
            assertEquals(onCopy.dtype(), onView.dtype());
            Close.exact("op #" + which, Dense.read(onCopy), onView);
        });
        qt().withExamples(300).forAll(rs -> {
            NdArray x = source(rs, 0);
            return new Object[] {x.to(ArrayGen.floating(rs)), Shapes.axisSet(rs, x.dim())};
        }).checkAssert(o -> {
            NdArray v = (NdArray) o[0];
            int[] axes = (int[]) o[1];
            NdArray onView = v.sum(axes, false), onCopy = v.contiguous().sum(axes, false);
            // summation order may differ between layouts: compare within the sum's rounding error
            double tol = v.dtype() == DType.FLOAT32 ? 1e-5 : 1e-12;
            Close.within("sum over " + Arrays.toString(axes), Dense.read(onCopy), onView, tol, tol * Math.max(1, v.numel()) * 10);
        });
    }

    @Test
    void writesThroughAViewChangeExactlyTheViewedElements() {
        qt().withExamples(300).forAll(rs -> {
            NdArray dst = source(rs, 0);
            DType t = ArrayGen.dtype(rs);
            int[] small = Shapes.broadcastableTo(rs, dst.shape());
            return new NdArray[] {dst, ArrayGen.layout(rs, ArrayGen.values(rs, t, small, Range.FINITE), t)};
        }).checkAssert(ds -> {
            NdArray dst = ds[0], src = ds[1];
            boolean aliased = false;
            for (int d = 0; d < dst.dim(); d++) aliased |= dst.stride(d) == 0 && dst.size(d) > 1;
            if (aliased) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dst.copyFrom(src));
                assertTrue(e.getMessage().contains("copyFrom") && e.getMessage().contains("one location"), e.getMessage());
                return;
            }
            double[] before = storageValues(dst);
            boolean[] viewed = viewedLocations(dst);
            Dense s = Dense.read(src), expected = Dense.zeros(dst.shape());
            int[] idx = new int[dst.dim()];
            for (int f = 0; f < expected.numel(); f++) { expected.data[f] = Dense.convert(s.atBroadcast(idx), dst.dtype()); Dense.next(idx, dst.shape()); }
            dst.copyFrom(src);
            Close.exact("copyFrom", expected, dst);
            double[] after = storageValues(dst);
            for (int i = 0; i < after.length; i++) {
                if (!viewed[i]) assertEquals(before[i], after[i], "storage element " + i + " outside the view changed");
            }
            dst.fill(1);
            Close.exact("fill", Dense.zeros(dst.shape()).map(v -> 1), dst);
            double[] filled = storageValues(dst);
            for (int i = 0; i < filled.length; i++) if (!viewed[i]) assertEquals(before[i], filled[i], "fill wrote outside the view at " + i);
        });
    }

    static double[] storageValues(NdArray a) {
        CpuStorage s = (CpuStorage) a.storage();
        double[] out = new double[s.size()];
        for (int i = 0; i < out.length; i++) out[i] = s.getDouble(i);
        return out;
    }

    static boolean[] viewedLocations(NdArray a) {
        boolean[] seen = new boolean[a.storage().size()];
        int[] idx = new int[a.dim()];
        for (int f = 0; f < a.numel(); f++) { seen[a.offset() + offsetOf(idx, a.strides())] = true; Dense.next(idx, a.shape()); }
        return seen;
    }
}
