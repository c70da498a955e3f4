package dev.teak.tensor;

/**
 * A flat block of elements owned by a {@link Backend}. Arrays are views over storage:
 * several {@link NdArray}s may share one.
 */
public interface Storage {
    DType dtype();

    /** Number of elements. */
    int size();

    Backend backend();
}
