package dev.teak.bench;

import dev.teak.tensor.NdArray;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;
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
 * Square float32 matmul, {@code C = A B} with n x n operands, on all cores: Teak's
 * {@code NdArray.matmul} (which allocates its result, as a user's call does) against EJML's
 * {@code CommonOps_FDRM.mult} (single-threaded) and {@code CommonOps_MT_FDRM.mult} (EJML's
 * concurrent version) writing into a preallocated matrix. Same random operands for all three.
 * GFLOP/s = 2 n^3 / time; {@link BenchMain} prints it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC", "-Xmx4g"})
public class MatmulBench {
    @Param({"256", "512", "1024", "2048"})
    public int size;

    private NdArray a, b;
    private FMatrixRMaj ea, eb, ec;

    @Setup
    public void setup() {
        Random rnd = new Random(42);
        float[] x = new float[size * size], y = new float[size * size];
        for (int i = 0; i < x.length; i++) { x[i] = rnd.nextFloat() - 0.5f; y[i] = rnd.nextFloat() - 0.5f; }
        a = NdArray.of(x, size, size);
        b = NdArray.of(y, size, size);
        ea = new FMatrixRMaj(size, size, true, x);
        eb = new FMatrixRMaj(size, size, true, y);
        ec = new FMatrixRMaj(size, size);
    }

    @Benchmark
    public NdArray teak() { return a.matmul(b); }

    @Benchmark
    public FMatrixRMaj ejml() {
        CommonOps_FDRM.mult(ea, eb, ec);
        return ec;
    }

    @Benchmark
    public FMatrixRMaj ejmlConcurrent() {
        CommonOps_MT_FDRM.mult(ea, eb, ec);
        return ec;
    }
}
