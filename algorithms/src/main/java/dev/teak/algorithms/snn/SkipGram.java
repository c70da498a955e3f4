package dev.teak.algorithms.snn;

import dev.teak.autograd.Tensor;
import dev.teak.tensor.NdArray;
import java.util.List;
import java.util.Random;

/**
 * Skip-gram with negative sampling (Mikolov et al. 2013, "Distributed representations of words
 * and phrases", eq. 4), trained with the engine's autograd on mini-batches of (centre, context)
 * pairs. For a centre word {@code c}, a context word {@code o} and {@code K} negatives
 * {@code n_k} drawn from the unigram distribution raised to 3/4:
 * <pre>
 *   loss = -log s(v_c . u_o) - sum_k log s(-v_c . u_{n_k})          (s = logistic sigmoid)
 * </pre>
 * Only the rows a batch touches are gathered into leaf tensors; their gradients are scattered
 * back (sparse SGD with the learning rate decaying linearly to 0, as in word2vec). Frequent
 * words are subsampled with keep probability {@code (sqrt(f/t) + 1) t/f}, and the window is
 * drawn uniformly in {@code [1, window]} per centre word (word2vec's dynamic window).
 */
public final class SkipGram {
    /** Hyper-parameters; {@code subsample} is word2vec's {@code t} (0 turns subsampling off). */
    public record Config(int dim, int window, int negatives, int epochs, double lr, int batch, double subsample, long seed) {
        public static Config defaults(long seed) { return new Config(50, 5, 5, 5, 0.025, 1024, 1e-3, seed); }
    }

    /** Called after each epoch with the mean loss per pair. */
    public interface Listener { void epoch(int epoch, double meanLoss); }

    private SkipGram() {}

    /** Trains embeddings for the words of {@code vocab} on {@code text}; out-of-vocabulary tokens are skipped. */
    public static WordVectors train(Vocabulary vocab, List<String[]> text, Config c, Listener listener) {
        int v = vocab.size(), d = c.dim(), k = c.negatives();
        Random rnd = new Random(c.seed());
        float[] win = new float[v * d], wout = new float[v * d];
        for (int i = 0; i < win.length; i++) win[i] = (float) ((rnd.nextDouble() - 0.5) / d);
        int[][] ids = new int[text.size()][];
        long total = 0;
        for (int i = 0; i < ids.length; i++) {
            ids[i] = vocab.encode(text.get(i));
            for (int w : ids[i]) if (w > Vocabulary.UNK) total += 1;
        }
        int[] table = unigramTable(vocab, 1 << 20);
        double[] keep = new double[v];
        for (int w = 2; w < v; w++) {
            double f = vocab.count(w) / (double) Math.max(1, total);
            keep[w] = c.subsample() <= 0 ? 1 : Math.min(1, (Math.sqrt(f / c.subsample()) + 1) * c.subsample() / f);
        }
        int[] centres = new int[c.batch()], contexts = new int[c.batch()];
        long processed = 0, planned = total * c.epochs();
        for (int epoch = 0; epoch < c.epochs(); epoch++) {
            double lossSum = 0;
            long pairs = 0;
            int fill = 0;
            int[] order = TextData.permutation(ids.length, rnd.nextLong());
            int[] kept = new int[64];
            for (int si : order) {
                int[] s = ids[si];
                if (kept.length < s.length) kept = new int[s.length];
                int n = 0;
                for (int w : s) if (w > Vocabulary.UNK && rnd.nextDouble() < keep[w]) kept[n++] = w;
                processed += s.length;
                for (int i = 0; i < n; i++) {
                    int b = 1 + rnd.nextInt(c.window());
                    for (int j = Math.max(0, i - b); j <= Math.min(n - 1, i + b); j++) {
                        if (j == i) continue;
                        centres[fill] = kept[i];
                        contexts[fill] = kept[j];
                        if (++fill == c.batch()) {
                            double lr = c.lr() * Math.max(1e-4, 1 - processed / (double) planned);
                            lossSum += step(win, wout, d, k, centres, contexts, fill, table, rnd, lr);
                            pairs += fill;
                            fill = 0;
                        }
                    }
                }
            }
            if (fill > 0) {
                lossSum += step(win, wout, d, k, centres, contexts, fill, table, rnd, c.lr() * Math.max(1e-4, 1 - processed / (double) planned));
                pairs += fill;
            }
            if (listener != null) listener.epoch(epoch, lossSum / Math.max(1, pairs));
        }
        return new WordVectors(vocab, NdArray.of(win, v, d));
    }

    /** One SGD step on {@code n} pairs; returns the summed loss. */
    static double step(float[] win, float[] wout, int d, int k, int[] centres, int[] contexts, int n, int[] table, Random rnd, double lr) {
        int[] outIds = new int[n * (k + 1)];
        float[] sign = new float[n * (k + 1)];
        for (int i = 0; i < n; i++) {
            outIds[i * (k + 1)] = contexts[i];
            sign[i * (k + 1)] = 1;
            for (int j = 1; j <= k; j++) {
                outIds[i * (k + 1) + j] = table[rnd.nextInt(table.length)];
                sign[i * (k + 1) + j] = -1;
            }
        }
        Tensor vin = new Tensor(gather(win, d, centres, n), true);            // [n, d]
        Tensor vout = new Tensor(gather(wout, d, outIds, outIds.length), true); // [n (k+1), d]
        Tensor scores = vin.unsqueeze(1).mul(vout.reshape(n, k + 1, d)).sum(2, false); // [n, k+1]
        // log s(z) as log(sigmoid(z)) on z clipped to [-20, 20]: the scores start at exactly 0 (u = 0),
        // where F.logSigmoid's relu/abs composite has a zero derivative instead of 1/2.
        Tensor z = scores.mul(new Tensor(NdArray.of(sign, n, k + 1))).clamp(-20, 20);
        Tensor loss = z.sigmoid().log().sum().neg();
        loss.backward();
        scatter(win, d, centres, n, vin.grad().data().toFloatArray(), lr);
        scatter(wout, d, outIds, outIds.length, vout.grad().data().toFloatArray(), lr);
        return loss.item();
    }

    private static NdArray gather(float[] table, int d, int[] rows, int n) {
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) System.arraycopy(table, rows[i] * d, out, i * d, d);
        return NdArray.of(out, n, d);
    }

    private static void scatter(float[] table, int d, int[] rows, int n, float[] grad, double lr) {
        for (int i = 0; i < n; i++) {
            int o = rows[i] * d;
            for (int j = 0; j < d; j++) table[o + j] -= (float) (lr * grad[i * d + j]);
        }
    }

    /** word2vec's table: word {@code w} fills a share {@code count(w)^0.75 / sum} of the slots. */
    static int[] unigramTable(Vocabulary vocab, int size) {
        double z = 0;
        for (int w = 2; w < vocab.size(); w++) z += Math.pow(vocab.count(w), 0.75);
        int[] table = new int[size];
        int w = 2;
        double cum = vocab.size() > 2 ? Math.pow(vocab.count(2), 0.75) / z : 1;
        for (int i = 0; i < size; i++) {
            table[i] = Math.min(w, vocab.size() - 1);
            if ((i + 1) / (double) size > cum && w < vocab.size() - 1) {
                w++;
                cum += Math.pow(vocab.count(w), 0.75) / z;
            }
        }
        return table;
    }
}
