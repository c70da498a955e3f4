package dev.teak.nn.data;

import dev.teak.tensor.NdArray;
import java.util.List;

/**
 * Variable-length integer sequences (token ids, say) padded on the right to the longest one
 * in the batch, like {@code torch.nn.utils.rnn.pad_sequence(batch_first=True)}, with the
 * lengths and a mask that say which positions are real.
 *
 * @param values  int64 {@code [batch, maxLength]}: sequence {@code b} then {@code padValue}s
 * @param lengths int64 {@code [batch]}: the original lengths
 * @param mask    bool {@code [batch, maxLength]}: true at real positions ({@code t < lengths[b]})
 */
public record PaddedBatch(NdArray values, NdArray lengths, NdArray mask) {
    /** Pads {@code sequences} (at least one) with {@code padValue}. */
    public static PaddedBatch pad(List<int[]> sequences, long padValue) {
        if (sequences.isEmpty()) throw new IllegalArgumentException("PaddedBatch.pad: no sequences");
        int batch = sequences.size(), maxLen = 0;
        for (int[] s : sequences) {
            if (s == null) throw new IllegalArgumentException("PaddedBatch.pad: a sequence is null");
            maxLen = Math.max(maxLen, s.length);
        }
        long total = (long) batch * maxLen;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("PaddedBatch.pad: " + batch + " x " + maxLen + " exceeds one array");
        }
        long[] values = new long[(int) total], lengths = new long[batch];
        boolean[] mask = new boolean[(int) total];
        for (int b = 0; b < batch; b++) {
            int[] s = sequences.get(b);
            lengths[b] = s.length;
            for (int t = 0; t < maxLen; t++) {
                boolean real = t < s.length;
                values[b * maxLen + t] = real ? s[t] : padValue;
                mask[b * maxLen + t] = real;
            }
        }
        return new PaddedBatch(NdArray.of(values, batch, maxLen), NdArray.of(lengths, batch), NdArray.of(mask, batch, maxLen));
    }

    /** Number of sequences. */
    public int batchSize() { return values.size(0); }

    /** Length of the longest sequence (the padded width). */
    public int maxLength() { return values.size(1); }
}
