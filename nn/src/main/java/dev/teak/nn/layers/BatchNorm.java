package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Buffer;
import dev.teak.nn.Parameter;
import dev.teak.nn.UnaryModule;
import dev.teak.nn.functional.F;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;

/**
 * Batch normalisation over the channel axis 1 with running statistics (the shared part of
 * {@link BatchNorm1d} and {@link BatchNorm2d}). In training the batch statistics normalise and
 * {@code running = (1 - momentum) running + momentum batch} (unbiased variance); in evaluation
 * the running statistics normalise. State-dict names follow PyTorch ({@code running_mean},
 * {@code running_var}, {@code num_batches_tracked}).
 */
public abstract class BatchNorm extends UnaryModule {
    public final Parameter weight, bias;
    public final Buffer runningMean, runningVar, numBatchesTracked;
    private final int features;
    private final double eps, momentum;

    protected BatchNorm(int features, double eps, double momentum) {
        this.features = features;
        this.eps = eps;
        this.momentum = momentum;
        weight = parameter("weight", NdArray.ones(features));
        bias = parameter("bias", NdArray.zeros(features));
        runningMean = buffer("running_mean", NdArray.zeros(features));
        runningVar = buffer("running_var", NdArray.ones(features));
        numBatchesTracked = buffer("num_batches_tracked", NdArray.zeros(DType.INT64));
    }

    /** Whether an input of this rank is accepted. */
    protected abstract boolean acceptsRank(int rank);

    @Override
    public Tensor forward(Tensor x) {
        if (!acceptsRank(x.dim()) || x.size(1) != features) {
            throw new IllegalArgumentException(getClass().getSimpleName() + "(" + features + "): unexpected input " + Shape.str(x.shape()));
        }
        NdArray[] running = {runningMean.get(), runningVar.get()};
        Tensor y = F.batchNorm(x, running, weight.get(), bias.get(), isTraining(), momentum, eps);
        if (isTraining()) {
            runningMean.set(running[0]);
            runningVar.set(running[1]);
            numBatchesTracked.set(numBatchesTracked.get().add(1));
        }
        return y;
    }
}
