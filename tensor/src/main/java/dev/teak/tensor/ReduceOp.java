package dev.teak.tensor;

/** Associative reductions a backend implements; mean, variance and log-sum-exp are built on them. */
public enum ReduceOp {
    SUM, PROD, MAX, MIN,
    /** Logical any / all over bool or numeric input (non-zero is true). */
    ANY, ALL;

    /** The identity element (what reducing an empty range gives). */
    public double identity() {
        switch (this) {
            case SUM: case ANY: return 0;
            case PROD: case ALL: return 1;
            case MAX: return Double.NEGATIVE_INFINITY;
            case MIN: return Double.POSITIVE_INFINITY;
            default: throw new AssertionError(this);
        }
    }

    public double combine(double acc, double x) {
        switch (this) {
            case SUM: return acc + x;
            case PROD: return acc * x;
            case MAX: return Double.isNaN(acc) || x > acc || Double.isNaN(x) ? (Double.isNaN(acc) ? acc : x) : acc;
            case MIN: return Double.isNaN(acc) || x < acc || Double.isNaN(x) ? (Double.isNaN(acc) ? acc : x) : acc;
            case ANY: return acc != 0 || x != 0 ? 1 : 0;
            case ALL: return acc != 0 && x != 0 ? 1 : 0;
            default: throw new AssertionError(this);
        }
    }
}
