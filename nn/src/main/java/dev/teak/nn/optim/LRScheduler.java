package dev.teak.nn.optim;

/**
 * A learning-rate schedule {@code lr(t)} over scheduler steps {@code t = 0, 1, 2, ...}
 * ({@code torch.optim.lr_scheduler}): construction sets {@code lr(0)}, each {@link #step()}
 * advances {@code t} and sets the optimizer's rate. Factory methods give the common schedules.
 */
public abstract class LRScheduler {
    protected final Optimizer optimizer;
    protected final double baseLr;
    private int t;

    protected LRScheduler(Optimizer optimizer) {
        this.optimizer = optimizer;
        this.baseLr = optimizer.lr();
    }

    /** Sets the rate for the current step; call at the end of the subclass constructor. */
    protected final void start() { optimizer.setLr(lrAt(0)); }

    /** The rate at step {@code t}. */
    public abstract double lrAt(int t);

    /** Advances one step and sets the optimizer's rate. */
    public void step() { optimizer.setLr(lrAt(++t)); }

    public int stepCount() { return t; }

    /** {@code base * gamma^floor(t / stepSize)} (PyTorch's StepLR). */
    public static LRScheduler stepDecay(Optimizer opt, int stepSize, double gamma) {
        if (stepSize <= 0) throw new IllegalArgumentException("StepLR: step size must be positive, got " + stepSize);
        return of(opt, (b, t) -> b * Math.pow(gamma, t / stepSize));
    }

    /** {@code base * gamma^t} (ExponentialLR). */
    public static LRScheduler exponential(Optimizer opt, double gamma) { return of(opt, (b, t) -> b * Math.pow(gamma, t)); }

    /** {@code base / (1 + rate * t / decaySteps)} (inverse-time decay). */
    public static LRScheduler inverseTime(Optimizer opt, double rate, int decaySteps) {
        if (decaySteps <= 0) throw new IllegalArgumentException("inverseTime: decay steps must be positive, got " + decaySteps);
        return of(opt, (b, t) -> b / (1 + rate * t / decaySteps));
    }

    /**
     * Linear warm-up then cosine decay: {@code base (t + 1) / warmup} for {@code t < warmup},
     * then {@code min + (base - min) (1 + cos(pi (t - warmup) / (total - warmup))) / 2}, and
     * {@code min} from {@code total} on (Loshchilov and Hutter 2017, eq. 5, one cycle).
     */
    public static LRScheduler cosineWithWarmup(Optimizer opt, int warmup, int total, double minLr) {
        if (warmup < 0 || total <= warmup) {
            throw new IllegalArgumentException("cosineWithWarmup: need 0 <= warmup < total, got warmup " + warmup + ", total " + total);
        }
        return of(opt, (b, t) -> {
            if (t < warmup) return b * (t + 1) / warmup;
            if (t >= total) return minLr;
            return minLr + (b - minLr) * 0.5 * (1 + Math.cos(Math.PI * (t - warmup) / (total - warmup)));
        });
    }

    /** A schedule as a function of the base rate and the step. */
    public interface Rule {
        double lr(double base, int t);
    }

    public static LRScheduler of(Optimizer opt, Rule rule) {
        LRScheduler s = new LRScheduler(opt) {
            @Override
            public double lrAt(int t) { return rule.lr(baseLr, t); }
        };
        s.start();
        return s;
    }
}
