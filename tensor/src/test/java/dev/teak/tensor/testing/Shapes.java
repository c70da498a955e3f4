package dev.teak.tensor.testing;

import java.util.Arrays;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators of shapes: ranks 0-4 with sizes 0-5 (so empty arrays and size-1
 * axes come up often) and, once in a while, a larger size that crosses the vector width and
 * the loops' tail handling. Also broadcast-compatible shape pairs and axis sets as a user
 * would pass them (negative axes, any order).
 *
 * <p>Each generator is written as a plain function of a {@link RandomnessSource} that draws
 * its choices through {@link Generate#range}, so QuickTheories can still shrink a failing case
 * towards small ranks and sizes.
 */
public final class Shapes {
    private Shapes() {}

    /** One integer in {@code [lo, hi]}, drawn so that it shrinks towards {@code lo}. */
    public static int draw(RandomnessSource rs, int lo, int hi) {
        return Generate.range(lo, hi).generate(rs);
    }

    /** True with probability about {@code 1/n}. */
    public static boolean oneIn(RandomnessSource rs, int n) {
        return draw(rs, 0, n - 1) == n - 1;
    }

    /** One size: 0-5 mostly, 6-17 about one time in ten. */
    public static int size(RandomnessSource rs, int min) {
        return oneIn(rs, 10) ? draw(rs, 6, 17) : draw(rs, min, 5);
    }

    /** Shapes of rank {@code [minRank, maxRank]} with sizes {@code >= minSize}. */
    public static Gen<int[]> shapes(int minRank, int maxRank, int minSize) {
        Gen<int[]> g = rs -> {
            int[] s = new int[draw(rs, minRank, maxRank)];
            for (int d = 0; d < s.length; d++) s[d] = size(rs, minSize);
            return s;
        };
        return g.describedAs(Arrays::toString);
    }

    /** Shapes of rank 0-4, empty axes included. */
    public static Gen<int[]> shapes() { return shapes(0, 4, 0); }

    /** Shapes of rank 0-4 without empty axes. */
    public static Gen<int[]> nonEmptyShapes() { return shapes(0, 4, 1); }

    /** The NumPy broadcast of two shapes, written independently of {@code Shape.broadcast}; null if incompatible. */
    public static int[] broadcast(int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i - (n - a.length) >= 0 ? a[i - (n - a.length)] : 1;
            int db = i - (n - b.length) >= 0 ? b[i - (n - b.length)] : 1;
            if (da != db && da != 1 && db != 1) return null;
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** A shape that broadcasts to {@code target}: a suffix of it with some sizes replaced by 1. */
    public static int[] broadcastableTo(RandomnessSource rs, int[] target) {
        int rank = draw(rs, 0, target.length);
        int[] s = Arrays.copyOfRange(target, target.length - rank, target.length);
        for (int d = 0; d < s.length; d++) if (oneIn(rs, 3)) s[d] = 1;
        return s;
    }

    /** {@code n} shapes that broadcast together (their broadcast is a sub-shape of a random target). */
    public static Gen<int[][]> broadcastable(int n, int minSize) {
        Gen<int[][]> g = rs -> {
            int[] target = shapes(0, 4, minSize).generate(rs);
            int[][] out = new int[n][];
            for (int k = 0; k < n; k++) out[k] = oneIn(rs, 4) ? target.clone() : broadcastableTo(rs, target);
            return out;
        };
        return g.describedAs(Shapes::str);
    }

    /** Pairs of broadcast-compatible shapes. */
    public static Gen<int[][]> broadcastPairs() { return broadcastable(2, 0); }

    /** A shape that does NOT broadcast with {@code a} (a is changed at one axis of size >= 2). */
    public static Gen<int[][]> incompatiblePairs() {
        Gen<int[][]> g = rs -> {
            int[] a = shapes(1, 4, 2).generate(rs);
            int[] b = a.clone();
            int d = draw(rs, 0, a.length - 1);
            b[d] = a[d] + draw(rs, 1, 3);
            return new int[][] {a, b};
        };
        return g.describedAs(Shapes::str);
    }

    /**
     * A set of distinct axes of an array of rank {@code rank}, in any order, each given as
     * {@code d} or {@code d - rank} at random. May be empty (which the reductions read as
     * "all axes").
     */
    public static int[] axisSet(RandomnessSource rs, int rank) {
        int[] perm = permutation(rs, rank);
        int[] out = Arrays.copyOf(perm, draw(rs, 0, rank));
        for (int i = 0; i < out.length; i++) if (oneIn(rs, 2)) out[i] -= rank;
        return out;
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates). */
    public static int[] permutation(RandomnessSource rs, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = draw(rs, 0, i);
            int t = p[i]; p[i] = p[j]; p[j] = t;
        }
        return p;
    }

    /** Normalises an axis to {@code [0, rank)} (the test's own copy of the rule). */
    public static int norm(int axis, int rank) { return axis < 0 ? axis + rank : axis; }

    /** Whether axis {@code d} is among {@code axes} (an empty set means every axis). */
    public static boolean[] reducedMask(int[] axes, int rank) {
        boolean[] m = new boolean[rank];
        if (axes.length == 0) Arrays.fill(m, true);
        for (int a : axes) m[norm(a, rank)] = true;
        return m;
    }

    /**
     * A random shape of rank 0-5 with {@code numel} elements: the prime factors of numel dealt
     * into random axes, with some size-1 axes (and a 0 somewhere when numel is 0).
     */
    public static int[] factorShape(RandomnessSource rs, int numel) {
        int rank = draw(rs, numel == 1 ? 0 : 1, 5);
        int[] s = new int[rank];
        Arrays.fill(s, 1);
        if (numel == 0) {
            for (int d = 0; d < rank; d++) s[d] = draw(rs, 0, 3);
            s[draw(rs, 0, rank - 1)] = 0;
            return s;
        }
        int n = numel;
        for (int p = 2; n > 1; p++) {
            while (n % p == 0) { s[draw(rs, 0, rank - 1)] *= p; n /= p; }
        }
        return s;
    }

    public static String str(int[][] shapes) {
        StringBuilder sb = new StringBuilder();
        for (int[] s : shapes) sb.append(sb.length() == 0 ? "" : " & ").append(Arrays.toString(s));
        return sb.toString();
    }

    /** Product of the sizes, as a long. */
    public static long numel(int[] shape) {
        long n = 1;
        for (int s : shape) n *= s;
        return n;
    }
}
