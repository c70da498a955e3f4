package dev.teak.nn.optim;

/**
 * Multiplies the learning rate by {@code factor} when a monitored metric has not improved for
 * more than {@code patience} consecutive calls of {@link #step(double)} (PyTorch's
 * {@code ReduceLROnPlateau}, relative threshold mode). Improvement for a metric to minimise is
 * {@code metric < best (1 - threshold)}; to maximise, {@code metric > best (1 + threshold)}.
 * After a reduction, {@code cooldown} calls pass before bad epochs count again.
 */
public final class ReduceLROnPlateau {
    private final Optimizer optimizer;
    private final boolean minimize;
    private final double factor, threshold, minLr;
    private final int patience, cooldown;
    private double best;
    private int bad, cooldownLeft;

    public ReduceLROnPlateau(Optimizer optimizer, boolean minimize, double factor, int patience, double threshold, int cooldown,
                             double minLr) {
        if (!(factor > 0 && factor < 1)) throw new IllegalArgumentException("ReduceLROnPlateau: factor must lie in (0, 1), got " + factor);
        this.optimizer = optimizer;
        this.minimize = minimize;
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.cooldown = cooldown;
        this.minLr = minLr;
        this.best = minimize ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /** PyTorch's defaults: minimise, factor 0.1, patience 10, threshold 1e-4, no cooldown, no floor. */
    public ReduceLROnPlateau(Optimizer optimizer) { this(optimizer, true, 0.1, 10, 1e-4, 0, 0); }

    /** Records one epoch's metric, reducing the rate when it has plateaued. */
    public void step(double metric) {
        boolean better = minimize ? metric < best * (1 - threshold) : metric > best * (1 + threshold);
        if (best == Double.POSITIVE_INFINITY || best == Double.NEGATIVE_INFINITY) better = true;
        if (better) {
            best = metric;
            bad = 0;
        } else {
            bad++;
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            bad = 0;
        }
        if (bad > patience) {
            optimizer.setLr(Math.max(optimizer.lr() * factor, minLr));
            cooldownLeft = cooldown;
            bad = 0;
        }
    }

    public double best() { return best; }
}
