package dev.teak.tensor.random;

import dev.teak.tensor.Backend;
import dev.teak.tensor.Backends;
import dev.teak.tensor.DType;
import dev.teak.tensor.Device;
import dev.teak.tensor.Elementwise;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.ReduceOp;
import dev.teak.tensor.Reductions;
import dev.teak.tensor.Shape;
import dev.teak.tensor.UnaryOp;
import dev.teak.tensor.cpu.Parallel;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A seeded source of random arrays, like {@code torch.Generator}. It holds a 64-bit seed (the
 * Philox key) and an offset: the next unused Philox counter block. Each call reserves
 * {@code ceil(n / 4)} blocks for its {@code n} underlying uniforms or normals and advances the
 * offset by that much, so consecutive calls draw fresh numbers, and {@link #state()} /
 * {@link #setState} checkpoint and resume the stream exactly. A seed and an offset fully
 * determine every draw, on any backend and any thread count (see {@link Philox}).
 *
 * <p>Arrays with no input array are made on the generator's backend (the CPU unless one is
 * given); ops that take an array work on that array's device. {@link #categorical} and
 * {@link #truncatedNormal} are computed on the host (they need binary searches and the normal
 * quantile) from CPU Philox draws, which equal any backend's.
 *
 * <p>Reserving blocks is atomic, so one generator may serve several threads; which thread gets
 * which blocks then depends on timing, as in any shared generator.
 */
public final class Generator {
    /** A position in the stream: the seed and the next unused counter block. */
    public record State(long seed, long offset) {}

    private final Backend backend;
    private final AtomicReference<State> state;

    /** A CPU generator starting at block 0. */
    public Generator(long seed) { this(seed, Backends.cpu()); }

    public Generator(long seed, Device device) { this(seed, Backends.get(device)); }

    public Generator(long seed, Backend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.state = new AtomicReference<>(new State(seed, 0));
    }

    public Backend backend() { return backend; }

    public long seed() { return state.get().seed(); }

    /** The next unused counter block. */
    public long offset() { return state.get().offset(); }

    public State state() { return state.get(); }

    /** Resumes from a saved state. */
    public Generator setState(State s) {
        state.set(Objects.requireNonNull(s, "state"));
        return this;
    }

    /** Restarts the stream of a new seed at block 0 ({@code torch.manual_seed}). */
    public Generator manualSeed(long seed) { return setState(new State(seed, 0)); }

    /** Reserves the blocks for {@code n} elements; returns the seed and the first block. */
    private State reserve(long n) {
        long blocks = (n + 3) >>> 2;
        return state.getAndUpdate(s -> new State(s.seed(), s.offset() + blocks));
    }

    private static void requireFloating(String op, DType dtype) {
        if (!Objects.requireNonNull(dtype, "dtype").isFloating()) {
            throw new IllegalArgumentException(op + ": dtype must be float32 or float64, got " + dtype.pyName());
        }
    }

    /** Standard draws of one kind on {@code on}, reserving their blocks. */
    private NdArray draw(Backend on, Backend.RandomKind kind, DType dtype, int[] shape) {
        NdArray out = NdArray.zeros(on, dtype, shape);
        State at = reserve(out.numel());
        if (out.numel() > 0) on.random(kind, at.seed(), at.offset(), out);
        return out;
    }

    /** {@code count} float64 uniforms drawn on the CPU, as a host array. */
    private double[] hostUniforms(int count) {
        return draw(Backends.cpu(), Backend.RandomKind.UNIFORM, DType.FLOAT64, new int[] {count}).toDoubleArray();
    }

    // ------------------------------------------------------------------ continuous

    /** Uniforms in [0, 1) ({@code torch.rand}); float32 ones are the top 24 bits of each word. */
    public NdArray rand(DType dtype, int... shape) {
        requireFloating("rand", dtype);
        return draw(backend, Backend.RandomKind.UNIFORM, dtype, shape);
    }

    public NdArray rand(int... shape) { return rand(DType.FLOAT32, shape); }

    /** Standard normals ({@code torch.randn}), by Box-Muller on pairs of uniforms. */
    public NdArray randn(DType dtype, int... shape) {
        requireFloating("randn", dtype);
        return draw(backend, Backend.RandomKind.NORMAL, dtype, shape);
    }

    public NdArray randn(int... shape) { return randn(DType.FLOAT32, shape); }

    /**
     * Uniforms in {@code [lo, hi)}: {@code lo + (hi - lo) u} in the dtype, with results that round
     * up to {@code hi} moved to the largest value below it (in float32 {@code 1 + (1 - 2^-24)}
     * rounds to 2, for example).
     */
    public NdArray uniform(DType dtype, double lo, double hi, int... shape) {
        requireFloating("uniform", dtype);
        if (!(lo < hi) || !Double.isFinite(hi - lo) || dtype == DType.FLOAT32 && !Float.isFinite((float) (hi - lo))) {
            throw new IllegalArgumentException("uniform: need finite bounds with lo < hi and a width finite in "
                    + dtype.pyName() + ", got [" + lo + ", " + hi + ")");
        }
        double lower = dtype == DType.FLOAT32 ? (float) lo : lo;
        double upper = dtype == DType.FLOAT32 ? Math.nextDown((float) hi) : Math.nextDown(hi);
        if (upper < lower) {
            throw new IllegalArgumentException("uniform: [" + lo + ", " + hi + ") holds no " + dtype.pyName() + " value");
        }
        NdArray u = rand(dtype, shape);
        if (lo == 0 && hi == 1) return u;
        return Elementwise.clamp(u.mul(hi - lo).add(lo), lower, upper);
    }

    /** Normals {@code mean + std z} ({@code torch.normal}); {@code std} may be 0. */
    public NdArray normal(DType dtype, double mean, double std, int... shape) {
        requireFloating("normal", dtype);
        if (!Double.isFinite(mean) || !(std >= 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("normal: need a finite mean and a finite std >= 0, got mean " + mean + ", std " + std);
        }
        NdArray z = randn(dtype, shape);
        if (std != 1) z = z.mul(std);
        return mean == 0 ? z : z.add(mean);
    }

    /**
     * Normals {@code N(mean, std^2)} restricted to {@code [lo, hi]} (bounds in value units, as in
     * {@code torch.nn.init.trunc_normal_}; either may be infinite), by the inverse-CDF method of
     * {@link TruncatedNormal} on float64 uniforms, exact to double rounding even far in the tails.
     */
    public NdArray truncatedNormal(DType dtype, double mean, double std, double lo, double hi, int... shape) {
        requireFloating("truncatedNormal", dtype);
        if (!Double.isFinite(mean) || !(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("truncatedNormal: need a finite mean and a finite std > 0, got mean " + mean
                    + ", std " + std);
        }
        if (!(lo < hi)) throw new IllegalArgumentException("truncatedNormal: need lo < hi, got [" + lo + ", " + hi + "]");
        TruncatedNormal dist = new TruncatedNormal(mean, std, lo, hi);
        double[] u = hostUniforms(Shape.numel(shape));
        Parallel.forRange(u.length, Parallel.GRAIN / 64, (a, b) -> {
            for (int i = a; i < b; i++) u[i] = dist.sample(u[i]);
        });
        return NdArray.of(u).reshape(shape).to(dtype).to(backend.device());
    }

    // ------------------------------------------------------------------ discrete

    /**
     * One Bernoulli draw per element of {@code probs} ({@code torch.bernoulli}): true where a
     * uniform of the probabilities' dtype is below the probability, on {@code probs}' device.
     */
    public NdArray bernoulli(NdArray probs) {
        requireFloating("bernoulli", probs.dtype());
        if (probs.numel() > 0) {
            double min = Reductions.reduce(ReduceOp.MIN, probs, new int[0], false).item();
            double max = Reductions.reduce(ReduceOp.MAX, probs, new int[0], false).item();
            if (!(min >= 0 && max <= 1)) {
                throw new IllegalArgumentException("bernoulli: probabilities of shape " + Shape.str(probs.shape())
                        + " must lie in [0, 1], found values in [" + min + ", " + max + "]");
            }
        }
        return draw(probs.backend(), Backend.RandomKind.UNIFORM, probs.dtype(), probs.shape()).lt(probs);
    }

    /** Independent draws that are true with probability {@code p} (to within 2^-24), e.g. dropout masks. */
    public NdArray bernoulli(double p, int... shape) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("bernoulli: probability must lie in [0, 1], got " + p);
        return rand(DType.FLOAT32, shape).lt(p);
    }

    /**
     * Integers uniform in {@code [lo, hi)} as int64 ({@code torch.randint}):
     * {@code lo + floor(u (hi - lo))} with float64 uniforms, so each value's probability is within
     * {@code (hi - lo) 2^-53} of uniform. The range may span at most 2^53 values.
     */
    public NdArray randint(long lo, long hi, int... shape) {
        if (lo >= hi) throw new IllegalArgumentException("randint: need lo < hi, got [" + lo + ", " + hi + ")");
        long range;
        try {
            range = Math.subtractExact(hi, lo);
        } catch (ArithmeticException e) {
            range = Long.MAX_VALUE;
        }
        if (range > (1L << 53)) {
            throw new IllegalArgumentException("randint: range [" + lo + ", " + hi + ") holds more than 2^53 values");
        }
        NdArray k = rand(DType.FLOAT64, shape).mul((double) range).apply(UnaryOp.FLOOR).to(DType.INT64);
        k = Elementwise.clamp(k, 0, range - 1);
        return lo == 0 ? k : k.add(NdArray.of(new long[] {lo}).reshape().to(backend.device()));
    }

    /**
     * A random permutation of {@code 0 .. n-1} as int64 ({@code torch.randperm}): the stable
     * argsort of {@code n} float64 uniforms, on the generator's backend.
     */
    public NdArray permutation(int n) {
        if (n < 0) throw new IllegalArgumentException("permutation: n must be >= 0, got " + n);
        if (n == 0) return NdArray.zeros(backend, DType.INT64, 0);
        NdArray keys = rand(DType.FLOAT64, n);
        NdArray sorted = NdArray.zeros(backend, DType.FLOAT64, n), order = NdArray.zeros(backend, DType.INT64, n);
        backend.sort(keys, 0, false, sorted, order);
        return order;
    }

    /**
     * {@code numSamples} category indices per row of non-negative weights {@code probs}
     * ({@code [k]} or {@code [rows, k]}; rows need not sum to 1, as in {@code torch.multinomial}),
     * as int64 {@code [numSamples]} or {@code [rows, numSamples]} on {@code probs}' device. With
     * replacement by inverse CDF, without by an exponential race (see {@link Categorical}).
     */
    public NdArray categorical(NdArray probs, int numSamples, boolean replacement) {
        return categorical("categorical", probs, false, numSamples, replacement);
    }

    /** {@link #categorical} with the probabilities given as unnormalised log-probabilities per row. */
    public NdArray categoricalFromLogits(NdArray logits, int numSamples, boolean replacement) {
        return categorical("categoricalFromLogits", logits, true, numSamples, replacement);
    }

    private NdArray categorical(String op, NdArray values, boolean logits, int numSamples, boolean replacement) {
        if (values.dim() < 1 || values.dim() > 2 || values.size(-1) == 0) {
            throw new IllegalArgumentException(op + ": expected a [k] or [rows, k] array with k >= 1, got shape "
                    + Shape.str(values.shape()));
        }
        if (numSamples < 1) throw new IllegalArgumentException(op + ": numSamples must be >= 1, got " + numSamples);
        int k = values.size(-1), rows = values.dim() == 1 ? 1 : values.size(0);
        int[] outShape = values.dim() == 1 ? new int[] {numSamples} : new int[] {rows, numSamples};
        Shape.numel(outShape); // refuses an output beyond one Java array
        if (!replacement) Shape.numel(rows, k);
        long[] idx = Categorical.sample(op, values.toDoubleArray(), logits, rows, k, numSamples, replacement,
                this::hostUniforms);
        return NdArray.of(idx, outShape).to(values.device());
    }
}
