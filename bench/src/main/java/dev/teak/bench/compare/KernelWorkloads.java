package dev.teak.bench.compare;

import dev.teak.autograd.Tensor;
import dev.teak.nn.functional.F;
import dev.teak.nn.io.Npy;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import dev.teak.tensor.sparse.CsrMatrix;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The op-level workloads of issue 10: float32 matmul, elementwise add/mul/exp, row softmax, row
 * sums, conv2d forward+backward, sparse x dense on Cora, and the autograd overhead of a long chain
 * of tiny ops. Inputs are drawn from Teak's seeded Philox generator and handed to PyTorch as
 * {@code .npy} files.
 */
final class KernelWorkloads {
    private KernelWorkloads() {}

    static final double NONE = Double.NaN;

    static List<Workload> all() {
        List<Workload> w = new ArrayList<>();
        for (int n : new int[] {256, 512, 1024, 2048}) {
            w.add(new Workload("matmul_" + n, "matmul", "matmul", n <= 1024 ? 1.0 : 0.8, 1e-5, Map.of("n", n), dir -> {
                Generator g = new Generator(n);
                NdArray a = save(dir, "a", g.randn(n, n)), b = save(dir, "b", g.randn(n, n));
                return Workload.op(() -> a.matmul(b));
            }));
        }
        // 10^6 = 1000 x 1000 and 1.6 x 10^7 = 4000 x 4000; the softmax and the row sums run along rows.
        for (int side : new int[] {1000, 4000}) {
            String size = side == 1000 ? "1e6" : "1.6e7";
            for (String op : new String[] {"add", "mul"}) {
                w.add(new Workload(op + "_" + size, "binary", "elementwise", 0.8, 1e-6, Map.of("op", op.equals("add") ? 0 : 1), dir -> {
                    Generator g = new Generator(side + op.length());
                    NdArray a = save(dir, "a", g.randn(side, side)), b = save(dir, "b", g.randn(side, side));
                    return Workload.op(op.equals("add") ? () -> a.add(b) : () -> a.mul(b));
                }));
            }
            w.add(new Workload("exp_" + size, "exp", "elementwise", 0.8, 1e-5, Map.of(), dir -> {
                NdArray a = save(dir, "a", new Generator(side + 3).randn(side, side));
                return Workload.op(a::exp);
            }));
            w.add(new Workload("softmax_rows_" + size, "softmax", "elementwise", 0.8, 1e-5, Map.of(), dir -> {
                NdArray a = save(dir, "a", new Generator(side + 4).randn(side, side));
                return Workload.op(() -> dev.teak.tensor.Reductions.softmax(a, 1));
            }));
            w.add(new Workload("sum_rows_" + size, "sum_rows", "reduction", 0.8, 1e-5, Map.of(), dir -> {
                NdArray a = save(dir, "a", new Generator(side + 5).randn(side, side));
                return Workload.op(() -> a.sum(1, false));
            }));
        }
        w.add(conv2d());
        w.add(spmm());
        w.add(chain());
        return w;
    }

    /** conv2d forward and backward: x [32, 3, 32, 32], w [32, 3, 3, 3], padding 1, a fixed upstream gradient. */
    private static Workload conv2d() {
        return new Workload("conv2d_fwd_bwd", "conv2d", "conv", NONE, 1e-4, Map.of(), dir -> {
            Generator g = new Generator(7);
            NdArray xd = save(dir, "x", g.randn(32, 3, 32, 32)), wd = save(dir, "w", g.randn(32, 3, 3, 3).mul(0.2));
            NdArray bd = save(dir, "b", g.randn(32)), gy = save(dir, "gy", g.randn(32, 32, 32, 32));
            Tensor x = new Tensor(xd, true), wt = new Tensor(wd, true), b = new Tensor(bd, true), gyt = new Tensor(gy);
            return new Workload.Bound() {
                Tensor y;
                @Override public void step() {
                    x.zeroGrad(); wt.zeroGrad(); b.zeroGrad();
                    y = F.conv2d(x, wt, b, 1, 1);
                    y.backward(gyt);
                }
                @Override public List<NdArray> outputs() {
                    step();
                    return List.of(y.data(), x.grad().data(), wt.grad().data(), b.grad().data());
                }
            };
        });
    }

    /** Sparse (Cora's adjacency, both directions, 10556 nonzeros, random values) times dense [2708, 64]. */
    private static Workload spmm() {
        return new Workload("spmm_cora_64", "spmm", "sparse", NONE, 1e-5, Map.of("n", Cora.NODES), dir -> {
            Generator g = new Generator(11);
            CsrMatrix a = Cora.adjacency();
            a = a.withValues(g.rand(a.nnz()));
            saveCsr(dir, a);
            NdArray x = save(dir, "x", g.randn(Cora.NODES, 64));
            CsrMatrix fa = a;
            return Workload.op(() -> fa.matmul(x));
        });
    }

    /**
     * Autograd overhead: 10^4 differentiable ops on 16-element tensors (2500 cycles of
     * {@code y*c + e - e) / c}, an identity up to rounding, so values and gradients stay near
     * x and 1), then {@code sum().backward()}.
     */
    private static Workload chain() {
        int cycles = 2500;
        return new Workload("autograd_chain_1e4", "chain", "autograd", 3.0, 1e-4, Map.of("cycles", cycles), dir -> {
            Generator g = new Generator(13);
            NdArray x0 = save(dir, "x", g.randn(16));
            Tensor c = new Tensor(save(dir, "c", g.uniform(dev.teak.tensor.DType.FLOAT32, 0.5, 1.5, 16)));
            Tensor e = new Tensor(save(dir, "e", g.randn(16)));
            return new Workload.Bound() {
                Tensor x, y;
                @Override public void step() {
                    x = new Tensor(x0, true);
                    y = x;
                    for (int i = 0; i < cycles; i++) y = y.mul(c).add(e).sub(e).div(c);
                    y.sum().backward();
                }
                @Override public List<NdArray> outputs() {
                    step();
                    return List.of(y.data(), x.grad().data());
                }
            };
        });
    }

    static NdArray save(Path dir, String name, NdArray a) throws IOException {
        Npy.save(dir.resolve(name + ".npy"), a);
        return a;
    }

    /** The CSR arrays as {@code indptr.npy}, {@code indices.npy} (int32) and {@code values.npy}. */
    static void saveCsr(Path dir, CsrMatrix a) throws IOException {
        save(dir, "indptr", NdArray.of(a.rowPtr(), a.rowPtr().length));
        save(dir, "indices", NdArray.of(a.colIdx(), a.colIdx().length));
        save(dir, "values", a.values());
    }
}
