package dev.teak.nn.data;

import dev.teak.tensor.NdArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Iterates a {@link Dataset} in mini-batches, like {@code torch.utils.data.DataLoader}: in
 * order or shuffled with a seed, the last short batch kept or dropped, samples collated by a
 * function (stacked rows for a {@link TensorDataset}, {@link PaddedBatch#pad} for sequences).
 *
 * <p>Shuffling is reproducible: epoch {@code e} visits {@link Shuffle#permutation
 * Shuffle.permutation(n, seed, e)}. Each call of {@link #iterator()} starts the next epoch
 * (0, 1, 2, ...), so {@code for (var batch : loader)} reshuffles every epoch as PyTorch does;
 * {@link #epoch(int)} replays a given epoch. Loaders are immutable configurations apart from
 * that epoch counter.
 *
 * @param <B> the batch type
 */
public final class DataLoader<B> implements Iterable<B> {
    private final int size;
    private final Function<int[], B> collate;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private int nextEpoch;

    private DataLoader(int size, Function<int[], B> collate, int batchSize, boolean shuffle, long seed, boolean dropLast) {
        if (batchSize <= 0) throw new IllegalArgumentException("DataLoader: batch size must be positive, got " + batchSize);
        this.size = size;
        this.collate = collate;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.dropLast = dropLast;
    }

    /** Batches of a tensor dataset: each batch is the gathered rows of every array. */
    public static DataLoader<NdArray[]> of(TensorDataset dataset, int batchSize) {
        return new DataLoader<>(dataset.size(), dataset::batch, batchSize, false, 0, false);
    }

    /** Batches of any dataset: {@code collate} turns the samples of one batch into a batch. */
    public static <T, B> DataLoader<B> of(Dataset<T> dataset, int batchSize, Function<List<T>, B> collate) {
        return new DataLoader<>(dataset.size(), idx -> {
            List<T> samples = new ArrayList<>(idx.length);
            for (int i : idx) samples.add(dataset.get(i));
            return collate.apply(samples);
        }, batchSize, false, 0, false);
    }

    /** The same loader, shuffled by {@code seed} (a new permutation each epoch). */
    public DataLoader<B> shuffle(long seed) {
        return new DataLoader<>(size, collate, batchSize, true, seed, dropLast);
    }

    /** The same loader, dropping (true) or keeping the last batch when it is short. */
    public DataLoader<B> dropLast(boolean drop) {
        return new DataLoader<>(size, collate, batchSize, shuffle, seed, drop);
    }

    /** Batches per epoch: {@code floor(n / b)} when dropping the last, else {@code ceil(n / b)}. */
    public int numBatches() {
        return dropLast ? size / batchSize : (size + batchSize - 1) / batchSize;
    }

    public int batchSize() { return batchSize; }

    /** The sample indices of every batch of {@code epoch}. */
    public List<int[]> batchIndices(int epoch) {
        int[] order = shuffle ? Shuffle.permutation(size, seed, epoch) : identity(size);
        List<int[]> out = new ArrayList<>(numBatches());
        for (int b = 0; b < numBatches(); b++) {
            out.add(Arrays.copyOfRange(order, b * batchSize, Math.min(size, (b + 1) * batchSize)));
        }
        return out;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    /** The batches of one epoch, collated lazily as they are iterated. */
    public Iterable<B> epoch(int epoch) {
        List<int[]> batches = batchIndices(epoch);
        return () -> new Iterator<>() {
            private int next;

            @Override public boolean hasNext() { return next < batches.size(); }

            @Override
            public B next() {
                if (!hasNext()) throw new NoSuchElementException("DataLoader: epoch " + epoch + " has " + batches.size() + " batches");
                return collate.apply(batches.get(next++));
            }
        };
    }

    /** The batches of the next epoch (0 on the first call). */
    @Override
    public Iterator<B> iterator() {
        return epoch(nextEpoch++).iterator();
    }
}
