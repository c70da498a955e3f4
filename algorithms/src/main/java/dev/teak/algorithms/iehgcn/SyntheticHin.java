package dev.teak.algorithms.iehgcn;

import dev.teak.tensor.random.Generator;

/**
 * Synthetic networks whose right answer is known (spec "(a) Smallest honest experiment"):
 * a target type T whose class is planted only in its links to an informative type R, a noise
 * type Z linked at random, and a second-hop type S linked only to R. Every type, T included,
 * has fixed random features, so the class can be read from the graph alone, and only through
 * T-R-T: ie-HGCN should put its attention on R and rank T-R-T first.
 */
public final class SyntheticHin {
    private SyntheticHin() {}

    /** Sizes and link counts of a planted network. */
    public record Spec(int targets, int informative, int noise, int secondHop, int classes, int linksR, int linksZ, int linksS,
                       double p, int dim) {
        /** The spec's example: 600 targets in 3 classes, 60 R, 60 Z, 30 S, 3 links each, p = 0.8, 32-d features. */
        public static Spec small() { return new Spec(600, 60, 60, 30, 3, 3, 3, 2, 0.8, 32); }

        /** A network {@code scale} times larger than the base of the scaling study (about 15,600 edges per unit of scale). */
        public static Spec scaled(int scale) { return new Spec(1900 * scale, 190 * scale, 190 * scale, 95 * scale, 3, 4, 4, 2, 0.8, 32); }
    }

    /**
     * Draws a planted network: R node j has class {@code j mod C}; each T link to R goes, with
     * probability p, to a uniform R node of T's class and otherwise to a uniform R node; T-Z and
     * R-S links are uniform. Labels are balanced ({@code i mod C}); the split puts 20% of T in
     * training, 20% in validation and the rest in test, at random.
     */
    public static HinData.Dataset planted(Spec s, Generator gen) {
        int c = s.classes();
        if (s.informative() < c) throw new IllegalArgumentException("SyntheticHin: needs at least one R node per class, got " + s.informative() + " for " + c);
        HeteroGraph g = new HeteroGraph()
                .addType("T", NodeFeatures.fixedRandom(s.targets(), s.dim(), gen))
                .addType("R", NodeFeatures.fixedRandom(s.informative(), s.dim(), gen))
                .addType("Z", NodeFeatures.fixedRandom(s.noise(), s.dim(), gen))
                .addType("S", NodeFeatures.fixedRandom(s.secondHop(), s.dim(), gen));
        int[] labels = new int[s.targets()];
        for (int i = 0; i < labels.length; i++) labels[i] = i % c;
        double[] u = gen.rand(dev.teak.tensor.DType.FLOAT64, s.targets() * s.linksR()).toDoubleArray();
        long[] anyR = gen.randint(0, s.informative(), s.targets() * s.linksR()).toLongArray();
        int perClass = s.informative() / c;
        long[] ownR = gen.randint(0, perClass, s.targets() * s.linksR()).toLongArray();
        int[] tl = new int[s.targets() * s.linksR()], rl = new int[tl.length];
        for (int i = 0, k = 0; i < s.targets(); i++) {
            for (int j = 0; j < s.linksR(); j++, k++) {
                tl[k] = i;
                rl[k] = u[k] < s.p() ? (int) ownR[k] * c + labels[i] : (int) anyR[k];
            }
        }
        g.addRelation("T", "R", tl, rl);
        g.addRelation("T", "Z", repeat(s.targets(), s.linksZ()), ints(gen.randint(0, s.noise(), s.targets() * s.linksZ()).toLongArray()));
        g.addRelation("R", "S", repeat(s.informative(), s.linksS()), ints(gen.randint(0, s.secondHop(), s.informative() * s.linksS()).toLongArray()));
        int[] perm = ints(gen.permutation(s.targets()).toLongArray());
        int nTrain = s.targets() / 5, nVal = s.targets() / 5;
        Split split = new Split(labels, c, java.util.Arrays.copyOfRange(perm, 0, nTrain), java.util.Arrays.copyOfRange(perm, nTrain, nTrain + nVal),
                java.util.Arrays.copyOfRange(perm, nTrain + nVal, perm.length));
        return new HinData.Dataset("synthetic", g, split);
    }

    private static int[] repeat(int n, int times) {
        int[] a = new int[n * times];
        for (int i = 0; i < a.length; i++) a[i] = i / times;
        return a;
    }

    private static int[] ints(long[] v) {
        int[] a = new int[v.length];
        for (int i = 0; i < v.length; i++) a[i] = Math.toIntExact(v[i]);
        return a;
    }
}
