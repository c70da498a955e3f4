package dev.teak.bench.compare;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Module;
import dev.teak.nn.Sequential;
import dev.teak.nn.functional.F;
import dev.teak.nn.graph.Adjacency;
import dev.teak.nn.graph.GCNConv;
import dev.teak.nn.io.Npz;
import dev.teak.nn.layers.DecoderOnlyTransformer;
import dev.teak.nn.layers.Linear;
import dev.teak.nn.layers.ReLU;
import dev.teak.nn.optim.Adam;
import dev.teak.nn.optim.Optimizer;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import dev.teak.tensor.sparse.CsrMatrix;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static dev.teak.bench.compare.KernelWorkloads.save;

/**
 * Training steps (forward, backward, Adam at 1e-3) of the four models of issue 10. Teak builds
 * and initialises each model; its state dict (PyTorch's dotted names and layouts) goes to the
 * worker as {@code params.npz}, so the PyTorch mirror starts from the same weights. The check
 * compares the losses of two consecutive steps, which exercises forward, backward and Adam.
 */
final class TrainingWorkloads {
    private TrainingWorkloads() {}

    private static final int LR_MICRO = 1000;           // Adam's learning rate, 1e-3, in millionths
    private static final double TARGET = 1.0;
    private static final double RTOL = 1e-3;

    static List<Workload> all() {
        return List.of(mlp(), textCnn(), gcn(), transformer());
    }

    /** MLP 784-512-512-10 with ReLU, batch 128, cross-entropy. */
    private static Workload mlp() {
        return new Workload("train_mlp", "mlp", "training", TARGET, RTOL, Map.of("lr", LR_MICRO), dir -> {
            Generator g = new Generator(21);
            Sequential model = new Sequential(new Linear(784, 512, g), new ReLU(), new Linear(512, 512, g), new ReLU(), new Linear(512, 10, g));
            NdArray x = save(dir, "x", g.randn(128, 784)), y = save(dir, "y", g.randint(0, 10, 128));
            Tensor xt = new Tensor(x);
            return trainer(model, dir, () -> F.crossEntropy(model.forward(xt), y));
        });
    }

    /** TextCNN: batch 32, length 50, vocabulary 5000, embedding 128, filters 3/4/5 x 100, 4 classes. */
    private static Workload textCnn() {
        Map<String, Integer> p = Map.of("lr", LR_MICRO, "vocab", 5000, "emb", 128, "filters", 100, "classes", 4);
        return new Workload("train_textcnn", "textcnn", "training", TARGET, RTOL, p, dir -> {
            Generator g = new Generator(22);
            TextCnn model = new TextCnn(5000, 128, 100, new int[] {3, 4, 5}, 4, g);
            NdArray tokens = save(dir, "tokens", g.randint(0, 5000, 32, 50)), y = save(dir, "y", g.randint(0, 4, 32));
            return trainer(model, dir, () -> F.crossEntropy(model.forward(tokens), y));
        });
    }

    /** Two-layer GCN (1433-16-7, ReLU) on Cora, full batch, loss on the 140 training nodes. */
    private static Workload gcn() {
        Map<String, Integer> p = Map.of("lr", LR_MICRO, "n", Cora.NODES, "hidden", 16, "classes", Cora.CLASSES, "train", 140);
        return new Workload("train_gcn_cora", "gcn", "training", TARGET, RTOL, p, dir -> {
            Generator g = new Generator(23);
            CsrMatrix adj = Adjacency.gcnNormalized(Cora.adjacency());
            KernelWorkloads.saveCsr(dir, adj);
            Tensor x = new Tensor(save(dir, "x", Cora.features()));
            NdArray y = save(dir, "y", Cora.labels());
            NdArray yTrain = y.slice(0, 0, 140).contiguous();
            Gcn model = new Gcn(Cora.FEATURES, 16, Cora.CLASSES, g);
            return trainer(model, dir, () -> F.crossEntropy(model.forward(adj, x).slice(0, 0, 140), yTrain));
        });
    }

    /** Decoder-only Transformer: 2 pre-norm layers, width 128, 4 heads, FFN 512, sequence 64, batch 16, vocabulary 256. */
    private static Workload transformer() {
        Map<String, Integer> p = Map.of("lr", LR_MICRO, "vocab", 256, "seq", 64, "width", 128, "heads", 4, "hidden", 512, "layers", 2);
        return new Workload("train_transformer", "transformer", "training", TARGET, RTOL, p, dir -> {
            Generator g = new Generator(24);
            DecoderOnlyTransformer model = new DecoderOnlyTransformer(256, 64, 128, 4, 512, 2, 0.0, true, g);
            NdArray tokens = save(dir, "tokens", g.randint(0, 256, 16, 64)), y = save(dir, "y", g.randint(0, 256, 16, 64));
            return trainer(model, dir, () -> F.crossEntropy(model.forward(tokens), y));
        });
    }

    /**
     * Saves the initial parameters for the worker; a step is zero-grad, forward, backward, Adam.
     * Adam is the fused float32 one: PyTorch's CPU Adam computes in the parameters' float32 too,
     * where Teak's default applies a float64 rule to widened weights.
     */
    private static Workload.Bound trainer(Module model, Path dir, Supplier<Tensor> loss) throws IOException {
        Npz.save(dir.resolve("params.npz"), model.stateDict());
        model.train();
        Optimizer opt = new Adam(model.parameters(), LR_MICRO * 1e-6).fused(true);
        return new Workload.Bound() {
            double step1() {
                opt.zeroGrad();
                Tensor l = loss.get();
                l.backward();
                opt.step();
                return l.item();
            }
            @Override public void step() { step1(); }
            @Override public List<NdArray> outputs() {
                float first = (float) step1(), second = (float) step1();
                return List.of(NdArray.of(new float[] {first, second}, 2));
            }
        };
    }

    /** The two GCN layers under the names the PyTorch mirror uses ({@code conv1.weight}, ...). */
    static final class Gcn extends Module {
        final GCNConv conv1, conv2;

        Gcn(int in, int hidden, int classes, Generator g) {
            conv1 = module("conv1", new GCNConv(in, hidden, true, g));
            conv2 = module("conv2", new GCNConv(hidden, classes, true, g));
        }

        Tensor forward(CsrMatrix adj, Tensor x) { return conv2.forward(adj, F.relu(conv1.forward(adj, x))); }
    }
}
