package dev.teak.algorithms.iehgcn;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Module;
import dev.teak.nn.Parameter;
import dev.teak.nn.functional.F;
import dev.teak.nn.init.Init;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import dev.teak.tensor.sparse.CsrMatrix;
import java.util.ArrayList;
import java.util.List;

/**
 * Baseline: a two-layer GCN on the homogeneous graph that one meta-path (T-...-T) induces on the
 * target type, the way homogeneous models are applied to a HIN. The meta-path graph is never
 * materialised (A-P-C-P-A would be nearly dense): its propagation is the product of the
 * row-normalised relation matrices along the path, applied right to left,
 * {@code P X = Â^{T-Ω1} Â^{Ω1-Ω2} ... Â^{Ωk-T} X}, a random walk over meta-path instances. With
 * the self-loop of GCN, each layer is {@code H' = ½ (H W + P (H W)) + b}, ELU and dropout
 * between the two layers.
 */
public final class MetaPathGcn extends Module implements NodeClassifier {
    private final IeHgcnLayer.Input x;
    private final List<CsrMatrix> chain = new ArrayList<>();
    private final Parameter w1, b1, w2, b2;
    private final double dropout;
    private final String metaPath;

    public MetaPathGcn(HeteroGraph graph, String metaPath, int hidden, int numClasses, double dropout, Generator gen) {
        String[] steps = metaPath.split("-");
        String t = graph.target();
        if (steps.length < 3 || !steps[0].equals(t) || !steps[steps.length - 1].equals(t)) {
            throw new IllegalArgumentException("MetaPathGcn: meta-path '" + metaPath + "' must start and end at the target type " + t + " with at least one hop between");
        }
        for (int i = 0; i + 1 < steps.length; i++) chain.add(graph.adjacency(steps[i], steps[i + 1]));
        this.metaPath = metaPath;
        this.x = graph.features(t).input(null);
        this.dropout = dropout;
        w1 = xavier("w1", x.dim(), hidden, gen);
        b1 = parameter("b1", NdArray.zeros(1, hidden));
        w2 = xavier("w2", hidden, numClasses, gen);
        b2 = parameter("b2", NdArray.zeros(1, numClasses));
    }

    public String metaPath() { return metaPath; }

    private Parameter xavier(String name, int rows, int cols, Generator gen) {
        Parameter p = parameter(name, NdArray.zeros(rows, cols));
        Init.xavierUniform(p, 1.414, gen);
        return p;
    }

    /** {@code P y}: the chain of sparse products, last relation first. */
    Tensor propagate(Tensor y) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            CsrMatrix a = chain.get(i);
            y = Tensor.spmm(a, new Tensor(a.values().to(y.dtype())), y);
        }
        return y;
    }

    private Tensor layer(Tensor xw, Parameter b) { return xw.add(propagate(xw)).mul(0.5).add(b.get()); }

    @Override public Tensor logits(Generator gen) {
        Tensor h = F.elu(layer(x.project(w1.get()), b1), 1.0);
        h = F.dropout(h, dropout, isTraining() && dropout > 0, gen);
        return layer(h.matmul(w2.get()), b2);
    }
}
