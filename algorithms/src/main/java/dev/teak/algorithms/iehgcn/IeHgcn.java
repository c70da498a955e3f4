package dev.teak.algorithms.iehgcn;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Module;
import dev.teak.nn.Parameter;
import dev.teak.nn.functional.F;
import dev.teak.nn.init.Init;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ie-HGCN model (spec "Architecture"): a stack of {@link IeHgcnLayer}s (64-32-16-8 in the
 * paper) in which every type gets a representation at every layer, ELU inside each layer and
 * dropout between layers, then a linear classifier on the target type. The loss (in
 * {@link Trainer}) is cross-entropy on the labelled target nodes only.
 *
 * <p>Only the types that can still reach the target are computed: the last layer computes the
 * target alone, the one before it the target and its neighbours, and so on. The others would
 * not change the loss, so this is the same model at a lower cost.
 */
public final class IeHgcn extends Module implements NodeClassifier {
    private final HeteroGraph graph;
    private final List<IeHgcnLayer> layers = new ArrayList<>();
    private final List<Set<String>> needed = new ArrayList<>();
    private final Map<String, Parameter> learned = new LinkedHashMap<>();
    private final Parameter weight, bias;
    private final double dropout;
    private List<Map<String, Tensor>> lastAttention = List.of();

    /** What a forward pass gives: target logits {@code [n_T, C]} and each layer's attention per computed type. */
    public record Result(Tensor logits, List<Map<String, Tensor>> attention) {}

    /**
     * @param widths hidden widths, e.g. {64, 32, 16, 8}; {@code dropout} between layers (0.5),
     *               {@code attentionDropout} on the attention input (0.5), {@code attentionSize} 64.
     */
    public IeHgcn(HeteroGraph graph, int[] widths, int numClasses, IeHgcnLayer.Fusion fusion, double dropout,
                  double attentionDropout, int attentionSize, Generator gen) {
        this(graph, widths, numClasses, fusion, dropout, attentionDropout, attentionSize, true, IeHgcnLayer.ScoreInit.XAVIER,
                IeHgcnLayer.ScoreForm.MATRICES, gen);
    }

    /**
     * As above; {@code lastActivation} false leaves the last layer linear (the authors' code:
     * ELU and dropout only between layers), {@code scoreInit} and {@code scoreForm} set how each
     * layer's attention score starts and is parametrised ({@link IeHgcnLayer.ScoreForm}).
     */
    public IeHgcn(HeteroGraph graph, int[] widths, int numClasses, IeHgcnLayer.Fusion fusion, double dropout,
                  double attentionDropout, int attentionSize, boolean lastActivation, IeHgcnLayer.ScoreInit scoreInit,
                  IeHgcnLayer.ScoreForm scoreForm, Generator gen) {
        if (widths.length == 0) throw new IllegalArgumentException("IeHgcn: needs at least one layer width");
        this.graph = graph;
        this.dropout = dropout;
        Map<String, Integer> dims = new LinkedHashMap<>();
        for (String t : graph.types()) {
            NodeFeatures f = graph.features(t);
            dims.put(t, f.dim());
            if (f.kind() == NodeFeatures.Kind.LEARNED) learned.put(t, parameter("features_" + t, f.dense().copy()));
        }
        for (int l = 0; l < widths.length; l++) {
            layers.add(module("layer" + l, new IeHgcnLayer(graph, dims, widths[l], attentionSize, fusion, attentionDropout,
                    l < widths.length - 1 || lastActivation, scoreInit, scoreForm, gen)));
            for (String t : graph.types()) dims.put(t, widths[l]);
        }
        // needed.get(l): the types layer l must compute for the target to see them at the end.
        Set<String> need = Set.of(graph.target());
        List<Set<String>> rev = new ArrayList<>();
        for (int l = widths.length - 1; l >= 0; l--) {
            rev.add(0, need);
            Set<String> below = new HashSet<>(need);
            for (String t : need) below.addAll(graph.neighbours(t));
            need = below;
        }
        needed.addAll(rev);
        weight = parameter("classifier_weight", NdArray.zeros(widths[widths.length - 1], numClasses));
        Init.xavierUniform(weight, 1.414, gen);
        bias = parameter("classifier_bias", NdArray.zeros(1, numClasses));
        Init.xavierUniform(bias, 1.414, gen);
    }

    public List<IeHgcnLayer> layers() { return layers; }

    public HeteroGraph graph() { return graph; }

    /** The forward pass; dropout (in training mode) draws from {@code gen}. */
    public Result run(Generator gen) {
        Map<String, IeHgcnLayer.Input> in = new LinkedHashMap<>();
        for (String t : graph.types()) {
            Parameter p = learned.get(t);
            in.put(t, graph.features(t).input(p == null ? null : p.get()));
        }
        List<Map<String, Tensor>> attention = new ArrayList<>();
        Map<String, Tensor> h = null;
        for (int l = 0; l < layers.size(); l++) {
            IeHgcnLayer.Output o = layers.get(l).forward(in, needed.get(l), gen);
            attention.add(o.attention());
            h = o.h();
            if (l < layers.size() - 1) {
                in = new LinkedHashMap<>();
                for (Map.Entry<String, Tensor> e : h.entrySet()) {
                    in.put(e.getKey(), IeHgcnLayer.Input.dense(F.dropout(e.getValue(), dropout, isTraining() && dropout > 0, gen)));
                }
            }
        }
        Tensor logits = h.get(graph.target()).matmul(weight.get()).add(bias.get());
        lastAttention = attention;
        return new Result(logits, attention);
    }

    /** The attention of the latest forward pass (for meta-path scores after an evaluation pass). */
    public List<Map<String, Tensor>> lastAttention() { return lastAttention; }

    @Override public Tensor logits(Generator gen) { return run(gen).logits(); }
}
