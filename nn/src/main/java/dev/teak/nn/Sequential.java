package dev.teak.nn;

import dev.teak.autograd.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Applies its layers in order (PyTorch's {@code nn.Sequential}); they are named "0", "1", .... */
public final class Sequential extends UnaryModule {
    private final List<UnaryModule> layers = new ArrayList<>();

    public Sequential(UnaryModule... layers) {
        for (UnaryModule m : layers) add(m);
    }

    /** Appends a layer; returns this. */
    public Sequential add(UnaryModule m) {
        module(Integer.toString(layers.size()), m);
        layers.add(m);
        return this;
    }

    public UnaryModule get(int i) { return layers.get(i); }

    public int size() { return layers.size(); }

    public List<UnaryModule> layers() { return Collections.unmodifiableList(layers); }

    @Override
    public Tensor forward(Tensor x) {
        for (UnaryModule m : layers) x = m.forward(x);
        return x;
    }
}
