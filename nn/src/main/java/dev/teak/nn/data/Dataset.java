package dev.teak.nn.data;

/**
 * A finite, indexable collection of samples, like {@code torch.utils.data.Dataset}: the
 * {@link DataLoader} asks for indices and collates the samples into batches.
 *
 * @param <T> the type of one sample
 */
public interface Dataset<T> {
    /** Number of samples. */
    int size();

    /** The sample at {@code index}, in {@code [0, size())}. */
    T get(int index);

    /** Fails with a message naming the index and the size when {@code index} is out of range. */
    static void checkIndex(int index, int size) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("dataset index " + index + " is outside [0, " + size + ")");
        }
    }
}
