package dev.teak.autograd;

import dev.teak.tensor.BinaryOp;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;
import dev.teak.tensor.UnaryOp;
import dev.teak.tensor.sparse.CsrMatrix;

/**
 * A differentiable tensor: an {@link NdArray} plus, when it requires grad, the {@link Node}
 * that made it (null for leaves). Ops record a node only when grad mode is on and an input
 * requires grad, so inference pays one thread-local read per op.
 *
 * <p>Leaf gradients accumulate: each {@link #backward()} adds into {@link #grad()} until
 * {@link #zeroGrad()} clears it, as in PyTorch. Views (reshape, permute, slice, ...) share
 * their base's version counter; the in-place methods ({@link #addInPlace}, {@link #copyFrom},
 * ...) bump it, so a saved tensor changed before backward is reported instead of silently
 * producing a wrong gradient.
 */
public final class Tensor {
    private final NdArray data;
    private boolean requiresGrad;
    final Node gradFn;
    private Tensor grad;
    /** Shared by a tensor and its views: element 0 counts in-place updates. */
    private final int[] version;

    /** A leaf that does not require grad. */
    public Tensor(NdArray data) { this(data, false); }

    /** A leaf; only floating tensors can require grad. */
    public Tensor(NdArray data, boolean requiresGrad) {
        this.data = data;
        this.gradFn = null;
        this.version = new int[1];
        requiresGrad(requiresGrad);
    }

    private Tensor(NdArray data, Node gradFn, boolean requiresGrad, int[] version) {
        this.data = data;
        this.gradFn = gradFn;
        this.requiresGrad = requiresGrad;
        this.version = version;
    }

    /** Wraps an op's result with the node that made it; anomaly mode records where and checks values. */
    static Tensor record(NdArray result, Node node) { return record(result, node, null); }

    /** As {@link #record(NdArray, Node)}, sharing the version counter of {@code base} when the result is a view of it. */
    static Tensor record(NdArray result, Node node, Tensor base) {
        if (AnomalyMode.isEnabled()) {
            node.creation = new AnomalyMode.CreatedAt(node.name());
            AnomalyMode.checkForward(node, result);
        }
        int[] v = base != null && result.storage() == base.data.storage() ? base.version : new int[1];
        return new Tensor(result, node, true, v);
    }

    /** A result without a graph; a view of {@code base} shares its version counter. */
    static Tensor constant(NdArray result, Tensor base) {
        boolean view = base != null && result.storage() == base.data.storage();
        return new Tensor(result, null, false, view ? base.version : new int[1]);
    }

    /** Same shape as {@code other}, without copying either shape (hot path of backward). */
    boolean sameShape(Tensor other) {
        if (data.dim() != other.data.dim()) return false;
        for (int d = 0; d < data.dim(); d++) if (data.size(d) != other.data.size(d)) return false;
        return true;
    }

    boolean hasShape(int[] shape) {
        if (data.dim() != shape.length) return false;
        for (int d = 0; d < shape.length; d++) if (data.size(d) != shape[d]) return false;
        return true;
    }

    /** Whether an op on {@code a} should record a node. */
    static boolean recording(Tensor a) { return a.requiresGrad && GradMode.isEnabled(); }

    static boolean recording(Tensor a, Tensor b) { return (a.requiresGrad || b.requiresGrad) && GradMode.isEnabled(); }

    /**
     * For custom ops (a fused kernel with its own backward rule): whether an op on these
     * inputs must record a node, i.e. grad mode is on and one of them requires grad.
     */
    public static boolean isRecording(Tensor... inputs) {
        if (!GradMode.isEnabled()) return false;
        for (Tensor t : inputs) if (t != null && t.requiresGrad) return true;
        return false;
    }

    /**
     * For custom ops: wraps {@code result} as the output of {@code node} (whose constructor
     * received the inputs). Call only when {@link #isRecording} is true; otherwise wrap the
     * result with {@code new Tensor(result)}.
     */
    public static Tensor fromNode(NdArray result, Node node) { return record(result, node); }

    // ------------------------------------------------------------------ factories

    public static Tensor of(NdArray data) { return new Tensor(data); }

    public static Tensor of(float[] values, int... shape) { return new Tensor(NdArray.of(values, shape)); }

    public static Tensor of(double[] values, int... shape) { return new Tensor(NdArray.of(values, shape)); }

    public static Tensor zeros(int... shape) { return new Tensor(NdArray.zeros(shape)); }

    public static Tensor zeros(DType dtype, int... shape) { return new Tensor(NdArray.zeros(dtype, shape)); }

    public static Tensor ones(int... shape) { return new Tensor(NdArray.ones(shape)); }

    public static Tensor scalar(double value) { return new Tensor(NdArray.scalar(value)); }

    public static Tensor scalar(double value, DType dtype) { return new Tensor(NdArray.scalar(value, dtype)); }

    /** Zeros with this tensor's dtype, shape and device; no grad. */
    public Tensor zerosLike() { return new Tensor(NdArray.zeros(data.backend(), data.dtype(), data.shape())); }

    public Tensor onesLike() { return new Tensor(NdArray.zeros(data.backend(), data.dtype(), data.shape()).fill(1)); }

    // ------------------------------------------------------------------ state

    /** The values (do not mutate them behind the tensor's back: use the in-place methods). */
    public NdArray data() { return data; }

    public int[] shape() { return data.shape(); }

    public int dim() { return data.dim(); }

    public int numel() { return data.numel(); }

    public int size(int axis) { return data.size(axis); }

    public DType dtype() { return data.dtype(); }

    public double item() { return data.item(); }

    public boolean requiresGrad() { return requiresGrad; }

    /** Sets whether a leaf requires grad (PyTorch's {@code requires_grad_}); returns this. */
    public Tensor requiresGrad(boolean on) {
        if (gradFn != null && !on) {
            throw new IllegalStateException("requiresGrad(false): tensor of shape " + Shape.str(shape())
                    + " was made by '" + gradFn.name() + "' and is not a leaf; use detach()");
        }
        if (on && !data.dtype().isFloating()) {
            throw new IllegalArgumentException("requiresGrad: only floating tensors can require grad, got "
                    + data.dtype().pyName() + Shape.str(shape()));
        }
        requiresGrad = on || gradFn != null;
        return this;
    }

    /** Whether this tensor was made by the user rather than by a recorded op. */
    public boolean isLeaf() { return gradFn == null; }

    /** The node that made this tensor, or null for leaves. */
    public Node gradFn() { return gradFn; }

    /** The gradient accumulated by backward (leaves, and non-leaves after {@link #retainGrad}), or null. */
    public Tensor grad() { return grad; }

    /** Makes backward() also fill {@link #grad()} of this non-leaf tensor (no-op on leaves). */
    public Tensor retainGrad() {
        if (gradFn != null) gradFn.retained = this;
        return this;
    }

    /** Clears the accumulated gradient (sets it to null, PyTorch's default). */
    public void zeroGrad() { grad = null; }

    /** How many in-place updates this tensor (or a view sharing its storage) has had. */
    public int version() { return version[0]; }

    /**
     * Adds {@code g} into the leaf gradient. The first gradient is kept as it is when the engine
     * says no one else holds it ({@code own}), else as a private copy, so later in-place steps on
     * grad touch nothing else.
     */
    void accumulateGrad(Tensor g, boolean keepGraph, boolean own) {
        if (grad == null) grad = keepGraph ? g : new Tensor(own ? g.data : g.data.copy());
        else grad = keepGraph ? grad.add(g) : new Tensor(grad.data.add(g.data));
    }

    /** The same values with no graph; shares storage and version counter. */
    public Tensor detach() { return new Tensor(data, null, false, version); }

    // ------------------------------------------------------------------ backward

    /** Backpropagates from a one-element tensor (seed 1), accumulating into leaf grads; frees the graph. */
    public void backward() { backward(null, false, false); }

    /** Backpropagates {@code gradOutput} (the gradient of some scalar with respect to this tensor). */
    public void backward(Tensor gradOutput) { backward(gradOutput, false, false); }

    /**
     * The general form: {@code retainGraph} keeps saved tensors for another backward;
     * {@code createGraph} records the backward itself so leaf grads are differentiable.
     */
    public void backward(Tensor gradOutput, boolean retainGraph, boolean createGraph) {
        BackwardEngine.run(new Tensor[] {this}, new Tensor[] {gradOutput}, retainGraph || createGraph, createGraph, null, false);
    }

    // ------------------------------------------------------------------ in-place (optimizer steps)

    private void checkInPlace(String op) {
        if (requiresGrad && GradMode.isEnabled()) {
            throw new IllegalStateException(op + ": in-place update of a tensor of shape " + Shape.str(shape())
                    + " that requires grad; do it under GradMode.noGrad() (e.g. an optimizer step)");
        }
    }

    private Tensor writeBack(String op, NdArray result) {
        checkInPlace(op);
        data.copyFrom(result);
        version[0]++;
        return this;
    }

    /** {@code this += alpha * other}, in place; bumps the version. */
    public Tensor addInPlace(Tensor other, double alpha) {
        return writeBack("addInPlace", alpha == 1 ? data.add(other.data) : data.add(other.data.mul(alpha)));
    }

    public Tensor addInPlace(Tensor other) { return addInPlace(other, 1); }

    /** {@code this -= other}, in place. */
    public Tensor subInPlace(Tensor other) { return writeBack("subInPlace", data.sub(other.data)); }

    /** {@code this *= s}, in place. */
    public Tensor mulInPlace(double s) { return writeBack("mulInPlace", data.mul(s)); }

    /** {@code this *= other} elementwise, in place. */
    public Tensor mulInPlace(Tensor other) { return writeBack("mulInPlace", data.mul(other.data)); }

    /** Overwrites the values with {@code src} (broadcast), in place. */
    public Tensor copyFrom(Tensor src) { return writeBack("copyFrom", src.data); }

    /**
     * Records that the values were changed in place through the array's storage (an optimizer
     * writing its update straight into the weights): the same check and version bump as the
     * other in-place methods, so a graph that saved the old values refuses to use them.
     */
    public Tensor markDirty(String op) {
        checkInPlace(op);
        version[0]++;
        return this;
    }

    /** Sets every element, in place. */
    public Tensor fillInPlace(double value) {
        checkInPlace("fillInPlace");
        data.fill(value);
        version[0]++;
        return this;
    }

    // ------------------------------------------------------------------ elementwise

    public Tensor add(Tensor o) { return PointwiseOps.binary(BinaryOp.ADD, this, o); }
    public Tensor sub(Tensor o) { return PointwiseOps.binary(BinaryOp.SUB, this, o); }
    public Tensor mul(Tensor o) { return PointwiseOps.binary(BinaryOp.MUL, this, o); }
    public Tensor div(Tensor o) { return PointwiseOps.binary(BinaryOp.DIV, this, o); }
    public Tensor pow(Tensor o) { return PointwiseOps.binary(BinaryOp.POW, this, o); }
    public Tensor maximum(Tensor o) { return PointwiseOps.binary(BinaryOp.MAX, this, o); }
    public Tensor minimum(Tensor o) { return PointwiseOps.binary(BinaryOp.MIN, this, o); }
    public Tensor atan2(Tensor o) { return PointwiseOps.binary(BinaryOp.ATAN2, this, o); }
    public Tensor remainder(Tensor o) { return PointwiseOps.binary(BinaryOp.REM, this, o); }
    public Tensor binary(BinaryOp op, Tensor o) { return PointwiseOps.binary(op, this, o); }
    public Tensor add(double s) { return PointwiseOps.binary(BinaryOp.ADD, this, PointwiseOps.scalarLike(this, s)); }
    public Tensor sub(double s) { return PointwiseOps.binary(BinaryOp.SUB, this, PointwiseOps.scalarLike(this, s)); }
    public Tensor mul(double s) { return PointwiseOps.binary(BinaryOp.MUL, this, PointwiseOps.scalarLike(this, s)); }
    public Tensor div(double s) { return PointwiseOps.binary(BinaryOp.DIV, this, PointwiseOps.scalarLike(this, s)); }
    public Tensor pow(double s) { return PointwiseOps.binary(BinaryOp.POW, this, PointwiseOps.scalarLike(this, s)); }
    /** {@code s - this}. */
    public Tensor rsub(double s) { return PointwiseOps.binary(BinaryOp.SUB, PointwiseOps.scalarLike(this, s), this); }

    public Tensor apply(UnaryOp op) { return PointwiseOps.unary(op, this); }
    public Tensor neg() { return PointwiseOps.unary(UnaryOp.NEG, this); }
    public Tensor abs() { return PointwiseOps.unary(UnaryOp.ABS, this); }
    public Tensor exp() { return PointwiseOps.unary(UnaryOp.EXP, this); }
    public Tensor log() { return PointwiseOps.unary(UnaryOp.LOG, this); }
    public Tensor sqrt() { return PointwiseOps.unary(UnaryOp.SQRT, this); }
    public Tensor square() { return PointwiseOps.unary(UnaryOp.SQUARE, this); }
    public Tensor reciprocal() { return PointwiseOps.unary(UnaryOp.RECIPROCAL, this); }
    public Tensor sin() { return PointwiseOps.unary(UnaryOp.SIN, this); }
    public Tensor cos() { return PointwiseOps.unary(UnaryOp.COS, this); }
    public Tensor tanh() { return PointwiseOps.unary(UnaryOp.TANH, this); }
    public Tensor sigmoid() { return PointwiseOps.unary(UnaryOp.SIGMOID, this); }
    public Tensor relu() { return PointwiseOps.unary(UnaryOp.RELU, this); }
    public Tensor sign() { return PointwiseOps.unary(UnaryOp.SIGN, this); }

    /** Comparisons give bool tensors that never require grad. */
    public Tensor gt(Tensor o) { return PointwiseOps.binary(BinaryOp.GT, this, o); }
    public Tensor lt(Tensor o) { return PointwiseOps.binary(BinaryOp.LT, this, o); }
    public Tensor ge(Tensor o) { return PointwiseOps.binary(BinaryOp.GE, this, o); }
    public Tensor le(Tensor o) { return PointwiseOps.binary(BinaryOp.LE, this, o); }
    public Tensor eq(Tensor o) { return PointwiseOps.binary(BinaryOp.EQ, this, o); }
    public Tensor gt(double s) { return gt(PointwiseOps.scalarLike(this, s)); }
    public Tensor lt(double s) { return lt(PointwiseOps.scalarLike(this, s)); }

    /** {@code cond ? a : b} with broadcasting; the gradient flows to the chosen side. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) { return PointwiseOps.where(cond.data, a, b); }

    /** This tensor with {@code value} where {@code mask} is true (torch.masked_fill). */
    public Tensor maskedFill(Tensor mask, double value) {
        return PointwiseOps.where(mask.data, PointwiseOps.scalarLike(this, value), this);
    }

    /** Elements limited to {@code [lo, hi]}; the gradient is 1 inside (bounds included), 0 outside. */
    public Tensor clamp(double lo, double hi) { return PointwiseOps.clamp(this, lo, hi); }

    /** Converted to another floating dtype; the gradient is converted back. */
    public Tensor to(DType dtype) { return PointwiseOps.cast(this, dtype); }

    // ------------------------------------------------------------------ reductions

    public Tensor sum() { return ReductionOps.sum(this, new int[0], false); }
    public Tensor sum(int axis, boolean keepdim) { return ReductionOps.sum(this, new int[] {axis}, keepdim); }
    public Tensor sum(int[] axes, boolean keepdim) { return ReductionOps.sum(this, axes, keepdim); }
    public Tensor mean() { return ReductionOps.mean(this, new int[0], false); }
    public Tensor mean(int axis, boolean keepdim) { return ReductionOps.mean(this, new int[] {axis}, keepdim); }
    public Tensor mean(int[] axes, boolean keepdim) { return ReductionOps.mean(this, axes, keepdim); }
    public Tensor prod(int axis, boolean keepdim) { return ReductionOps.prod(this, axis, keepdim); }
    /** Variance with Bessel's {@code correction} (1 = unbiased). */
    public Tensor var(int[] axes, int correction, boolean keepdim) { return ReductionOps.var(this, axes, correction, keepdim); }
    public Tensor max() { return ReductionOps.extreme(true, this.reshape(-1), 0, false); }
    public Tensor min() { return ReductionOps.extreme(false, this.reshape(-1), 0, false); }
    /** Maximum along an axis; the gradient goes to the first maximal element (by index). */
    public Tensor max(int axis, boolean keepdim) { return ReductionOps.extreme(true, this, axis, keepdim); }
    public Tensor min(int axis, boolean keepdim) { return ReductionOps.extreme(false, this, axis, keepdim); }
    /** Indices of the maxima along an axis (int64, no grad). */
    public NdArray argmax(int axis, boolean keepdim) { return data.argmax(axis, keepdim); }
    public Tensor logsumexp(int[] axes, boolean keepdim) { return ReductionOps.logsumexp(this, axes, keepdim); }
    public Tensor softmax(int axis) { return SoftmaxOps.softmax(this, axis); }
    public Tensor std(int[] axes, int correction, boolean keepdim) { return ReductionOps.std(this, axes, correction, keepdim); }
    /** Inclusive prefix sum along an axis. */
    public Tensor cumsum(int axis) { return ReductionOps.cumsum(this, axis); }

    /** Values (differentiable) and int64 indices, as returned by {@link #sort}. */
    public record ValuesAndIndices(Tensor values, NdArray indices) {}

    /** Stable sort along an axis; the gradient of the values flows back through the permutation. */
    public ValuesAndIndices sort(int axis, boolean descending) { return IndexOps.sort(this, axis, descending); }
    public ValuesAndIndices topk(int k, int axis, boolean largest) { return IndexOps.topk(this, k, axis, largest); }
    public ValuesAndIndices kthvalue(int k, int axis, boolean keepdim) { return IndexOps.kthvalue(this, k, axis, keepdim); }
    /** The lower median along an axis; the gradient goes to the chosen element. */
    public ValuesAndIndices median(int axis, boolean keepdim) { return IndexOps.median(this, axis, keepdim); }
    public Tensor logSoftmax(int axis) { return SoftmaxOps.logSoftmax(this, axis); }

    // ------------------------------------------------------------------ movement

    public Tensor reshape(int... shape) { return MovementOps.reshape(this, shape, false); }
    /** Like reshape but never copies (torch.view). */
    public Tensor view(int... shape) { return MovementOps.reshape(this, shape, true); }
    public Tensor permute(int... axes) { return MovementOps.permute(this, axes); }
    public Tensor transpose(int a, int b) { return MovementOps.transpose(this, a, b); }
    /** Transpose of the last two axes. */
    public Tensor mT() { return MovementOps.transpose(this, -2, -1); }
    public Tensor expand(int... shape) { return MovementOps.expand(this, shape); }
    public Tensor broadcastTo(int... shape) { return MovementOps.expand(this, shape); }
    public Tensor slice(int axis, int start, int end, int step) { return MovementOps.slice(this, axis, start, end, step); }
    public Tensor slice(int axis, int start, int end) { return MovementOps.slice(this, axis, start, end, 1); }
    public Tensor narrow(int axis, int start, int length) { return MovementOps.narrow(this, axis, start, length); }
    public Tensor select(int axis, int index) { return MovementOps.select(this, axis, index); }
    public Tensor squeeze(int axis) { return MovementOps.squeeze(this, axis); }
    public Tensor squeeze() { return MovementOps.squeezeAll(this); }
    public Tensor unsqueeze(int axis) { return MovementOps.unsqueeze(this, axis); }
    public Tensor flatten() { return reshape(-1); }
    public Tensor flatten(int start, int end) { return MovementOps.flatten(this, start, end); }
    public Tensor contiguous() { return MovementOps.contiguous(this); }
    /** The diagonal {@code x[i, i + offset]} over two axes, as the last axis (a view). */
    public Tensor diagonal(int offset, int axis1, int axis2) { return MovementOps.diagonal(this, offset, axis1, axis2); }

    // ------------------------------------------------------------------ linear algebra and indexing

    /** {@code torch.matmul}: 1-D operands promoted and demoted again, batch axes broadcast. */
    public Tensor matmul(Tensor o) { return MatmulOps.matmul(this, o); }

    /** Sparse times dense: {@code A @ dense} where A has {@code structure}'s pattern and the differentiable {@code values}. */
    public static Tensor spmm(CsrMatrix structure, Tensor values, Tensor dense) { return SparseOps.spmm(structure, values, dense); }

    /** {@code out[..i..] = this[..index[..i..]..]} along {@code axis} (torch.gather); index is integer. */
    public Tensor gather(int axis, NdArray index) { return IndexOps.gather(this, axis, index); }

    /** This tensor plus {@code src} added at {@code index} along {@code axis} (out-of-place torch.scatter_add). */
    public Tensor scatterAdd(int axis, NdArray index, Tensor src) { return IndexOps.scatterAdd(this, axis, index, src); }

    /** Slices at the 1-D {@code index} along {@code axis} (torch.index_select). */
    public Tensor indexSelect(int axis, NdArray index) { return IndexOps.indexSelect(this, axis, index); }

    /** This tensor plus {@code src} added at the 1-D {@code index} along {@code axis} (out-of-place torch.index_add). */
    public Tensor indexAdd(int axis, NdArray index, Tensor src) { return IndexOps.indexAdd(this, axis, index, src); }

    /**
     * Layer normalisation over the last {@code dims} axes (biased variance, {@code eps} inside
     * the square root), then {@code * weight + bias} where given (shaped like those axes).
     */
    public static Tensor layerNorm(Tensor x, int dims, Tensor weight, Tensor bias, double eps) {
        return NormOps.layerNorm(x, dims, weight, bias, eps);
    }

    /** Joins tensors along an existing axis (torch.cat). */
    public static Tensor concat(int axis, Tensor... xs) { return JoinOps.concat(axis, xs); }

    /** Joins equal-shaped tensors along a new axis (torch.stack). */
    public static Tensor stack(int axis, Tensor... xs) { return JoinOps.stack(axis, xs); }

    /** Chunks of {@code size} along an axis, the last possibly shorter (torch.split). */
    public Tensor[] split(int size, int axis) { return JoinOps.split(this, size, axis); }

    /** Constant padding; {@code pads} are (before, after) pairs from the last axis backwards (F.pad). */
    public Tensor pad(int[] pads, double value) { return JoinOps.pad(this, pads, value); }

    @Override
    public String toString() {
        String tail = gradFn != null ? ", gradFn=" + gradFn : requiresGrad ? ", requiresGrad=true" : "";
        return "Tensor(" + data + tail + ")";
    }
}
