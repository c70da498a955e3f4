package dev.teak.nn.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Seeded train/validation/test splits and k-fold cross-validation, stratified by label when
 * asked (in the manner of scikit-learn's {@code train_test_split(stratify=...)},
 * {@code KFold} and {@code StratifiedKFold}). The same seed gives the same split.
 *
 * <p>Stratification works class by class: each class's members are shuffled and cut by
 * {@code round(n_c * fraction)}, so every part holds each class within one sample of its exact
 * proportion. Stratified folds deal each class's shuffled members round-robin, continuing
 * across classes, so per class and overall the fold sizes differ by at most one.
 */
public final class Splits {
    private Splits() {}

    /** Disjoint index sets covering the samples; train and validation are in shuffled order, test too. */
    public record TrainValTest(int[] train, int[] validation, int[] test) {}

    /** One fold: held-out {@code test} indices and the remaining {@code train} indices, both ascending. */
    public record Fold(int[] train, int[] test) {}

    /** A stratified split; the test part gets {@code 1 - trainFraction - validationFraction}. */
    public static TrainValTest stratified(int[] labels, double trainFraction, double validationFraction, long seed) {
        if (!(trainFraction >= 0 && validationFraction >= 0 && trainFraction + validationFraction <= 1 + 1e-12)) {
            throw new IllegalArgumentException("Splits: fractions must be non-negative with train + validation <= 1, got train "
                    + trainFraction + ", validation " + validationFraction);
        }
        SplittableRandom r = Shuffle.random(seed, 0);
        List<Integer> train = new ArrayList<>(), val = new ArrayList<>(), test = new ArrayList<>();
        for (int[] members : byClass(labels).values()) {
            Shuffle.shuffle(members, r);
            int n = members.length;
            int nTrain = (int) Math.round(n * trainFraction);
            int nVal = Math.min((int) Math.round(n * validationFraction), n - nTrain);
            for (int i = 0; i < n; i++) (i < nTrain ? train : i < nTrain + nVal ? val : test).add(members[i]);
        }
        // Interleave the classes so a prefix of a part is not one class.
        return new TrainValTest(shuffled(train, r), shuffled(val, r), shuffled(test, r));
    }

    /** An unstratified random split of {@code 0..n-1}. */
    public static TrainValTest random(int n, double trainFraction, double validationFraction, long seed) {
        return stratified(new int[requireNonNegative(n)], trainFraction, validationFraction, seed);
    }

    /** {@code k} consecutive folds of {@code 0..n-1} (no shuffling); the first {@code n % k} hold one extra. */
    public static List<Fold> kFold(int n, int k) {
        int[] order = new int[requireNonNegative(n)];
        for (int i = 0; i < n; i++) order[i] = i;
        return foldsOf(order, k);
    }

    /** {@code k} folds of a seeded shuffle of {@code 0..n-1}. */
    public static List<Fold> kFold(int n, int k, long seed) {
        return foldsOf(Shuffle.permutation(requireNonNegative(n), seed, 0), k);
    }

    private static List<Fold> foldsOf(int[] order, int k) {
        int n = order.length;
        checkK(k, n);
        int[] foldOf = new int[n];
        for (int f = 0, at = 0; f < k; f++) {
            int len = n / k + (f < n % k ? 1 : 0);
            for (int i = 0; i < len; i++) foldOf[order[at++]] = f;
        }
        return folds(foldOf, k);
    }

    /** {@code k} folds with each class spread evenly: per fold, class counts within one of {@code n_c / k}. */
    public static List<Fold> stratifiedKFold(int[] labels, int k, long seed) {
        checkK(k, labels.length);
        SplittableRandom r = Shuffle.random(seed, 0);
        int[] foldOf = new int[labels.length];
        int cursor = 0;
        for (int[] members : byClass(labels).values()) {
            Shuffle.shuffle(members, r);
            for (int m : members) foldOf[m] = cursor++ % k;
        }
        return folds(foldOf, k);
    }

    private static List<Fold> folds(int[] foldOf, int k) {
        int n = foldOf.length;
        int[] counts = new int[k];
        for (int f : foldOf) counts[f]++;
        List<Fold> out = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int[] test = new int[counts[f]], train = new int[n - counts[f]];
            for (int i = 0, a = 0, b = 0; i < n; i++) {
                if (foldOf[i] == f) test[a++] = i; else train[b++] = i;
            }
            out.add(new Fold(train, test));
        }
        return out;
    }

    /** Indices per label, labels ascending (a fixed order keeps the seeded shuffles reproducible). */
    private static Map<Integer, int[]> byClass(int[] labels) {
        Map<Integer, Integer> counts = new TreeMap<>();
        for (int y : labels) counts.merge(y, 1, Integer::sum);
        Map<Integer, int[]> members = new TreeMap<>();
        counts.forEach((y, c) -> members.put(y, new int[c]));
        Map<Integer, Integer> filled = new HashMap<>();
        for (int i = 0; i < labels.length; i++) members.get(labels[i])[filled.merge(labels[i], 1, Integer::sum) - 1] = i;
        return members;
    }

    private static int[] shuffled(List<Integer> list, SplittableRandom r) {
        int[] a = list.stream().mapToInt(Integer::intValue).toArray();
        Shuffle.shuffle(a, r);
        return a;
    }

    private static void checkK(int k, int n) {
        if (k < 2 || k > n) throw new IllegalArgumentException("Splits: k must be in [2, n = " + n + "], got " + k);
    }

    private static int requireNonNegative(int n) {
        if (n < 0) throw new IllegalArgumentException("Splits: the number of samples must be >= 0, got " + n);
        return n;
    }

}
