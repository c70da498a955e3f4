package dev.teak.algorithms.snn;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Module;
import dev.teak.nn.Parameter;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;

/**
 * The paper's map from word vectors to firing probabilities (spec section 1, the authors'
 * {@code tensor_encoder.py}): with the global scalar mean {@code mu} and standard deviation
 * {@code sigma} over all values of all word vectors,
 * <pre>
 *   v = (clip((e - mu) / sigma, -3, 3) + 3) / 6      in [0, 1]
 * </pre>
 * The padding row is 0 (it never fires); the unknown word is the zero vector before the map,
 * so it fires at about 1/2. As a module it holds the table {@code e} as a parameter, so the
 * DNN may fine-tune the vectors through the (piecewise linear) map with {@code mu} and
 * {@code sigma} fixed at their values for the initial table; {@link #shifted()} gives the table
 * of probabilities the spiking networks encode.
 */
public final class EmbeddingShift extends Module {
    public static final double CLIP = 3;

    private final Parameter table;
    private final double mu, sigma;
    private final boolean trainable;

    /** {@code embeddings [V, d]}; rows {@link Vocabulary#PAD} and {@link Vocabulary#UNK} are ignored in the statistics. */
    public EmbeddingShift(NdArray embeddings, boolean trainable) {
        double[] e = embeddings.toDoubleArray();
        int v = embeddings.size(0), d = embeddings.size(1);
        double s = 0, s2 = 0;
        long n = 0;
        for (int i = 2 * d; i < v * d; i++) {
            s += e[i];
            n++;
        }
        this.mu = n == 0 ? 0 : s / n;
        for (int i = 2 * d; i < v * d; i++) s2 += (e[i] - mu) * (e[i] - mu);
        this.sigma = n < 2 ? 1 : Math.max(1e-12, Math.sqrt(s2 / n));
        for (int j = 0; j < d; j++) {
            e[j] = 0;                          // padding: masked to 0 after the map anyway
            e[Vocabulary.UNK * d + j] = 0;     // unknown word = zero vector before the map
        }
        this.table = parameter("weight", NdArray.of(e, v, d).to(DType.FLOAT32));
        this.trainable = trainable;
    }

    public double mean() { return mu; }

    public double std() { return sigma; }

    public int dim() { return table.shape()[1]; }

    public int vocabSize() { return table.shape()[0]; }

    /** The map itself on values: {@code (clip((e - mu)/sigma, -3, 3) + 3) / 6}. */
    public static Tensor map(Tensor e, double mu, double sigma) {
        return e.sub(mu).div(sigma).clamp(-CLIP, CLIP).add(CLIP).div(2 * CLIP);
    }

    /** Probabilities for token ids {@code [N, L]} as {@code [N, L, d]}; padding positions are 0. */
    public Tensor forward(int[][] ids) {
        int n = ids.length, l = ids[0].length, d = dim();
        int[] flat = new int[n * l];
        float[] keep = new float[n * l];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < l; j++) {
                flat[i * l + j] = ids[i][j];
                keep[i * l + j] = ids[i][j] == Vocabulary.PAD ? 0 : 1;
            }
        }
        Tensor e = trainable && isTraining() ? table.get() : table.get().detach();
        Tensor rows = e.indexSelect(0, NdArray.of(flat, n * l));
        return map(rows, mu, sigma).mul(new Tensor(NdArray.of(keep, n * l, 1))).reshape(n, l, d);
    }

    /** The whole table of probabilities {@code [V, d]} with the padding row 0. */
    public NdArray shifted() {
        int d = dim();
        float[] v = map(table.get().detach(), mu, sigma).data().toFloatArray();
        for (int j = 0; j < d; j++) v[j] = 0;
        return NdArray.of(v, vocabSize(), d);
    }

    /** Rows of a shifted table {@code tab [V, d]} (row-major) for token ids {@code [N, L]}: {@code [N, L, d]}. */
    public static NdArray lookup(float[] tab, int d, int[][] ids) {
        int n = ids.length, l = ids[0].length;
        float[] out = new float[n * l * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < l; j++) System.arraycopy(tab, ids[i][j] * d, out, (i * l + j) * d, d);
        }
        return NdArray.of(out, n, l, d);
    }
}
