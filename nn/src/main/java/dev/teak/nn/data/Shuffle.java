package dev.teak.nn.data;

import java.util.SplittableRandom;

/**
 * Seeded permutations for shuffling and splitting. A permutation is a Fisher-Yates shuffle
 * driven by a {@link SplittableRandom} whose seed is derived from the user's seed and a stream
 * number (the epoch, say), so the same seed gives the same order on every run and machine,
 * and each epoch gets a different one. Keying by {@code (seed, stream)} rather than drawing
 * from one stateful generator lets any epoch be replayed on its own. (Tensors are drawn by the
 * Philox generator of the tensor module; an index shuffle on the host needs only this.)
 */
public final class Shuffle {
    private Shuffle() {}

    /** A random stream for {@code (seed, stream)}; the seed is hashed so nearby seeds are unrelated. */
    public static SplittableRandom random(long seed, long stream) {
        return new SplittableRandom(mix(mix(seed) + stream));
    }

    /** A uniformly random permutation of {@code 0..n-1}. */
    public static int[] permutation(int n, long seed, long stream) {
        if (n < 0) throw new IllegalArgumentException("permutation: n must be >= 0, got " + n);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        shuffle(p, random(seed, stream));
        return p;
    }

    /**
     * Shuffles in place (Durstenfeld's Fisher-Yates): for {@code i} from the end, swap
     * {@code a[i]} with {@code a[j]}, {@code j} uniform in {@code [0, i]}; every order is equally likely.
     */
    public static void shuffle(int[] a, SplittableRandom r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser: a bijection that scatters bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
