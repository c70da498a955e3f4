package dev.teak.nn.metrics;

import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * Entry points for the common evaluation metrics, taking {@code int[]}, {@code long[]} or
 * {@link NdArray} inputs. Arguments follow scikit-learn: true labels first, then predictions.
 * An {@link NdArray} of predictions with one more axis than the labels is taken as scores per
 * class and reduced by arg-max over its last axis, so model outputs can be passed directly.
 */
public final class Metrics {
    private Metrics() {}

    /** Fraction of positions where {@code yPred} equals {@code yTrue} (0 for empty input). */
    public static double accuracy(int[] yTrue, int[] yPred) {
        requireSameLength("accuracy", yTrue.length, yPred.length);
        int hits = 0;
        for (int i = 0; i < yTrue.length; i++) if (yTrue[i] == yPred[i]) hits++;
        return yTrue.length == 0 ? 0 : (double) hits / yTrue.length;
    }

    public static double accuracy(long[] yTrue, long[] yPred) { return accuracy(toInts("accuracy", yTrue), toInts("accuracy", yPred)); }

    /** Accuracy of predicted labels, or of per-class scores {@code [..., C]} reduced by arg-max. */
    public static double accuracy(NdArray yTrue, NdArray yPred) {
        return accuracy(labels("accuracy", yTrue), predictions("accuracy", yTrue, yPred));
    }

    /** The confusion matrix of labels in {@code [0, numClasses)}. */
    public static ConfusionMatrix confusionMatrix(int[] yTrue, int[] yPred, int numClasses) {
        return ConfusionMatrix.of(yTrue, yPred, numClasses);
    }

    public static ConfusionMatrix confusionMatrix(NdArray yTrue, NdArray yPred, int numClasses) {
        return ConfusionMatrix.of(labels("confusionMatrix", yTrue), predictions("confusionMatrix", yTrue, yPred), numClasses);
    }

    public static double precision(int[] yTrue, int[] yPred, int numClasses, Average avg) {
        return ConfusionMatrix.of(yTrue, yPred, numClasses).precision(avg);
    }

    public static double recall(int[] yTrue, int[] yPred, int numClasses, Average avg) {
        return ConfusionMatrix.of(yTrue, yPred, numClasses).recall(avg);
    }

    public static double f1(int[] yTrue, int[] yPred, int numClasses, Average avg) {
        return ConfusionMatrix.of(yTrue, yPred, numClasses).f1(avg);
    }

    /** Binary ROC-AUC of scores against 0/1 labels (see {@link RocAuc}). */
    public static double rocAuc(int[] yTrue, double[] scores) { return RocAuc.binary(yTrue, scores); }

    public static double rocAuc(NdArray yTrue, NdArray scores) {
        if (scores.dim() != 1 || yTrue.dim() != 1) {
            throw new IllegalArgumentException("rocAuc: expects 1-D labels and scores, got " + Shape.str(yTrue.shape())
                    + " and " + Shape.str(scores.shape()));
        }
        return RocAuc.binary(labels("rocAuc", yTrue), scores.toDoubleArray());
    }

    /** Mean ROUGE-L F-measure over pairs of candidate and reference token sequences. */
    public static double rougeL(List<int[]> candidates, List<int[]> references) {
        requireSameLength("rougeL", candidates.size(), references.size());
        double sum = 0;
        for (int i = 0; i < candidates.size(); i++) sum += RougeL.score(candidates.get(i), references.get(i)).fMeasure();
        return candidates.isEmpty() ? 0 : sum / candidates.size();
    }

    /** Fraction of predicted sequences identical to their reference, token for token. */
    public static double exactMatch(List<int[]> predictions, List<int[]> references) {
        requireSameLength("exactMatch", predictions.size(), references.size());
        int hits = 0;
        for (int i = 0; i < predictions.size(); i++) if (Arrays.equals(predictions.get(i), references.get(i))) hits++;
        return predictions.isEmpty() ? 0 : (double) hits / predictions.size();
    }

    /** Fraction of predicted strings equal to their reference (no normalisation). */
    public static double exactMatch(String[] predictions, String[] references) {
        requireSameLength("exactMatch", predictions.length, references.length);
        int hits = 0;
        for (int i = 0; i < predictions.length; i++) if (predictions[i].equals(references[i])) hits++;
        return predictions.length == 0 ? 0 : (double) hits / predictions.length;
    }

    // ------------------------------------------------------------------ conversions

    private static void requireSameLength(String op, int a, int b) {
        if (a != b) throw new IllegalArgumentException(op + ": " + a + " references but " + b + " predictions");
    }

    private static int[] toInts(String op, long[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] < Integer.MIN_VALUE || v[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(op + ": label " + v[i] + " at index " + i + " does not fit an int");
            }
            out[i] = (int) v[i];
        }
        return out;
    }

    /** Integer or bool labels, flattened. */
    private static int[] labels(String op, NdArray y) {
        if (y.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": labels must be an integer or bool array, got " + y.dtype().pyName()
                    + Shape.str(y.shape()));
        }
        return toInts(op, y.toLongArray());
    }

    /** Predicted labels: the array itself, or the arg-max of per-class scores over its last axis. */
    private static int[] predictions(String op, NdArray yTrue, NdArray yPred) {
        if (yPred.dim() == yTrue.dim() + 1) {
            int[] lead = Arrays.copyOf(yPred.shape(), yTrue.dim());
            if (!Arrays.equals(lead, yTrue.shape())) {
                throw new IllegalArgumentException(op + ": scores " + Shape.str(yPred.shape()) + " do not match labels " + Shape.str(yTrue.shape()));
            }
            return toInts(op, yPred.argmax(-1, false).toLongArray());
        }
        if (!Arrays.equals(yPred.shape(), yTrue.shape())) {
            throw new IllegalArgumentException(op + ": predictions " + Shape.str(yPred.shape()) + " and labels "
                    + Shape.str(yTrue.shape()) + " differ in shape");
        }
        return labels(op, yPred);
    }
}
