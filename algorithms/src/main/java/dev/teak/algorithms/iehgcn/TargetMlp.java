package dev.teak.algorithms.iehgcn;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Module;
import dev.teak.nn.Parameter;
import dev.teak.nn.functional.F;
import dev.teak.nn.init.Init;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;

/**
 * Baseline: a two-layer perceptron on the target type's own features, ignoring the graph:
 * {@code logits = ELU(X W1 + b1) W2 + b2} with dropout on the hidden layer. It shows how much
 * the heterogeneous neighbourhood adds to what the features alone say.
 */
public final class TargetMlp extends Module implements NodeClassifier {
    private final IeHgcnLayer.Input x;
    private final Parameter w1, b1, w2, b2;
    private final double dropout;

    public TargetMlp(HeteroGraph graph, int hidden, int numClasses, double dropout, Generator gen) {
        NodeFeatures f = graph.features(graph.target());
        if (f.kind() == NodeFeatures.Kind.LEARNED) throw new IllegalArgumentException("TargetMlp: the target type's features must be given or fixed, not learned");
        this.x = f.input(null);
        this.dropout = dropout;
        w1 = xavier("w1", f.dim(), hidden, gen);
        b1 = parameter("b1", NdArray.zeros(1, hidden));
        w2 = xavier("w2", hidden, numClasses, gen);
        b2 = parameter("b2", NdArray.zeros(1, numClasses));
    }

    private Parameter xavier(String name, int rows, int cols, Generator gen) {
        Parameter p = parameter(name, NdArray.zeros(rows, cols));
        Init.xavierUniform(p, 1.414, gen);
        return p;
    }

    @Override public Tensor logits(Generator gen) {
        Tensor h = F.elu(x.project(w1.get()).add(b1.get()), 1.0);
        h = F.dropout(h, dropout, isTraining() && dropout > 0, gen);
        return h.matmul(w2.get()).add(b2.get());
    }
}
