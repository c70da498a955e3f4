package dev.teak.nn.metrics;

import java.util.Arrays;

/**
 * Area under the ROC curve for binary labels, computed from ranks (the Mann-Whitney U
 * statistic): with the scores ranked 1..n ascending and tied scores given the average of the
 * ranks they span, {@code AUC = (R+ - n+ (n+ + 1) / 2) / (n+ n-)}, where {@code R+} is the rank
 * sum of the positives. This equals the probability that a random positive outscores a random
 * negative, ties counting one half, and matches scikit-learn's {@code roc_auc_score}. Runs in
 * {@code O(n log n)}.
 */
public final class RocAuc {
    private RocAuc() {}

    /** AUC of {@code scores} (higher = more positive) against labels that are 0 or 1. */
    public static double binary(int[] labels, double[] scores) {
        if (labels.length != scores.length) {
            throw new IllegalArgumentException("rocAuc: " + labels.length + " labels but " + scores.length + " scores");
        }
        int n = labels.length;
        long pos = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] != 0 && labels[i] != 1) throw new IllegalArgumentException("rocAuc: label " + labels[i] + " at index " + i + " is not 0 or 1");
            if (Double.isNaN(scores[i])) throw new IllegalArgumentException("rocAuc: score at index " + i + " is NaN");
            pos += labels[i];
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            throw new IllegalArgumentException("rocAuc: needs both classes, got " + pos + " positives and " + neg + " negatives");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double positiveRankSum = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) j++;
            double avgRank = (i + 1 + j + 1) / 2.0; // ranks i+1 .. j+1 share their mean
            for (int t = i; t <= j; t++) if (labels[order[t]] == 1) positiveRankSum += avgRank;
            i = j + 1;
        }
        return (positiveRankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }
}
