package dev.teak.bench;

import dev.teak.tensor.BinaryOp;
import dev.teak.tensor.ReduceOp;
import dev.teak.tensor.UnaryOp;
import dev.teak.tensor.cpu.KernelPath;
import dev.teak.tensor.cpu.Kernels;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The float32 inner loops on one thread at 10^6 elements: the kernels in use
 * ({@link KernelPath#active()}, the Vector API ones when the module is present) against the
 * scalar ones ({@link KernelPath#scalar()}), on the same data. Elementwise add, mul and exp
 * write a third array; sum reduces to one float.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC"})
public class KernelBench {
    /** Elements per array. */
    public static final int N = 1_000_000;

    @Param({"add", "mul", "exp", "sum"})
    public String op;

    @Param({"active", "scalar"})
    public String path;

    private Kernels k;
    private float[] x, y, out;

    @Setup
    public void setup() {
        k = "active".equals(path) ? KernelPath.active() : KernelPath.scalar();
        Random rnd = new Random(7);
        x = new float[N];
        y = new float[N];
        out = new float[N];
        // In [-2, 2): exp stays finite and sums stay well scaled.
        for (int i = 0; i < N; i++) { x[i] = rnd.nextFloat() * 4 - 2; y[i] = rnd.nextFloat() * 4 - 2; }
    }

    @Benchmark
    public float run() {
        switch (op) {
            case "add": k.binary(BinaryOp.ADD, x, 0, 1, y, 0, 1, out, 0, N); return out[N - 1];
            case "mul": k.binary(BinaryOp.MUL, x, 0, 1, y, 0, 1, out, 0, N); return out[N - 1];
            case "exp": k.unary(UnaryOp.EXP, x, 0, out, 0, N); return out[N - 1];
            case "sum": return k.reduce(ReduceOp.SUM, x, 0, N);
            default: throw new IllegalArgumentException("KernelBench: unknown op " + op);
        }
    }
}
