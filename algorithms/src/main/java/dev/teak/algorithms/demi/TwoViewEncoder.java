package dev.teak.algorithms.demi;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Module;
import dev.teak.nn.ModuleList;
import dev.teak.nn.Sequential;
import dev.teak.nn.layers.Linear;
import dev.teak.nn.layers.ReLU;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.util.ArrayList;
import java.util.List;

/**
 * Encoders of the two digit views trained contrastively (the representation study): g encodes
 * the left half y, f the right half x (or a nested subview of it, with the hidden columns set
 * to zero), and term n of the decomposition scores pairs with a separable critic
 * phi_n(x_n, y) = (H_n f(x_n))^T g(y), one linear head H_n per term over shared encoders, so
 * every term trains the same f and g. With one term this is plain InfoNCE.
 */
public final class TwoViewEncoder extends Module {
    private final Sequential f, g;
    private final ModuleList<Linear> heads;
    private final double[][] masks;

    public TwoViewEncoder(int subviews, int hidden, int embed, Generator gen) {
        f = module("f", mlp(hidden, embed, gen));
        g = module("g", mlp(hidden, embed, gen));
        heads = module("heads", new ModuleList<Linear>());
        for (int n = 0; n < subviews; n++) heads.add(new Linear(embed, embed, false, gen));
        masks = DigitsData.nestedColumnMasks(subviews);
        to(DType.FLOAT64);
    }

    private static Sequential mlp(int hidden, int embed, Generator gen) {
        return new Sequential(new Linear(DigitsData.HALF, hidden, gen), new ReLU(), new Linear(hidden, embed, gen));
    }

    public int subviews() { return masks.length; }

    /** f(right half) and g(left half): the representation the probe reads, [n, 2 embed]. */
    public Tensor features(NdArray left, NdArray right) {
        return Tensor.concat(1, g.forward(new Tensor(left)), f.forward(new Tensor(right)));
    }

    /**
     * Score matrices of every term on one batch, each [B, B] with row i the anchor x_i (its
     * subview) and column j the candidate y_j.
     */
    public List<Tensor> scoreMatrices(NdArray left, NdArray right) {
        Tensor gy = g.forward(new Tensor(left));
        List<Tensor> out = new ArrayList<>();
        for (int n = 0; n < masks.length; n++) {
            NdArray masked = right.mul(NdArray.of(masks[n], DigitsData.HALF));
            Tensor fx = heads.get(n).forward(f.forward(new Tensor(masked)));
            out.add(fx.matmul(gy.mT()));
        }
        return out;
    }
}
