package dev.teak.algorithms.snn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A greedy word-substitution attack in the manner of TextFooler (Jin et al. 2020), the
 * authors' default recipe (spec section 9), reduced to what can be had here: candidates are
 * the {@code k} nearest neighbours of a word in our own embedding space (no counter-fitted
 * vectors, no sentence encoder), and at most {@code ceil(rate n)} (at least one) of a
 * sentence's {@code n} words may change.
 * <ol>
 *   <li>Rank the positions by importance: the drop of the true-class margin when the word is
 *       replaced by the unknown word.</li>
 *   <li>In that order, try every neighbour at the position and keep the one that lowers the
 *       margin most (if it lowers it at all); stop once the prediction flips or the budget is
 *       spent.</li>
 * </ol>
 * The margin is {@code score_y - max_{c != y} score_c}. A spiking classifier is queried with the
 * same input noise for every query of a sentence (common random numbers, a fixed seed per
 * sentence), so the attack sees a deterministic function and stochastic masking cannot pass
 * for robustness (the spec's pitfall).
 */
public final class WordSubstitutionAttack {
    /** Scores {@code [n][C]} for token ids {@code [n][L]}; {@code noiseSeed} fixes any randomness. */
    public interface Classifier { double[][] scores(int[][] ids, long noiseSeed); }

    /** Accuracy before and after the attack, and the mean fraction of words changed in successful attacks. */
    public record Result(double cleanAccuracy, double attackedAccuracy, int examples, double meanChangedFraction) {}

    private final WordVectors vectors;
    private final int neighbours;
    private final double maxRate;
    private final Map<Integer, int[]> cache = new HashMap<>();

    public WordSubstitutionAttack(WordVectors vectors, int neighbours, double maxRate) {
        this.vectors = vectors;
        this.neighbours = neighbours;
        this.maxRate = maxRate;
    }

    /** The substitution budget for a sentence of {@code n} words: {@code max(ceil(rate n), 1)}. */
    public int budget(int n) { return Math.max(1, (int) Math.ceil(maxRate * n - 1e-9)); }

    /** Attacks each sentence of {@code ids} (padded with {@link Vocabulary#PAD}) against its label. */
    public Result run(Classifier model, int[][] ids, int[] labels, long seed) {
        int clean = 0, robust = 0, successes = 0;
        double changed = 0;
        for (int s = 0; s < ids.length; s++) {
            long noise = seed * 1_000_003L + s;
            int y = labels[s];
            int[] x = ids[s].clone();
            if (argmax(model.scores(new int[][] {x}, noise)[0]) != y) continue;
            clean++;
            int n = 0;
            while (n < x.length && x[n] != Vocabulary.PAD) n++;
            int swaps = attack(model, x, n, y, noise);
            if (swaps < 0) robust++;
            else {
                successes++;
                changed += swaps / (double) n;
            }
        }
        int total = ids.length;
        return new Result(clean / (double) total, robust / (double) total, total, successes == 0 ? 0 : changed / successes);
    }

    /** Returns the number of words changed when the attack succeeds, or -1. */
    private int attack(Classifier model, int[] x, int n, int y, long noise) {
        double base = margin(model.scores(new int[][] {x}, noise)[0], y);
        int[][] probes = new int[n][];
        for (int i = 0; i < n; i++) {
            probes[i] = x.clone();
            probes[i][i] = Vocabulary.UNK;
        }
        double[][] ps = model.scores(probes, noise);
        Integer[] order = new Integer[n];
        double[] drop = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            drop[i] = base - margin(ps[i], y);
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(drop[b], drop[a]));
        int budget = budget(n), swaps = 0;
        double current = base;
        for (int pos : order) {
            if (swaps >= budget) break;
            if (x[pos] <= Vocabulary.UNK) continue;
            int[] cands = candidates(x[pos]);
            if (cands.length == 0) continue;
            List<int[]> batch = new ArrayList<>();
            for (int c : cands) {
                int[] v = x.clone();
                v[pos] = c;
                batch.add(v);
            }
            double[][] sc = model.scores(batch.toArray(new int[0][]), noise);
            int best = -1;
            double bestMargin = current;
            for (int j = 0; j < cands.length; j++) {
                double m = margin(sc[j], y);
                if (argmax(sc[j]) != y) {          // a flip wins outright
                    best = j;
                    bestMargin = Double.NEGATIVE_INFINITY;
                    break;
                }
                if (m < bestMargin) {
                    bestMargin = m;
                    best = j;
                }
            }
            if (best < 0) continue;
            x[pos] = cands[best];
            swaps++;
            current = bestMargin;
            if (bestMargin == Double.NEGATIVE_INFINITY) return swaps;
        }
        return -1;
    }

    private int[] candidates(int w) { return cache.computeIfAbsent(w, k -> vectors.nearest(k, neighbours)); }

    static double margin(double[] s, int y) {
        double other = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < s.length; c++) if (c != y) other = Math.max(other, s[c]);
        return s[y] - other;
    }

    /** Lowest index among the maxima (the same tie rule as {@link SpikingTextCnn#predict}). */
    static int argmax(double[] s) {
        int b = 0;
        for (int c = 1; c < s.length; c++) if (s[c] > s[b]) b = c;
        return b;
    }
}
