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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One ie-HGCN layer (Yang et al., TKDE 2023; spec "Layer equations" 1-4). For every object
 * type Ω with neighbour types N_Ω:
 * <pre>
 *   (1) Y^{Self-Ω} = H^Ω W^{Self-Ω},      Y^{Γ-Ω} = H^Γ W^{Γ-Ω}                 projection
 *   (2) Z^{Self-Ω} = Y^{Self-Ω},          Z^{Γ-Ω} = Â^{Ω-Γ} Y^{Γ-Ω}              object-level mean
 *   (3) Q^Ω = Z^{Self-Ω} W_q,  K^{·-Ω} = Z^{·-Ω} W_k,  e^{·-Ω} = ELU([K^{·-Ω} ‖ Q^Ω] w_a)
 *       a_i = softmax over {Self} ∪ N_Ω of e_i                              type-level attention, per node
 *   (4) H'^Ω = ELU(a^{Self} Z^{Self-Ω} + Σ_Γ a^Γ Z^{Γ-Ω} + b)
 * </pre>
 * The key projection W_k is shared by all of Ω's relations; dropout (training only) acts on
 * the attention input {@code [K ‖ Q]}, as in the authors' code. {@link Fusion#MEAN} replaces
 * (3) by equal weights 1/(|N_Ω|+1): the no-attention ablation. Every weight and the bias are
 * Xavier-uniform with gain 1.414 (the authors' initialisation).
 */
public final class IeHgcnLayer extends Module {
    /** How the per-type messages are combined. */
    public enum Fusion { ATTENTION, MEAN }

    /** A type's representation entering the layer: dense, or a fixed sparse matrix (given bag-of-words features). */
    public record Input(Tensor dense, CsrMatrix sparse) {
        public static Input dense(Tensor x) { return new Input(x, null); }

        public static Input sparse(CsrMatrix x) { return new Input(null, x); }

        public int dim() { return dense != null ? dense.size(1) : sparse.cols(); }

        /** {@code H W}, by a sparse-dense product when H is sparse. */
        Tensor project(Tensor w) {
            if (dense != null) return dense.matmul(w);
            return Tensor.spmm(sparse, new Tensor(sparse.values().to(w.dtype())), w);
        }
    }

    /** What a layer gives: each computed type's new representation and its attention {@code [n_Ω, 1+|N_Ω|]} (columns Self, then N_Ω in order). */
    public record Output(Map<String, Tensor> h, Map<String, Tensor> attention) {}

    /** How the score vector {@code w_a} starts: the authors' Xavier draw, or zero (uniform attention, the mean-fusion model, at the start). */
    public enum ScoreInit { XAVIER, ZERO }

    /**
     * How the score {@code e = ELU([K ‖ Q] w_a)} is parametrised. {@code MATRICES}: the paper's
     * W_k, W_q (out x att) and w_a (2 att). Without dropout on {@code [K ‖ Q]} the score depends on
     * them only through {@code v_k = W_k w_a'} and {@code v_q = W_q w_a''} (out each), so
     * {@code VECTORS} learns those two vectors directly: the same functions, without the product
     * of factors whose Adam steps compound (a product moves faster than either factor).
     */
    public enum ScoreForm { MATRICES, VECTORS }

    private final HeteroGraph graph;
    private final Fusion fusion;
    private final double attentionDropout;
    private final boolean activation;
    private final Map<String, TypeBlock> blocks = new LinkedHashMap<>();

    /**
     * @param inDims input width of every type; {@code out} the output width of every type;
     *               {@code attentionSize} the width of queries and keys (64 in the paper).
     */
    public IeHgcnLayer(HeteroGraph graph, Map<String, Integer> inDims, int out, int attentionSize, Fusion fusion,
                       double attentionDropout, Generator gen) {
        this(graph, inDims, out, attentionSize, fusion, attentionDropout, true, ScoreInit.XAVIER, ScoreForm.MATRICES, gen);
    }

    /**
     * As above; {@code activation} false leaves out the ELU of (4) (the authors' last layer is
     * linear: its output goes straight to the classifier), {@code scoreInit} sets how {@code w_a}
     * (or {@code v_k}, {@code v_q}) starts, {@code scoreForm} how the score is parametrised.
     */
    public IeHgcnLayer(HeteroGraph graph, Map<String, Integer> inDims, int out, int attentionSize, Fusion fusion,
                       double attentionDropout, boolean activation, ScoreInit scoreInit, ScoreForm scoreForm, Generator gen) {
        if (fusion == Fusion.ATTENTION && scoreForm == ScoreForm.VECTORS && attentionDropout > 0) {
            throw new IllegalArgumentException("IeHgcnLayer: attention dropout " + attentionDropout
                    + " acts on [K ‖ Q], which the VECTORS score form does not build; use MATRICES or dropout 0");
        }
        this.graph = graph;
        this.fusion = fusion;
        this.attentionDropout = attentionDropout;
        this.activation = activation;
        for (String t : graph.types()) {
            blocks.put(t, module(t, new TypeBlock(t, graph.neighbours(t), inDims, out, attentionSize, fusion, scoreInit, scoreForm, gen)));
        }
    }

    /** Whether (4) ends with the ELU. */
    public boolean activation() { return activation; }

    public Fusion fusion() { return fusion; }

    /** Computes the types in {@code types} (those the next layer needs) from {@code in}; dropout draws from {@code gen}. */
    public Output forward(Map<String, Input> in, Set<String> types, Generator gen) {
        Map<String, Tensor> h = new LinkedHashMap<>(), att = new LinkedHashMap<>();
        for (String t : graph.types()) {
            if (!types.contains(t)) continue;
            Tensor[] r = blocks.get(t).forward(graph, in, isTraining() ? attentionDropout : 0, activation, gen);
            h.put(t, r[0]);
            att.put(t, r[1]);
        }
        return new Output(h, att);
    }

    /** The parameters of one type Ω: W^{Self-Ω}, W^{Γ-Ω} per neighbour type, bias, and (attention) W_q, W_k, w_a or v_q, v_k. */
    static final class TypeBlock extends Module {
        final String type;
        final List<String> neighbours;
        final Fusion fusion;
        final Parameter self, bias, query, key, att, vQuery, vKey;
        final Map<String, Parameter> rel = new LinkedHashMap<>();

        TypeBlock(String type, List<String> neighbours, Map<String, Integer> inDims, int out, int attSize, Fusion fusion, ScoreInit scoreInit,
                  ScoreForm form, Generator gen) {
            this.type = type;
            this.neighbours = neighbours;
            this.fusion = fusion;
            self = xavier("self", inDims.get(type), out, gen);
            for (String g : neighbours) rel.put(g, xavier("rel_" + g, inDims.get(g), out, gen));
            bias = xavier("bias", 1, out, gen);
            if (fusion == Fusion.ATTENTION && form == ScoreForm.VECTORS) {
                query = key = att = null;
                vKey = score("score_key", out, 1, scoreInit, gen);
                vQuery = score("score_query", out, 1, scoreInit, gen);
            } else if (fusion == Fusion.ATTENTION) {
                vQuery = vKey = null;
                query = xavier("query", out, attSize, gen);
                key = xavier("key", out, attSize, gen);
                att = score("att", 2 * attSize, 1, scoreInit, gen);
            } else {
                query = key = att = vQuery = vKey = null;
            }
        }

        private Parameter xavier(String name, int rows, int cols, Generator gen) {
            Parameter p = parameter(name, NdArray.zeros(rows, cols));
            Init.xavierUniform(p, 1.414, gen);
            return p;
        }

        /**
         * A score parameter ({@code w_a}, or {@code v_k}, {@code v_q}): drawn as Xavier, then
         * zeroed for {@link ScoreInit#ZERO} (the draw still happens, so the later parameters'
         * draws do not depend on the choice). Zero makes every score ELU(0) = 0 at the start, so
         * a = 1/(|N_Ω|+1): exactly mean fusion.
         */
        private Parameter score(String name, int rows, int cols, ScoreInit init, Generator gen) {
            Parameter p = xavier(name, rows, cols, gen);
            if (init == ScoreInit.ZERO) p.copyFrom(NdArray.zeros(rows, cols).to(p.data().dtype()));
            return p;
        }

        /** Returns {H'^Ω [n, out], attention [n, 1+|N_Ω|]}. */
        Tensor[] forward(HeteroGraph graph, Map<String, Input> in, double dropout, boolean activation, Generator gen) {
            List<Tensor> z = new ArrayList<>(neighbours.size() + 1);
            z.add(in.get(type).project(self.get()));                                    // (1)-(2) Z^{Self-Ω} = H^Ω W^{Self-Ω}
            for (String g : neighbours) {
                CsrMatrix a = graph.adjacency(type, g);
                Tensor y = in.get(g).project(rel.get(g).get());                          // (1) Y^{Γ-Ω} = H^Γ W^{Γ-Ω}
                z.add(Tensor.spmm(a, new Tensor(a.values().to(y.dtype())), y));          // (2) Z^{Γ-Ω} = Â^{Ω-Γ} Y^{Γ-Ω}
            }
            int n = z.get(0).size(0), m = z.size();
            Tensor stacked = Tensor.stack(1, z.toArray(new Tensor[0]));                  // [n, m, out]
            Tensor weights;
            if (fusion == Fusion.MEAN) {
                weights = new Tensor(NdArray.full(1.0 / m, stacked.dtype(), n, m));
            } else {
                Tensor e;
                if (dropout > 0) {
                    // The authors' form: dropout acts on each element of [K ‖ Q], so both must exist.
                    int width = stacked.size(2), attSize = query.shape()[1];
                    Tensor q = z.get(0).matmul(query.get());                             // (3) Q = Z^{Self} W_q      [n, att]
                    Tensor k = stacked.reshape(n * m, width).matmul(key.get());          //     K = Z W_k (shared)    [n m, att]
                    Tensor kq = Tensor.concat(1, k, q.unsqueeze(1).expand(n, m, attSize).reshape(n * m, attSize));
                    kq = F.dropout(kq, dropout, true, gen);                              //     dropout on [K ‖ Q]    [n m, 2 att]
                    e = F.elu(kq.matmul(att.get()), 1.0).reshape(n, m);                  //     e = ELU([K ‖ Q] w_a)
                } else {
                    // Without dropout, [K ‖ Q] w_a = Z (W_k w_a') + Z^{Self} (W_q w_a''), w_a = [w_a'; w_a'']:
                    // the same scores from two vectors, with no [n m, 2 att] intermediate.
                    Tensor vk, vq;
                    if (vKey != null) {                                                  // VECTORS: v_k, v_q themselves
                        vk = vKey.get().reshape(vKey.shape()[0]);
                        vq = vQuery.get().reshape(vQuery.shape()[0]);
                    } else {
                        int attSize = query.shape()[1];
                        Tensor wa = att.get().reshape(2 * attSize);
                        vk = key.get().matmul(wa.slice(0, 0, attSize));                  // W_k w_a'   [out]
                        vq = query.get().matmul(wa.slice(0, attSize, 2 * attSize));      // W_q w_a''  [out]
                    }
                    Tensor ek = stacked.mul(vk).sum(2, false);                           // K w_a'     [n, m]
                    Tensor eq = z.get(0).mul(vq).sum(1, true);                           // Q w_a''    [n, 1]
                    e = F.elu(ek.add(eq), 1.0);                                          // e = ELU([K ‖ Q] w_a)
                }
                weights = e.softmax(1);                                                  //     softmax over Self ∪ N_Ω, per node
            }
            Tensor mixed = stacked.mul(weights.unsqueeze(2)).sum(1, false);              // (4) Σ a Z
            Tensor pre = mixed.add(bias.get());
            return new Tensor[] {activation ? F.elu(pre, 1.0) : pre, weights};         //     ELU(· + b)
        }
    }
}
