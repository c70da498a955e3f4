package dev.teak.tensor.cpu;

import dev.teak.tensor.BinaryOp;
import dev.teak.tensor.ReduceOp;
import dev.teak.tensor.UnaryOp;

/** Plain Java loops: the reference path, and the one used when the Vector API is absent. */
public class ScalarKernels implements Kernels {
    @Override public String describe() { return "scalar"; }

    @Override
    public void binary(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] o, int oo, int n) {
        switch (op) {
            case ADD: for (int i = 0; i < n; i++) o[oo + i] = a[ao + i * as] + b[bo + i * bs]; break;
            case SUB: for (int i = 0; i < n; i++) o[oo + i] = a[ao + i * as] - b[bo + i * bs]; break;
            case MUL: for (int i = 0; i < n; i++) o[oo + i] = a[ao + i * as] * b[bo + i * bs]; break;
            case DIV: for (int i = 0; i < n; i++) o[oo + i] = a[ao + i * as] / b[bo + i * bs]; break;
            default:
                for (int i = 0; i < n; i++) o[oo + i] = (float) op.apply(a[ao + i * as], b[bo + i * bs]);
        }
    }

    @Override
    public void unary(UnaryOp op, float[] x, int xo, float[] o, int oo, int n) {
        switch (op) {
            case NEG: for (int i = 0; i < n; i++) o[oo + i] = -x[xo + i]; break;
            case ABS: for (int i = 0; i < n; i++) o[oo + i] = Math.abs(x[xo + i]); break;
            case SQUARE: for (int i = 0; i < n; i++) { float v = x[xo + i]; o[oo + i] = v * v; } break;
            case RELU: for (int i = 0; i < n; i++) { float v = x[xo + i]; o[oo + i] = v > 0 ? v : 0f; } break;
            case STEP: for (int i = 0; i < n; i++) o[oo + i] = x[xo + i] > 0 ? 1f : 0f; break;
            case RECIPROCAL: for (int i = 0; i < n; i++) o[oo + i] = 1f / x[xo + i]; break;
            case SQRT: for (int i = 0; i < n; i++) o[oo + i] = (float) Math.sqrt(x[xo + i]); break;
            case EXP: for (int i = 0; i < n; i++) o[oo + i] = (float) Math.exp(x[xo + i]); break;
            case LOG: for (int i = 0; i < n; i++) o[oo + i] = (float) Math.log(x[xo + i]); break;
            case TANH: for (int i = 0; i < n; i++) o[oo + i] = (float) Math.tanh(x[xo + i]); break;
            default:
                for (int i = 0; i < n; i++) o[oo + i] = (float) op.apply(x[xo + i]);
        }
    }

    @Override
    public float reduce(ReduceOp op, float[] x, int off, int n) {
        switch (op) {
            case SUM: {
                // Four interleaved partial sums combined in a fixed order: less rounding error
                // than one running sum, and a result that depends only on the data and n.
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                int i = 0;
                for (; i + 4 <= n; i += 4) {
                    s0 += x[off + i]; s1 += x[off + i + 1]; s2 += x[off + i + 2]; s3 += x[off + i + 3];
                }
                for (; i < n; i++) s0 += x[off + i];
                return (s0 + s2) + (s1 + s3);
            }
            case MAX: {
                float m = Float.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) { float v = x[off + i]; if (!(v <= m)) { m = v; if (Float.isNaN(v)) return v; } }
                return m;
            }
            case MIN: {
                float m = Float.POSITIVE_INFINITY;
                for (int i = 0; i < n; i++) { float v = x[off + i]; if (!(v >= m)) { m = v; if (Float.isNaN(v)) return v; } }
                return m;
            }
            default: {
                double acc = op.identity();
                for (int i = 0; i < n; i++) acc = op.combine(acc, x[off + i]);
                return (float) acc;
            }
        }
    }

    @Override
    public void accumulate(ReduceOp op, float[] x, int xo, float[] acc, int ao, int n) {
        switch (op) {
            case SUM: for (int i = 0; i < n; i++) acc[ao + i] += x[xo + i]; break;
            case PROD: for (int i = 0; i < n; i++) acc[ao + i] *= x[xo + i]; break;
            default: for (int i = 0; i < n; i++) acc[ao + i] = (float) op.combine(acc[ao + i], x[xo + i]);
        }
    }

    @Override
    public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) y[yo + i] += alpha * x[xo + i];
    }

    @Override
    public float expShiftSum(float[] x, int xo, float shift, float[] o, int oo, int n) {
        for (int i = 0; i < n; i++) o[oo + i] = x[xo + i] - shift;
        unary(UnaryOp.EXP, o, oo, o, oo, n);
        return reduce(ReduceOp.SUM, o, oo, n);
    }

    @Override
    public void affine(float[] x, int xo, float scale, float shift, float[] o, int oo, int n) {
        for (int i = 0; i < n; i++) o[oo + i] = Math.fma(x[xo + i], scale, shift);
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        float s = 0;
        for (int i = 0; i < n; i++) s += a[ao + i] * b[bo + i];
        return s;
    }
}
