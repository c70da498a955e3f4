package dev.teak.nn.optim;

import dev.teak.autograd.GradMode;
import dev.teak.autograd.Tensor;
import dev.teak.nn.Parameter;
import dev.teak.tensor.DType;
import dev.teak.tensor.Device;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;
import dev.teak.tensor.cpu.CpuStorage;
import dev.teak.tensor.cpu.Parallel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Base of the in-place optimizers ({@code torch.optim}): a list of parameters, a learning rate
 * that schedulers change, and per-parameter state (moment estimates, step counts) that
 * {@link #stateDict()} exports as arrays so a run can be checkpointed (e.g. with
 * {@code SafeTensors}) and resumed exactly. Parameters whose gradient is null are skipped.
 */
public abstract class Optimizer {
    protected final List<Parameter> params;
    private final List<Map<String, double[]>> state = new ArrayList<>();
    private final List<Map<String, float[]>> state32 = new ArrayList<>();
    private final long[] steps;
    private final double[][][] scratch;
    protected double lr;

    protected Optimizer(List<Parameter> params, double lr) {
        if (params.isEmpty()) throw new IllegalArgumentException(getClass().getSimpleName() + ": no parameters to optimise");
        if (!(lr >= 0)) throw new IllegalArgumentException(getClass().getSimpleName() + ": learning rate must be >= 0, got " + lr);
        this.params = List.copyOf(params);
        this.lr = lr;
        this.steps = new long[params.size()];
        this.scratch = new double[params.size()][2][];
        for (int i = 0; i < params.size(); i++) {
            state.add(new HashMap<>());
            state32.add(new HashMap<>());
        }
    }

    public double lr() { return lr; }

    public void setLr(double lr) { this.lr = lr; }

    public List<Parameter> parameters() { return params; }

    /** Clears every parameter's gradient. */
    public void zeroGrad() {
        for (Parameter p : params) p.zeroGrad();
    }

    /**
     * One update of every parameter that has a gradient. The rule runs as one fused loop over
     * float64 host copies of the weights, gradient and state (a dozen array ops per parameter
     * would cost more than the forward and backward of a small model), and the result is
     * written back in the parameter's dtype and device.
     */
    public final void step() {
        try (GradMode.Guard g = GradMode.noGrad()) {
            for (int i = 0; i < params.size(); i++) {
                Parameter p = params.get(i);
                if (p.grad() == null) continue;
                NdArray data = p.data();
                if (data.dtype() == DType.FLOAT32 && data.device().equals(Device.CPU)) {
                    stepFloat32(p, data, i);
                    continue;
                }
                stepGeneric(p, data, i);
            }
        }
    }

    /**
     * The same update for a float32 parameter on the CPU, read from and written back into the
     * parameter's own float array through reusable float64 scratch: the generic path's copies
     * (a host copy, two conversions, a clone, a conversion back, a copy into the weights, and
     * four fresh arrays per parameter per step) cost more than Adam's arithmetic. The elements
     * are split among the CPU threads (the rule is elementwise). The values are the generic
     * path's exactly: the same float64 rule on the same widened floats. An optimizer with a
     * {@link #floatRule} (Adam's fused mode) updates the floats in place instead.
     */
    private void stepFloat32(Parameter p, NdArray data, int i) {
        NdArray grad = p.grad().data().to(DType.FLOAT32).contiguous();
        if (!data.isContiguous() || !(data.storage() instanceof CpuStorage ws) || !(grad.storage() instanceof CpuStorage gs)) {
            stepGeneric(p, data, i);
            return;
        }
        float[] wf = ws.f32, gf = gs.f32;
        int n = data.numel(), wo = data.offset(), go = grad.offset();
        long t = ++steps[i];
        FloatRule fused = floatRule(state32.get(i), n, t);
        if (fused != null) {
            Parallel.forRange(n, Parallel.GRAIN, (lo, hi) -> fused.apply(wf, wo, gf, go, lo, hi));
        } else {
            double[] w = scratch(i, 0, n), g = scratch(i, 1, n);
            Rule rule = rule(state.get(i), n, t);
            Parallel.forRange(n, Parallel.GRAIN, (lo, hi) -> {
                for (int j = lo; j < hi; j++) { w[j] = wf[wo + j]; g[j] = gf[go + j]; }
                rule.apply(w, g, lo, hi);
                for (int j = lo; j < hi; j++) wf[wo + j] = (float) w[j];
            });
        }
        p.get().markDirty(getClass().getSimpleName() + ".step");
    }

    /** Float64 host copies of the weights and gradient, the rule, and a copy back in the parameter's dtype and device. */
    private void stepGeneric(Parameter p, NdArray data, int i) {
        double[] w = data.toDoubleArray(), grad = p.grad().data().toDoubleArray();
        rule(state.get(i), w.length, ++steps[i]).apply(w, grad, 0, w.length);
        NdArray updated = NdArray.of(w, data.shape()).to(data.dtype()).to(data.device());
        p.get().copyFrom(new Tensor(updated));
    }

    /** Scratch array {@code which} (0 weights, 1 gradient) of parameter {@code i}, kept between steps. */
    private double[] scratch(int i, int which, int n) {
        double[] a = scratch[i][which];
        if (a == null || a.length != n) a = scratch[i][which] = new double[n];
        return a;
    }

    /**
     * The update of one parameter at the 1-based step {@code t}, given its state {@code s}
     * (where the rule keeps its buffers of length {@code n}, created here with {@link #buffer}).
     * The returned body runs on disjoint ranges of the elements, possibly on several threads at
     * once, so it must touch only those elements of the weights, gradient and buffers.
     */
    protected abstract Rule rule(Map<String, double[]> s, int n, long t);

    /** Updates elements {@code [lo, hi)} of the weights {@code w} in place given the gradient {@code g} (which it may overwrite). */
    @FunctionalInterface
    protected interface Rule { void apply(double[] w, double[] g, int lo, int hi); }

    /** The same update applied to float32 weights {@code w} (from {@code wo}) and gradient {@code g} (from {@code go}), elements {@code [lo, hi)}. */
    @FunctionalInterface
    protected interface FloatRule { void apply(float[] w, int wo, float[] g, int go, int lo, int hi); }

    /**
     * A fused float32 kernel for float32 parameters on the CPU, for optimizers that offer one
     * (its state {@code s} holds float32 buffers, created with {@link #floatBuffer}); null (the
     * default) widens the weights and gradient into scratch arrays, applies the float64
     * {@link #rule} and rounds the weights once.
     */
    protected FloatRule floatRule(Map<String, float[]> s, int n, long t) { return null; }

    /** Whether any parameter has been updated: precision choices must be made before that. */
    protected final boolean started() {
        for (long t : steps) if (t != 0) return true;
        return false;
    }

    /**
     * The state under keys {@code "lr"}, {@code "state.<i>.step"} and {@code "state.<i>.<name>"}
     * (arrays shaped like parameter {@code i}: float64, or float32 for a fused float32 kernel's state).
     */
    public Map<String, NdArray> stateDict() {
        Map<String, NdArray> out = new LinkedHashMap<>();
        out.put("lr", NdArray.scalar(lr, DType.FLOAT64));
        for (int i = 0; i < state.size(); i++) {
            if (steps[i] == 0) continue;
            out.put("state." + i + ".step", NdArray.scalar(steps[i], DType.FLOAT64));
            for (Map.Entry<String, double[]> e : new TreeMap<>(state.get(i)).entrySet()) {
                out.put("state." + i + "." + e.getKey(), NdArray.of(e.getValue(), params.get(i).shape()));
            }
            for (Map.Entry<String, float[]> e : new TreeMap<>(state32.get(i)).entrySet()) {
                out.put("state." + i + "." + e.getKey(), NdArray.of(e.getValue(), params.get(i).shape()));
            }
        }
        return out;
    }

    /** Restores what {@link #stateDict()} produced for the same parameter list; nothing changes when it fails. */
    public void loadStateDict(Map<String, NdArray> dict) {
        List<Map<String, double[]>> fresh = new ArrayList<>();
        List<Map<String, float[]>> fresh32 = new ArrayList<>();
        long[] freshSteps = new long[params.size()];
        for (int i = 0; i < params.size(); i++) {
            fresh.add(new HashMap<>());
            fresh32.add(new HashMap<>());
        }
        if (!dict.containsKey("lr")) throw new IllegalArgumentException(getClass().getSimpleName() + ".loadStateDict: missing 'lr'");
        for (Map.Entry<String, NdArray> e : dict.entrySet()) {
            String k = e.getKey();
            if (k.equals("lr")) continue;
            String[] parts = k.split("\\.", 3);
            int idx;
            try {
                idx = parts.length == 3 && parts[0].equals("state") ? Integer.parseInt(parts[1]) : -1;
            } catch (NumberFormatException ex) {
                idx = -1;
            }
            if (idx < 0 || idx >= params.size()) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ".loadStateDict: unexpected key '" + k + "' for "
                        + params.size() + " parameters");
            }
            if (parts[2].equals("step")) {
                freshSteps[idx] = (long) e.getValue().item();
            } else if (!java.util.Arrays.equals(e.getValue().shape(), params.get(idx).shape())) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ".loadStateDict: '" + k + "' has shape "
                        + Shape.str(e.getValue().shape()) + ", parameter " + idx + " has shape " + Shape.str(params.get(idx).shape()));
            } else if (e.getValue().dtype() == DType.FLOAT32) {
                fresh32.get(idx).put(parts[2], e.getValue().toFloatArray());
            } else {
                fresh.get(idx).put(parts[2], e.getValue().toDoubleArray());
            }
        }
        lr = dict.get("lr").item();
        for (int i = 0; i < params.size(); i++) {
            state.get(i).clear();
            state.get(i).putAll(fresh.get(i));
            state32.get(i).clear();
            state32.get(i).putAll(fresh32.get(i));
            steps[i] = freshSteps[i];
        }
    }

    /** {@code s[key]}, created as zeros of length {@code n} on first use. */
    protected static double[] buffer(Map<String, double[]> s, String key, int n) {
        return s.computeIfAbsent(key, k -> new double[n]);
    }

    /** {@code s[key]}, created as float32 zeros of length {@code n} on first use. */
    protected static float[] floatBuffer(Map<String, float[]> s, String key, int n) {
        return s.computeIfAbsent(key, k -> new float[n]);
    }
}
