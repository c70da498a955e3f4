package dev.teak.nn.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * ROUGE-L (Lin, 2004, section 3.1): with {@code L} the length of the longest common
 * subsequence of a candidate of {@code m} tokens and a reference of {@code n} tokens,
 * {@code R = L / n}, {@code P = L / m} and
 * {@code F = (1 + beta^2) R P / (R + beta^2 P)} (Lin's eq. 2-4). The default {@code beta = 1}
 * is the F1 that Google's {@code rouge-score} package reports. Empty inputs score 0.
 */
public final class RougeL {
    private RougeL() {}

    /** Precision, recall and F-measure of one candidate against one reference. */
    public record Score(double precision, double recall, double fMeasure) {}

    public static Score score(int[] candidate, int[] reference) {
        return score(candidate, reference, 1.0);
    }

    /** With a given {@code beta}: larger values weight recall more. */
    public static Score score(int[] candidate, int[] reference, double beta) {
        if (!(beta > 0)) throw new IllegalArgumentException("rougeL: beta must be positive, got " + beta);
        int l = lcsLength(candidate, reference);
        if (l == 0) return new Score(0, 0, 0);
        double p = (double) l / candidate.length, r = (double) l / reference.length, b2 = beta * beta;
        return new Score(p, r, (1 + b2) * r * p / (r + b2 * p));
    }

    /** Scores token lists of any kind by mapping equal tokens to equal ids. */
    public static <T> Score score(List<T> candidate, List<T> reference) {
        java.util.Map<T, Integer> ids = new java.util.HashMap<>();
        int[] c = candidate.stream().mapToInt(t -> ids.computeIfAbsent(t, k -> ids.size())).toArray();
        int[] r = reference.stream().mapToInt(t -> ids.computeIfAbsent(t, k -> ids.size())).toArray();
        return score(c, r);
    }

    /** Scores two texts after {@link #tokenize}. */
    public static Score score(String candidate, String reference) {
        return score(tokenize(candidate), tokenize(reference));
    }

    /** The {@code rouge-score} default tokenisation without stemming: lower case, runs of [a-z0-9]. */
    public static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        for (String t : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) if (!t.isEmpty()) out.add(t);
        return out;
    }

    /**
     * Longest common subsequence length by the classic dynamic programme
     * {@code L[i][j] = a_i == b_j ? L[i-1][j-1] + 1 : max(L[i-1][j], L[i][j-1])}, keeping two rows
     * ({@code O(m n)} time, {@code O(n)} memory).
     */
    static int lcsLength(int[] a, int[] b) {
        int[] prev = new int[b.length + 1], cur = new int[b.length + 1];
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
            Arrays.fill(cur, 0);
        }
        return prev[b.length];
    }
}
