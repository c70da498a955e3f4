package dev.teak.nn.metrics;

/**
 * Counts of (true class, predicted class) pairs for single-label classification, with the
 * scores derived from them. Row {@code t}, column {@code p} counts samples of class {@code t}
 * predicted as {@code p} (scikit-learn's orientation). For class {@code c}:
 * {@code TP = C[c][c]}, {@code FP = sum_t C[t][c] - TP}, {@code FN = sum_p C[c][p] - TP};
 * precision {@code TP / (TP + FP)}, recall {@code TP / (TP + FN)}, F1 their harmonic mean
 * {@code 2 TP / (2 TP + FP + FN)}. A score whose denominator is zero is 0 (scikit-learn's
 * {@code zero_division=0}).
 */
public final class ConfusionMatrix {
    private final long[][] counts;
    private final long total;

    private ConfusionMatrix(long[][] counts, long total) {
        this.counts = counts;
        this.total = total;
    }

    /** Tallies {@code yTrue} against {@code yPred}; labels must lie in {@code [0, numClasses)}. */
    public static ConfusionMatrix of(int[] yTrue, int[] yPred, int numClasses) {
        if (yTrue.length != yPred.length) {
            throw new IllegalArgumentException("confusion matrix: " + yTrue.length + " true labels but " + yPred.length + " predictions");
        }
        if (numClasses <= 0) throw new IllegalArgumentException("confusion matrix: numClasses must be positive, got " + numClasses);
        long[][] c = new long[numClasses][numClasses];
        for (int i = 0; i < yTrue.length; i++) {
            check(yTrue[i], numClasses, "true label", i);
            check(yPred[i], numClasses, "prediction", i);
            c[yTrue[i]][yPred[i]]++;
        }
        return new ConfusionMatrix(c, yTrue.length);
    }

    /** As {@link #of(int[], int[], int)} with {@code numClasses} one more than the largest label seen. */
    public static ConfusionMatrix of(int[] yTrue, int[] yPred) {
        int max = 0;
        for (int y : yTrue) max = Math.max(max, y);
        for (int y : yPred) max = Math.max(max, y);
        return of(yTrue, yPred, max + 1);
    }

    private static void check(int label, int k, String what, int i) {
        if (label < 0 || label >= k) {
            throw new IllegalArgumentException("confusion matrix: " + what + " " + label + " at index " + i + " is outside [0, " + k + ")");
        }
    }

    public int numClasses() { return counts.length; }

    /** Number of samples of class {@code trueClass} predicted as {@code predicted}. */
    public long count(int trueClass, int predicted) { return counts[trueClass][predicted]; }

    /** A copy of the counts, rows true classes, columns predictions. */
    public long[][] toArray() {
        long[][] out = new long[counts.length][];
        for (int i = 0; i < out.length; i++) out[i] = counts[i].clone();
        return out;
    }

    public long total() { return total; }

    public long truePositives(int c) { return counts[c][c]; }

    public long falsePositives(int c) {
        long s = 0;
        for (long[] row : counts) s += row[c];
        return s - counts[c][c];
    }

    public long falseNegatives(int c) {
        long s = 0;
        for (long v : counts[c]) s += v;
        return s - counts[c][c];
    }

    /** Number of samples whose true class is {@code c}. */
    public long support(int c) { return truePositives(c) + falseNegatives(c); }

    /** Fraction of samples on the diagonal (0 for no samples). */
    public double accuracy() {
        long d = 0;
        for (int c = 0; c < counts.length; c++) d += counts[c][c];
        return ratio(d, total);
    }

    public double precision(int c) { return ratio(truePositives(c), truePositives(c) + falsePositives(c)); }

    public double recall(int c) { return ratio(truePositives(c), support(c)); }

    /** {@code 2 TP / (2 TP + FP + FN)}, which equals {@code 2 P R / (P + R)} and avoids 0/0 in between. */
    public double f1(int c) {
        long tp = truePositives(c);
        return ratio(2 * tp, 2 * tp + falsePositives(c) + falseNegatives(c));
    }

    public double precision(Average avg) { return average(avg, Score.PRECISION); }

    public double recall(Average avg) { return average(avg, Score.RECALL); }

    public double f1(Average avg) { return average(avg, Score.F1); }

    /** Per-class scores, index = class. */
    public double[] precisionPerClass() { return perClass(Score.PRECISION); }

    public double[] recallPerClass() { return perClass(Score.RECALL); }

    public double[] f1PerClass() { return perClass(Score.F1); }

    private enum Score { PRECISION, RECALL, F1 }

    private double score(Score s, int c) {
        switch (s) {
            case PRECISION: return precision(c);
            case RECALL: return recall(c);
            default: return f1(c);
        }
    }

    private double[] perClass(Score s) {
        double[] out = new double[counts.length];
        for (int c = 0; c < out.length; c++) out[c] = score(s, c);
        return out;
    }

    private double average(Average avg, Score s) {
        int k = counts.length;
        switch (avg) {
            case MICRO: {
                long tp = 0, fp = 0, fn = 0;
                for (int c = 0; c < k; c++) { tp += truePositives(c); fp += falsePositives(c); fn += falseNegatives(c); }
                if (s == Score.PRECISION) return ratio(tp, tp + fp);
                if (s == Score.RECALL) return ratio(tp, tp + fn);
                return ratio(2 * tp, 2 * tp + fp + fn);
            }
            case MACRO: {
                double sum = 0;
                int present = 0;
                for (int c = 0; c < k; c++) {
                    if (support(c) + falsePositives(c) == 0) continue; // neither a label nor a prediction
                    sum += score(s, c);
                    present++;
                }
                return present == 0 ? 0 : sum / present;
            }
            default: {
                double sum = 0;
                for (int c = 0; c < k; c++) sum += support(c) * score(s, c);
                return ratio(sum, total);
            }
        }
    }

    private static double ratio(double num, double den) { return den == 0 ? 0 : num / den; }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ConfusionMatrix(rows = true, columns = predicted)\n");
        for (long[] row : counts) sb.append(java.util.Arrays.toString(row)).append('\n');
        return sb.toString();
    }
}
