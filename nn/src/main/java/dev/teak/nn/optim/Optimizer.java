package dev.teak.nn.optim;

import dev.teak.autograd.GradMode;
import dev.teak.autograd.Tensor;
import dev.teak.nn.Parameter;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base of the in-place optimizers ({@code torch.optim}): a list of parameters, a learning rate
 * that schedulers change, and per-parameter state (moment estimates, step counts) that
 * {@link #stateDict()} exports as arrays so a run can be checkpointed (e.g. with
 * {@code SafeTensors}) and resumed exactly. Parameters whose gradient is null are skipped.
 */
public abstract class Optimizer {
    protected final List<Parameter> params;
    private final List<Map<String, NdArray>> state = new ArrayList<>();
    protected double lr;

    protected Optimizer(List<Parameter> params, double lr) {
        if (params.isEmpty()) throw new IllegalArgumentException(getClass().getSimpleName() + ": no parameters to optimise");
        if (!(lr >= 0)) throw new IllegalArgumentException(getClass().getSimpleName() + ": learning rate must be >= 0, got " + lr);
        this.params = List.copyOf(params);
        this.lr = lr;
        for (int i = 0; i < params.size(); i++) state.add(new HashMap<>());
    }

    public double lr() { return lr; }

    public void setLr(double lr) { this.lr = lr; }

    public List<Parameter> parameters() { return params; }

    /** Clears every parameter's gradient. */
    public void zeroGrad() {
        for (Parameter p : params) p.zeroGrad();
    }

    /** One update of every parameter that has a gradient. */
    public final void step() {
        try (GradMode.Guard g = GradMode.noGrad()) {
            for (int i = 0; i < params.size(); i++) {
                Parameter p = params.get(i);
                if (p.grad() == null) continue;
                Map<String, NdArray> s = state.get(i);
                double t = s.containsKey("step") ? s.get("step").item() + 1 : 1;
                s.put("step", NdArray.scalar(t, DType.FLOAT64));
                NdArray updated = update(p.data(), p.grad().data().to(p.data().dtype()), s, (long) t);
                p.get().copyFrom(new Tensor(updated));
            }
        }
    }

    /**
     * The new value of parameter {@code w} given its gradient {@code g}, its state {@code s}
     * (updated in place by the rule) and the 1-based step {@code t}.
     */
    protected abstract NdArray update(NdArray w, NdArray g, Map<String, NdArray> s, long t);

    /** The state under keys {@code "lr"} and {@code "state.<param index>.<name>"}. */
    public Map<String, NdArray> stateDict() {
        Map<String, NdArray> out = new LinkedHashMap<>();
        out.put("lr", NdArray.scalar(lr, DType.FLOAT64));
        for (int i = 0; i < state.size(); i++) {
            for (Map.Entry<String, NdArray> e : new java.util.TreeMap<>(state.get(i)).entrySet()) {
                out.put("state." + i + "." + e.getKey(), e.getValue().copy());
            }
        }
        return out;
    }

    /** Restores what {@link #stateDict()} produced (for the same parameter list). */
    public void loadStateDict(Map<String, NdArray> dict) {
        List<Map<String, NdArray>> fresh = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) fresh.add(new HashMap<>());
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
            fresh.get(idx).put(parts[2], e.getValue().copy());
        }
        if (!dict.containsKey("lr")) throw new IllegalArgumentException(getClass().getSimpleName() + ".loadStateDict: missing 'lr'");
        lr = dict.get("lr").item();
        for (int i = 0; i < params.size(); i++) {
            state.get(i).clear();
            state.get(i).putAll(fresh.get(i));
        }
    }

    /** {@code s[key]}, created as zeros like {@code like} on first use. */
    protected static NdArray buffer(Map<String, NdArray> s, String key, NdArray like) {
        return s.computeIfAbsent(key, k -> NdArray.zeros(like.backend(), like.dtype(), like.shape()));
    }
}
