package dev.teak.nn;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * An indexed list of sub-modules whose parameters are registered (PyTorch's
 * {@code nn.ModuleList}); the caller decides how to apply them (e.g. a stack of Transformer blocks).
 */
public final class ModuleList<M extends Module> extends Module implements Iterable<M> {
    private final List<M> items = new ArrayList<>();

    @SafeVarargs
    public ModuleList(M... ms) {
        for (M m : ms) add(m);
    }

    public ModuleList<M> add(M m) {
        module(Integer.toString(items.size()), m);
        items.add(m);
        return this;
    }

    public M get(int i) { return items.get(i); }

    public int size() { return items.size(); }

    @Override
    public Iterator<M> iterator() { return List.copyOf(items).iterator(); }
}
