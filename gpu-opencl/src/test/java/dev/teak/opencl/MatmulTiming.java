package dev.teak.opencl;

import dev.teak.tensor.Backends;
import dev.teak.tensor.DType;
import dev.teak.tensor.Device;
import dev.teak.tensor.NdArray;

/**
 * A quick timing loop, not a test and not a benchmark harness (those live in {@code bench/}):
 * float32 matmul GFLOP/s on opencl:0 next to the CPU backend, and host-device transfer time.
 * Run: {@code java -cp <test classpath> dev.teak.opencl.MatmulTiming [n]}.
 */
public final class MatmulTiming {
    private MatmulTiming() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        OpenClBackend dev = (OpenClBackend) Backends.get(Device.opencl(0));
        System.out.println("device: " + dev);
        NdArray a = NdArray.zeros(DType.FLOAT32, n, n), b = NdArray.zeros(DType.FLOAT32, n, n);
        java.util.Random r = new java.util.Random(1);
        float[] va = new float[n * n], vb = new float[n * n];
        for (int i = 0; i < va.length; i++) { va[i] = (float) r.nextGaussian(); vb[i] = (float) r.nextGaussian(); }
        a = NdArray.of(va, n, n);
        b = NdArray.of(vb, n, n);
        double flops = 2.0 * n * n * n;
        // transfers: one n x n float32 array each way
        long t0 = System.nanoTime();
        NdArray da = null;
        for (int i = 0; i < 5; i++) da = a.to(dev.device());
        double up = (System.nanoTime() - t0) / 5e6;
        NdArray db = b.to(dev.device());
        t0 = System.nanoTime();
        for (int i = 0; i < 5; i++) da.to(Device.CPU);
        double down = (System.nanoTime() - t0) / 5e6;
        System.out.printf("transfer %d x %d float32 (%.1f MB): to device %.2f ms, to host %.2f ms%n", n, n, n * n * 4 / 1e6, up, down);
        // elementwise: a large add (bandwidth) and a tiny one (per-op overhead)
        NdArray big = da.add(db);
        dev.finish();
        t0 = System.nanoTime();
        for (int i = 0; i < 20; i++) big = da.add(db);
        dev.finish();
        double addMs = (System.nanoTime() - t0) / 20e6;
        System.out.printf("opencl add %d x %d: %.2f ms (%.1f GB/s)%n", n, n, addMs, 3.0 * n * n * 4 / addMs / 1e6);
        NdArray tiny = NdArray.zeros(dev, DType.FLOAT32, 16);
        tiny.add(tiny);
        dev.finish();
        t0 = System.nanoTime();
        for (int i = 0; i < 2000; i++) tiny = tiny.add(tiny);
        dev.finish();
        System.out.printf("opencl add of 16 elements: %.1f us per op%n", (System.nanoTime() - t0) / 2000e3);
        for (String which : new String[] {"opencl", "cpu"}) {
            NdArray x = which.equals("cpu") ? a : da, y = which.equals("cpu") ? b : db;
            x.matmul(y); // warm-up (and program build)
            dev.finish();
            int reps = 5;
            t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) x.matmul(y);
            dev.finish();
            double s = (System.nanoTime() - t0) / 1e9 / reps;
            System.out.printf("%s matmul %d: %.1f ms, %.1f GFLOP/s%n", which, n, s * 1e3, flops / s / 1e9);
        }
    }
}
