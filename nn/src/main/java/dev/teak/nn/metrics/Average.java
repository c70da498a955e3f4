package dev.teak.nn.metrics;

/**
 * How per-class precision, recall and F1 are combined into one number, as scikit-learn's
 * {@code average=} argument.
 */
public enum Average {
    /** Pool the counts of all classes first: {@code sum TP / sum (TP + FP)}; equals accuracy for single-label data. */
    MICRO,
    /** The unweighted mean of the per-class scores, over classes present in the labels or the predictions. */
    MACRO,
    /** The mean of the per-class scores weighted by each class's support (its number of true samples). */
    WEIGHTED
}
