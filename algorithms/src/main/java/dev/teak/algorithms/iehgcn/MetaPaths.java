package dev.teak.algorithms.iehgcn;

import dev.teak.autograd.Tensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Meta-path usefulness from type-level attention (spec "Meta-path usefulness"). Average each
 * layer's attention over the nodes of a type: {@code ā^l_Ω} is a distribution over
 * {Self} ∪ N_Ω. Unrolling L layers writes the target's representation as a sum over layer
 * paths Ω_L = T, Ω_{L-1}, ..., Ω_0, each step either Self (stay) or a move to a neighbour type,
 * weighted by the product of the averaged attentions along it:
 * <pre>
 *   score(path) = Π_{l=1..L} ā^l_{Ω_l}[step_l]
 * </pre>
 * Self steps collapse, so a layer path names a meta-path of at most L hops (T-P-T for
 * T←P←T←T←T); the contributions of layer paths naming one meta-path are summed (our
 * implementation choice). Each ā is a distribution, so the scores of all meta-paths sum to 1.
 */
public final class MetaPaths {
    private MetaPaths() {}

    /** A meta-path, written target first ("A-P-C-P-A"), with its score. */
    public record Scored(String path, double score) {}

    /** One type's averaged attention in one layer: Self first, then its neighbour types in order. */
    public record TypeAttention(List<String> columns, double[] weights) {}

    /** Averages each layer's attention rows over the nodes of each type ({@code attention.mean(0)} in the authors' code). */
    public static List<Map<String, TypeAttention>> average(HeteroGraph graph, List<Map<String, Tensor>> attention) {
        List<Map<String, TypeAttention>> out = new ArrayList<>();
        for (Map<String, Tensor> layer : attention) {
            Map<String, TypeAttention> m = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : layer.entrySet()) {
                List<String> cols = new ArrayList<>();
                cols.add("Self");
                cols.addAll(graph.neighbours(e.getKey()));
                m.put(e.getKey(), new TypeAttention(cols, e.getValue().data().mean(0, false).toDoubleArray()));
            }
            out.add(m);
        }
        return out;
    }

    /** Scores of all meta-paths ending at {@code target} after the last layer, highest first (ties by name). */
    public static List<Scored> score(String target, List<Map<String, TypeAttention>> averaged) {
        Map<String, Double> scores = new LinkedHashMap<>();
        walk(averaged, averaged.size() - 1, target, target, 1.0, scores);
        List<Scored> ranked = new ArrayList<>();
        for (Map.Entry<String, Double> e : scores.entrySet()) ranked.add(new Scored(e.getKey(), e.getValue()));
        ranked.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::path));
        return ranked;
    }

    /** At layer l the path stands on {@code type}; each step multiplies in that layer's averaged weight. */
    private static void walk(List<Map<String, TypeAttention>> avg, int l, String type, String path, double mass, Map<String, Double> out) {
        if (l < 0) {
            out.merge(path, mass, Double::sum);
            return;
        }
        TypeAttention a = avg.get(l).get(type);
        if (a == null) throw new IllegalArgumentException("MetaPaths.score: layer " + l + " has no attention for type '" + type + "'");
        for (int c = 0; c < a.columns().size(); c++) {
            String step = a.columns().get(c);
            if (step.equals("Self")) walk(avg, l - 1, type, path, mass * a.weights()[c], out);
            else walk(avg, l - 1, step, path + "-" + step, mass * a.weights()[c], out);
        }
    }

    /** Scores averaged over runs (a meta-path missing from a run counts 0 there), highest first. */
    public static List<Scored> mean(List<List<Scored>> runs) {
        Map<String, Double> sum = new LinkedHashMap<>();
        for (List<Scored> r : runs) for (Scored s : r) sum.merge(s.path(), s.score(), Double::sum);
        List<Scored> out = new ArrayList<>();
        for (Map.Entry<String, Double> e : sum.entrySet()) out.add(new Scored(e.getKey(), e.getValue() / runs.size()));
        out.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::path));
        return out;
    }
}
