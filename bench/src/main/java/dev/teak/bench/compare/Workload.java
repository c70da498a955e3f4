package dev.teak.bench.compare;

import dev.teak.tensor.NdArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One benchmark workload of {@code bench/compare}, run in Teak here and in PyTorch by the worker
 * ({@code bench/python/torch_worker.py}) under the same stable {@link #name}. {@link #kind} and
 * {@link #params} tell the worker which mirror to build; {@link Setup#prepare} writes the inputs
 * (and, for models, the initial parameters) as {@code .npy} files that the worker loads, so both
 * sides start from identical numbers.
 *
 * @param group  family used for the target: matmul, elementwise, reduction, conv, sparse,
 *               autograd, training
 * @param target least acceptable ratio PyTorch/Teak of the medians (issue 10), or NaN for none
 * @param rtol   tolerance of the result check, relative to the largest magnitude of PyTorch's output
 */
public record Workload(String name, String kind, String group, double target, double rtol,
                       Map<String, Integer> params, Setup setup) {

    /** Builds Teak's side of a workload and writes the shared inputs into {@code dir}. */
    @FunctionalInterface
    public interface Setup { Bound prepare(Path dir) throws IOException; }

    /** A prepared workload: one timed step, and the outputs compared with PyTorch's. */
    public interface Bound {
        /** One unit of work: an op, or a whole training step (forward, backward, Adam). */
        void step();

        /** Outputs to check; for training, the losses of two consecutive steps. */
        List<NdArray> outputs();
    }

    /** A stateless op: {@code outputs()} is one more evaluation. */
    static Bound op(java.util.function.Supplier<NdArray> f) {
        return new Bound() {
            @Override public void step() { Sink.consume(f.get()); }
            @Override public List<NdArray> outputs() { return List.of(f.get()); }
        };
    }

    /** Keeps results reachable so the JIT cannot drop the work that made them. */
    static final class Sink {
        private static volatile Object last;
        static void consume(Object o) { last = o; }
        private Sink() {}
    }
}
