package dev.teak.algorithms.demi;

import dev.teak.autograd.Tensor;
import dev.teak.nn.io.SafeTensors;
import dev.teak.nn.optim.Adam;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The estimators of one synthetic configuration (a true MI and a K), trained side by side on
 * the same batches, each with its own Adam over all its critics: InfoNCE (N = 1), and for each
 * N > 1 the DEMI estimator with exact conditional negatives and/or with importance-sampled ones.
 * Saves and restores weights and optimizer state as one safetensors file for {@code --resume}.
 */
final class EstimatorBank {
    private final GaussianViews views;
    private final int k;
    private final List<DemiEstimator> estimators = new ArrayList<>();
    private final List<Adam> optimizers = new ArrayList<>();

    /**
     * @param negatives "both", "exact" or "is": which DEMI variants to build for each N > 1
     */
    EstimatorBank(GaussianViews views, int k, List<Integer> subviews, String negatives, String critic, int hidden, int embed,
                  double lr, Generator init) {
        this.views = views;
        this.k = k;
        for (int n : subviews) {
            List<DemiEstimator.Negatives> kinds = new ArrayList<>();
            if (n == 1) kinds.add(DemiEstimator.Negatives.EXACT);    // plain InfoNCE: no conditional term
            else {
                if (!negatives.equals("is")) kinds.add(DemiEstimator.Negatives.EXACT);
                if (!negatives.equals("exact")) kinds.add(DemiEstimator.Negatives.IMPORTANCE);
            }
            for (DemiEstimator.Negatives kind : kinds) {
                DemiEstimator e = new DemiEstimator(DemiEstimator.keyOf(n, kind), views, n, kind, critic, hidden, embed, init);
                estimators.add(e);
                optimizers.add(new Adam(e.parameters(), lr));
            }
        }
    }

    List<DemiEstimator> estimators() { return estimators; }

    GaussianViews views() { return views; }

    int k() { return k; }

    /**
     * One Adam step of every estimator on one batch of K pairs (maximising each bound), drawing
     * the batch and the exact conditional negatives from {@code gen}. Returns the training-batch
     * estimates by key.
     */
    Map<String, Double> step(Generator gen) {
        NdArray[] xy = views.sample(k, gen);
        NdArray noise = noise(gen);
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < estimators.size(); i++) {
            Adam opt = optimizers.get(i);
            opt.zeroGrad();
            Tensor value = estimators.get(i).terms(xy[0], xy[1], noise).total().mean();
            value.neg().backward();
            opt.step();
            out.put(estimators.get(i).key(), value.item());
        }
        return out;
    }

    /** Standard normal noise [K, K-1, d] for the exact conditional negatives of one batch (shared by all terms). */
    private NdArray noise(Generator gen) {
        return gen.randn(dev.teak.tensor.DType.FLOAT64, k, k - 1, views.dim());
    }

    /**
     * Mean and standard deviation over {@code batches} held-out batches (from {@code gen}) of
     * every estimator, with each term's mean beside its analytic value and the mean ESS of the
     * importance weights per conditional term.
     */
    Map<String, Map<String, Object>> evaluate(int batches, Generator gen) {
        int m = estimators.size();
        double[][] totals = new double[m][batches];
        double[][] termSums = new double[m][], essSums = new double[m][];
        for (int i = 0; i < m; i++) {
            termSums[i] = new double[estimators.get(i).subviews()];
            essSums[i] = new double[estimators.get(i).subviews()];
        }
        for (int b = 0; b < batches; b++) {
            NdArray[] xy = views.sample(k, gen);
            NdArray noise = noise(gen);
            for (int i = 0; i < m; i++) {
                double[][] r = estimators.get(i).evaluate(xy[0], xy[1], noise);
                totals[i][b] = r[0][0];
                for (int n = 0; n < termSums[i].length; n++) {
                    termSums[i][n] += r[0][n + 1] / batches;
                    essSums[i][n] += r[1][n] / batches;
                }
            }
        }
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (int i = 0; i < m; i++) {
            DemiEstimator e = estimators.get(i);
            double mean = 0, sq = 0;
            for (double v : totals[i]) mean += v / batches;
            for (double v : totals[i]) sq += (v - mean) * (v - mean);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("mean", mean);
            r.put("std", batches > 1 ? Math.sqrt(sq / (batches - 1)) : 0.0);
            r.put("subviews", e.subviews());
            r.put("negatives", e.subviews() == 1 ? "in-batch" : e.negatives() == DemiEstimator.Negatives.EXACT ? "exact" : "importance");
            r.put("terms", toList(termSums[i]));
            r.put("true_terms", toList(views.blockTerms(e.subviews())));
            if (e.negatives() == DemiEstimator.Negatives.IMPORTANCE && e.subviews() > 1) {
                double[] ess = java.util.Arrays.copyOfRange(essSums[i], 1, essSums[i].length);
                double avg = 0;
                for (double v : ess) avg += v / ess.length;
                r.put("ess", avg);
                r.put("ess_terms", toList(ess));
            }
            out.put(e.key(), r);
        }
        return out;
    }

    private static List<Double> toList(double[] a) {
        List<Double> l = new ArrayList<>();
        for (double v : a) l.add(v);
        return l;
    }

    /** Writes every critic's weights and every optimizer's state to one safetensors file. */
    void save(Path file) throws IOException {
        Map<String, NdArray> all = new LinkedHashMap<>();
        for (int i = 0; i < estimators.size(); i++) {
            String key = estimators.get(i).key();
            List<Critic> critics = estimators.get(i).critics();
            for (int n = 0; n < critics.size(); n++) {
                for (Map.Entry<String, NdArray> e : critics.get(n).stateDict().entrySet()) all.put(key + ".critic" + n + "." + e.getKey(), e.getValue());
            }
            for (Map.Entry<String, NdArray> e : optimizers.get(i).stateDict().entrySet()) all.put(key + ".adam." + e.getKey(), e.getValue());
        }
        SafeTensors.save(file, all);
    }

    /** Restores what {@link #save} wrote for the same configuration. */
    void load(Path file) throws IOException {
        Map<String, NdArray> all = SafeTensors.load(file);
        for (int i = 0; i < estimators.size(); i++) {
            String key = estimators.get(i).key();
            List<Critic> critics = estimators.get(i).critics();
            for (int n = 0; n < critics.size(); n++) critics.get(n).loadStateDict(withPrefix(all, key + ".critic" + n + "."), true);
            optimizers.get(i).loadStateDict(withPrefix(all, key + ".adam."));
        }
    }

    private static Map<String, NdArray> withPrefix(Map<String, NdArray> all, String prefix) {
        Map<String, NdArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, NdArray> e : all.entrySet()) {
            if (e.getKey().startsWith(prefix)) out.put(e.getKey().substring(prefix.length()), e.getValue());
        }
        return out;
    }
}
