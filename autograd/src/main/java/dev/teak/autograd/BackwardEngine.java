package dev.teak.autograd;

import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * The reverse pass, without recursion so a graph of millions of nodes needs no deep stack:
 * <ol>
 *   <li>an explicit-stack walk from the outputs counts, for every node, how many consumers
 *       will send it a gradient (its dependency count);</li>
 *   <li>Kahn's algorithm turns the counts into an order in which every node comes after all
 *       its consumers;</li>
 *   <li>for {@link Autograd#grad}, a reverse sweep marks the nodes that lead to a requested
 *       input, so unrelated branches are skipped;</li>
 *   <li>nodes run in that order: each sums the gradients it received, applies its rule and
 *       passes the results on; leaves accumulate into {@code .grad} or into the requested
 *       results.</li>
 * </ol>
 * Per-pass state lives in fields of {@link Node} tagged with a pass number, so there is no
 * hashing per node. One graph must not be backpropagated by two threads at once.
 */
final class BackwardEngine {
    private BackwardEngine() {}

    private static final java.util.concurrent.atomic.AtomicInteger EPOCH = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Runs backward from {@code roots} seeded with {@code seeds} (null entries mean ones for a
     * one-element root). With {@code targets} null, leaf gradients accumulate into
     * {@code .grad}; otherwise the gradients of the targets are returned (null where unused)
     * and no {@code .grad} changes.
     */
    static Tensor[] run(Tensor[] roots, Tensor[] seeds, boolean retainGraph, boolean createGraph, Tensor[] targets, boolean allowUnused) {
        int epoch = EPOCH.incrementAndGet();
        Tensor[] results = targets == null ? null : new Tensor[targets.length];
        ArrayList<Node> stack = new ArrayList<>();
        ArrayList<Node> order = new ArrayList<>();
        try (GradMode.Guard mode = GradMode.set(createGraph)) {
            Tensor[] seedGrads = new Tensor[roots.length];
            for (int r = 0; r < roots.length; r++) seedGrads[r] = seed(roots[r], seeds[r], r);
            Claims claims = targets == null && !createGraph ? new Claims(seeds) : null;

            // 1. Dependency counts: consumers of each node reachable from the roots.
            for (Tensor root : roots) if (root.gradFn != null) visit(root.gradFn, epoch, stack);
            while (!stack.isEmpty()) {
                Node n = stack.remove(stack.size() - 1);
                for (Tensor in : n.inputs) {
                    if (in == null || in.gradFn == null) continue;
                    Node c = in.gradFn;
                    visit(c, epoch, stack);
                    c.deps++;
                }
            }
            // 2. Kahn's order (consumers before producers).
            for (Tensor root : roots) {
                Node n = root.gradFn;
                if (n != null && n.deps == 0) { n.deps = -1; order.add(n); } // -1: queued once even if a root repeats
            }
            for (int i = 0; i < order.size(); i++) {
                for (Tensor in : order.get(i).inputs) {
                    if (in == null || in.gradFn == null) continue;
                    if (--in.gradFn.deps == 0) order.add(in.gradFn);
                }
            }
            // 3. Which nodes must run: all for backward(); for grad(), those that lead to a target.
            if (targets != null) markNeeded(order, targets, epoch);
            else for (Node n : order) n.needed = true;

            // Seed the roots (a leaf root receives its own seed directly).
            for (int r = 0; r < roots.length; r++) {
                if (roots[r].gradFn != null) addPending(roots[r].gradFn, seedGrads[r]);
                else deliverToLeaf(roots[r], seedGrads[r], targets, results, createGraph, claims);
            }
            // 4. Execute.
            for (Node n : order) {
                Tensor g = n.pending;
                n.pending = null;
                if (n.capture) captureNonLeaf(n, g, targets, results);
                if (n.retained != null && targets == null && g != null) n.retained.accumulateGrad(g, createGraph, false);
                if (!n.needed || g == null) continue;
                n.failIfReleased();
                Tensor[] grads = n.backward(g);
                if (!retainGraph) n.release();
                boolean anomaly = AnomalyMode.isEnabled();
                for (int i = 0; i < n.inputs.length; i++) {
                    Tensor in = n.inputs[i], gi = i < grads.length ? grads[i] : null;
                    if (in == null || gi == null || !in.requiresGrad()) continue;
                    if (anomaly) AnomalyMode.checkBackward(n, i, gi.data());
                    if (!gi.sameShape(in)) {
                        throw new IllegalStateException("backward of '" + n.name() + "' returned a gradient of shape "
                                + Shape.str(gi.shape()) + " for input " + i + " of shape " + Shape.str(in.shape()));
                    }
                    if (in.gradFn != null) addPending(in.gradFn, gi);
                    else deliverToLeaf(in, gi, targets, results, createGraph, claims);
                }
            }
        } finally {
            for (Node n : order) { n.pending = null; n.needed = false; n.capture = false; }
        }
        if (targets != null && !allowUnused) {
            for (int i = 0; i < targets.length; i++) {
                if (results[i] == null) {
                    throw new IllegalArgumentException("grad: input " + i + " of shape " + Shape.str(targets[i].shape())
                            + " was not used to compute the outputs; pass allowUnused=true to get null for it");
                }
            }
        }
        return results;
    }

    private static void visit(Node n, int epoch, ArrayList<Node> stack) {
        if (n.epoch == epoch) return;
        n.epoch = epoch;
        n.deps = 0;
        n.pending = null;
        n.needed = false;
        n.capture = false;
        stack.add(n);
    }

    private static Tensor seed(Tensor root, Tensor seed, int r) {
        if (!root.requiresGrad()) {
            throw new IllegalArgumentException("backward: output " + r + " of shape " + Shape.str(root.shape())
                    + " does not require grad and has no gradFn (was it computed under noGrad, or from inputs without requiresGrad?)");
        }
        if (seed == null) {
            if (root.numel() != 1) {
                throw new IllegalArgumentException("backward: a gradient can only be implied for one-element outputs; output "
                        + r + " has shape " + Shape.str(root.shape()) + ", so pass gradOutput");
            }
            return new Tensor(NdArray.zeros(root.data().backend(), root.dtype(), root.shape()).fill(1));
        }
        if (!Arrays.equals(seed.shape(), root.shape())) {
            throw new IllegalArgumentException("backward: gradOutput of shape " + Shape.str(seed.shape())
                    + " does not match output " + r + " of shape " + Shape.str(root.shape()));
        }
        return seed;
    }

    private static void addPending(Node n, Tensor g) { n.pending = n.pending == null ? g : n.pending.add(g); }

    private static void deliverToLeaf(Tensor leaf, Tensor g, Tensor[] targets, Tensor[] results, boolean createGraph, Claims claims) {
        if (targets == null) { leaf.accumulateGrad(g, createGraph, claims != null && leaf.grad() == null && claims.claim(g)); return; }
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] == leaf) results[i] = results[i] == null ? g : results[i].add(g);
        }
    }

    /**
     * Which gradient storages a leaf has taken as its {@code .grad} without a copy in one
     * {@code backward()}. A gradient that a backward function computed is referenced only by the
     * engine while it flows, so the first leaf it reaches may keep it (PyTorch steals a
     * gradient whose reference count is one, for the same saving: a copy of every weight's
     * gradient per step). A leaf may take one only if it spans its whole storage, so no other
     * view reaches into it, and only if no leaf took that storage before (an {@code add} hands
     * the same gradient to both inputs) and it is not a caller's {@code gradOutput}; otherwise it
     * copies, since optimizers and gradient clipping write {@code .grad} in place.
     */
    private static final class Claims {
        private final java.util.IdentityHashMap<Object, Boolean> taken = new java.util.IdentityHashMap<>();

        Claims(Tensor[] callerSeeds) { for (Tensor s : callerSeeds) if (s != null) taken.put(s.data().storage(), Boolean.TRUE); }

        /** True when {@code g} may become a leaf's gradient as it is; it is then claimed. */
        boolean claim(Tensor g) {
            dev.teak.tensor.NdArray d = g.data();
            return d.offset() == 0 && d.storage().size() == d.numel() && d.isContiguous()
                    && taken.putIfAbsent(d.storage(), Boolean.TRUE) == null;
        }
    }

    private static void captureNonLeaf(Node n, Tensor g, Tensor[] targets, Tensor[] results) {
        for (int i = 0; i < targets.length; i++) if (targets[i].gradFn == n) results[i] = g;
    }

    /** Reverse sweep (producers first): a node runs when one of its inputs is a target or is produced by a node that runs or captures. */
    private static void markNeeded(ArrayList<Node> order, Tensor[] targets, int epoch) {
        for (Tensor t : targets) if (t.gradFn != null && t.gradFn.epoch == epoch) t.gradFn.capture = true;
        for (int i = order.size() - 1; i >= 0; i--) {
            Node n = order.get(i);
            boolean need = false;
            for (Tensor in : n.inputs) {
                if (in == null || !in.requiresGrad()) continue;
                if (in.gradFn == null) { for (Tensor t : targets) if (t == in) { need = true; break; } }
                else if (in.gradFn.needed || in.gradFn.capture) need = true;
                if (need) break;
            }
            n.needed = need;
        }
    }
}
