package dev.teak.nn.optim;

import dev.teak.nn.Parameter;
import java.util.List;

/** Adam with decoupled weight decay ({@code w *= 1 - lr wd} before the Adam step); see {@link Adam}. */
public final class AdamW extends Adam {
    public AdamW(List<Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super(params, lr, beta1, beta2, eps, weightDecay, true);
    }

    /** PyTorch's defaults: betas 0.9, 0.999, eps 1e-8, weight decay 0.01. */
    public AdamW(List<Parameter> params, double lr) { this(params, lr, 0.9, 0.999, 1e-8, 0.01); }
}
