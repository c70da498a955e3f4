package dev.teak.nn;

import dev.teak.autograd.Tensor;
import dev.teak.nn.init.Init;
import dev.teak.nn.io.SafeTensors;
import dev.teak.tensor.random.Generator;
import dev.teak.tensor.DType;
import dev.teak.tensor.Device;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Base of every layer and model (PyTorch's {@code nn.Module}): named parameters, buffers and
 * sub-modules registered in construction order, a training flag, and state dicts whose keys are
 * dotted paths ({@code "encoder.0.weight"}) as in PyTorch, so {@link SafeTensors} checkpoints
 * interchange with {@code model.state_dict()} files of the same architecture.
 *
 * <p>Sub-classes register what they own with {@link #parameter}, {@link #buffer} and
 * {@link #module}; forward methods are ordinary methods (see {@link UnaryModule} for the
 * one-input case that {@link Sequential} chains).
 */
public abstract class Module {
    private final Map<String, Parameter> params = new LinkedHashMap<>();
    private final Map<String, Buffer> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    // ------------------------------------------------------------------ registration

    /** Registers a parameter initialised with {@code data}. */
    protected final Parameter parameter(String name, NdArray data) {
        checkName(name);
        Parameter p = new Parameter(data);
        params.put(name, p);
        return p;
    }

    /**
     * Registers a float32 parameter of the given shape drawn from {@code U(-bound, bound)}:
     * PyTorch's default initialisation of Linear, Bilinear and convolution weights and biases
     * ({@code bound = 1 / sqrt(fanIn)}).
     */
    protected final Parameter uniformParameter(String name, double bound, Generator gen, int... shape) {
        Parameter p = parameter(name, NdArray.zeros(shape));
        Init.uniform(p, -bound, bound, gen);
        return p;
    }

    /** Registers a buffer (state that is saved but not trained). */
    protected final Buffer buffer(String name, NdArray data) {
        checkName(name);
        Buffer b = new Buffer(data);
        buffers.put(name, b);
        return b;
    }

    /** Registers a sub-module and returns it. */
    protected final <M extends Module> M module(String name, M m) {
        checkName(name);
        children.put(name, m);
        return m;
    }

    private void checkName(String name) {
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": name '" + name + "' must be non-empty without '.'");
        }
        if (params.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": '" + name + "' is already registered");
        }
    }

    // ------------------------------------------------------------------ traversal

    /** Every parameter of this module and its descendants, keyed by dotted path, in registration order. */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collectParameters("", out);
        return out;
    }

    private void collectParameters(String prefix, Map<String, Parameter> out) {
        params.forEach((n, p) -> out.put(prefix + n, p));
        children.forEach((n, m) -> m.collectParameters(prefix + n + ".", out));
    }

    /** The parameters, in the order of {@link #namedParameters()}. */
    public final List<Parameter> parameters() { return new ArrayList<>(namedParameters().values()); }

    /** The current tensor of each parameter, in {@link #parameters()} order. */
    public final List<Tensor> parameterTensors() {
        List<Tensor> out = new ArrayList<>();
        for (Parameter p : parameters()) out.add(p.get());
        return out;
    }

    /**
     * Replaces every parameter's tensor, in {@link #parameters()} order (shapes must match). With
     * the outputs of a {@link dev.teak.nn.optim.FunctionalOptimizer} step, the module then
     * computes with weights that carry the graph of the update, so a bilevel method can unroll
     * training of an ordinary module and differentiate through it.
     */
    public final void setParameterTensors(List<Tensor> tensors) {
        List<Parameter> ps = parameters();
        if (tensors.size() != ps.size()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".setParameterTensors: " + tensors.size()
                    + " tensors for " + ps.size() + " parameters");
        }
        for (int i = 0; i < ps.size(); i++) {
            if (!Arrays.equals(tensors.get(i).shape(), ps.get(i).shape())) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ".setParameterTensors: tensor " + i + " has shape "
                        + Shape.str(tensors.get(i).shape()) + ", parameter " + ps.get(i) + " expected");
            }
        }
        for (int i = 0; i < ps.size(); i++) ps.get(i).set(tensors.get(i));
    }

    /** Every buffer, keyed by dotted path. */
    public final Map<String, Buffer> namedBuffers() {
        Map<String, Buffer> out = new LinkedHashMap<>();
        collectBuffers("", out);
        return out;
    }

    private void collectBuffers(String prefix, Map<String, Buffer> out) {
        buffers.forEach((n, b) -> out.put(prefix + n, b));
        children.forEach((n, m) -> m.collectBuffers(prefix + n + ".", out));
    }

    /** The direct sub-modules by name. */
    public final Map<String, Module> namedChildren() { return Collections.unmodifiableMap(children); }

    /** Number of trainable scalars. */
    public final long numParameters() {
        long n = 0;
        for (Parameter p : parameters()) n += p.numel();
        return n;
    }

    // ------------------------------------------------------------------ modes

    /** Sets training mode here and below (dropout active, batch statistics used); returns this. */
    public Module train(boolean on) {
        training = on;
        for (Module m : children.values()) m.train(on);
        return this;
    }

    public Module train() { return train(true); }

    /** Evaluation mode (PyTorch's {@code eval()}): dropout off, running statistics used. */
    public Module eval() { return train(false); }

    public final boolean isTraining() { return training; }

    /** Clears every parameter's gradient. */
    public final void zeroGrad() {
        for (Parameter p : parameters()) p.zeroGrad();
    }

    /** Moves parameters and buffers to {@code device}; gradients are dropped. Returns this. */
    public Module to(Device device) {
        for (Parameter p : parameters()) p.set(new Tensor(p.data().to(device), true));
        for (Buffer b : namedBuffers().values()) b.set(b.get().to(device));
        return this;
    }

    /** Casts floating parameters and buffers to {@code dtype} (e.g. float64 for gradient checks). */
    public Module to(DType dtype) {
        if (!dtype.isFloating()) throw new IllegalArgumentException("Module.to: " + dtype.pyName() + " is not a floating dtype");
        for (Parameter p : parameters()) p.set(new Tensor(p.data().to(dtype), true));
        for (Buffer b : namedBuffers().values()) if (b.get().dtype().isFloating()) b.set(b.get().to(dtype));
        return this;
    }

    // ------------------------------------------------------------------ state dicts

    /**
     * Parameters and buffers by dotted path, in PyTorch's order (each module's parameters, then
     * its buffers, then its children's entries). The values are the live arrays: copy before mutating.
     */
    public final Map<String, NdArray> stateDict() {
        Map<String, NdArray> out = new LinkedHashMap<>();
        collectState("", out);
        return out;
    }

    private void collectState(String prefix, Map<String, NdArray> out) {
        params.forEach((n, p) -> out.put(prefix + n, p.data()));
        buffers.forEach((n, b) -> out.put(prefix + n, b.get()));
        children.forEach((n, m) -> m.collectState(prefix + n + ".", out));
    }

    /**
     * Copies values from {@code state} (cast to each entry's dtype). With {@code strict}, the key
     * sets must match exactly; shapes must always match. Nothing is changed when a check fails.
     */
    public final void loadStateDict(Map<String, NdArray> state, boolean strict) {
        Map<String, Parameter> ps = namedParameters();
        Map<String, Buffer> bs = namedBuffers();
        if (strict) {
            TreeSet<String> missing = new TreeSet<>(ps.keySet());
            missing.addAll(bs.keySet());
            missing.removeAll(state.keySet());
            TreeSet<String> unexpected = new TreeSet<>(state.keySet());
            unexpected.removeAll(ps.keySet());
            unexpected.removeAll(bs.keySet());
            if (!missing.isEmpty() || !unexpected.isEmpty()) {
                throw new IllegalArgumentException("loadStateDict(" + getClass().getSimpleName() + "): missing keys " + missing
                        + ", unexpected keys " + unexpected);
            }
        }
        for (Map.Entry<String, NdArray> e : state.entrySet()) {
            int[] want = ps.containsKey(e.getKey()) ? ps.get(e.getKey()).shape()
                    : bs.containsKey(e.getKey()) ? bs.get(e.getKey()).get().shape() : null;
            if (want != null && !Arrays.equals(want, e.getValue().shape())) {
                throw new IllegalArgumentException("loadStateDict(" + getClass().getSimpleName() + "): '" + e.getKey() + "' has shape "
                        + Shape.str(e.getValue().shape()) + ", the module expects " + Shape.str(want));
            }
        }
        for (Map.Entry<String, NdArray> e : state.entrySet()) {
            Parameter p = ps.get(e.getKey());
            if (p != null) {
                p.copyFrom(e.getValue().to(p.data().dtype()).to(p.data().device()));
                continue;
            }
            Buffer b = bs.get(e.getKey());
            if (b != null) b.set(e.getValue().to(b.get().dtype()).to(b.get().device()).copy());
        }
    }

    /** Writes {@link #stateDict()} as a safetensors file. */
    public final void save(Path file) throws IOException {
        Map<String, NdArray> cpu = new LinkedHashMap<>();
        stateDict().forEach((n, a) -> cpu.put(n, a.to(Device.CPU)));
        SafeTensors.save(file, cpu);
    }

    /** Loads a safetensors file written by {@link #save} (or by PyTorch for the same architecture), strictly. */
    public final void load(Path file) throws IOException { loadStateDict(SafeTensors.load(file), true); }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(getClass().getSimpleName()).append('(');
        boolean first = true;
        for (Map.Entry<String, Module> e : children.entrySet()) {
            s.append(first ? "" : ", ").append(e.getKey()).append('=').append(e.getValue());
            first = false;
        }
        return s.append(')').toString();
    }
}
