package dev.teak.opencl;

import static org.jocl.CL.*;

import java.lang.ref.Reference;
import java.util.concurrent.atomic.AtomicLong;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * One device's context and in-order command queue, the program cache, kernel launches and
 * the bookkeeping of device memory. Every allocation is counted in {@link #liveBytes()};
 * when the count passes a soft limit the allocator asks the JVM to collect garbage and waits
 * briefly for the storages' cleaners, so a loop that drops arrays never runs the device out
 * of memory between collections.
 */
final class OpenClContext {
    final DeviceInfo info;
    final cl_context context;
    final cl_command_queue queue;
    final ProgramCache programs;
    private final AtomicLong liveBytes = new AtomicLong();
    private final AtomicLong peakBytes = new AtomicLong();
    private volatile long softLimit;

    OpenClContext(DeviceInfo info) {
        this.info = info;
        cl_context_properties props = new cl_context_properties();
        props.addProperty(CL_CONTEXT_PLATFORM, info.platform());
        this.context = clCreateContext(props, 1, new cl_device_id[] {info.device()}, null, null, null);
        @SuppressWarnings("deprecation") // clCreateCommandQueue works on OpenCL 1.2 and 2.x drivers alike
        cl_command_queue q = clCreateCommandQueue(context, info.device(), 0, null);
        this.queue = q;
        String options = "-cl-std=CL1.2" + (info.correctlyRoundedDivideSqrt() ? " -cl-fp32-correctly-rounded-divide-sqrt" : "");
        this.programs = new ProgramCache(context, info, options, ProgramCache.defaultDir());
        long dflt = Math.max(64L << 20, info.globalMemBytes() / 2);
        this.softLimit = Long.getLong("teak.opencl.softLimitBytes", dflt);
    }

    long liveBytes() { return liveBytes.get(); }

    long peakBytes() { return peakBytes.get(); }

    void resetPeak() { peakBytes.set(liveBytes.get()); }

    void setSoftLimit(long bytes) { softLimit = bytes; }

    long softLimit() { return softLimit; }

    /**
     * With {@code -Dteak.opencl.poison=true} (the tests set it) an {@link #allocate(long, boolean)
     * unfilled} buffer is filled with 0xFF bytes instead: NaN in every float and -1 in every
     * integer, so an op that leaves part of its output unwritten shows up in a comparison
     * instead of passing on the zeros a fresh buffer often happens to hold.
     */
    private static final boolean POISON = Boolean.getBoolean("teak.opencl.poison");

    /**
     * A buffer of {@code bytes} (at least one byte: OpenCL refuses empty buffers), zero-filled
     * when {@code zero}, else with unspecified contents (see {@link #POISON}).
     */
    cl_mem allocate(long bytes, boolean zero) {
        long n = Math.max(bytes, 1);
        if (n > info.maxAllocBytes()) {
            throw new IllegalArgumentException("opencl: a buffer of " + n + " bytes exceeds the largest allocation "
                    + info.maxAllocBytes() + " of " + info.name());
        }
        if (liveBytes.get() + n > softLimit) collect(n);
        cl_mem mem;
        try {
            mem = clCreateBuffer(context, CL_MEM_READ_WRITE, n, null, null);
        } catch (CLException e) {
            collect(Long.MAX_VALUE / 4);
            mem = clCreateBuffer(context, CL_MEM_READ_WRITE, n, null, null);
        }
        if (zero || POISON) clEnqueueFillBuffer(queue, mem, Pointer.to(new byte[] {zero ? 0 : (byte) 0xFF}), 1, 0, n, 0, null, null);
        long now = liveBytes.addAndGet(n);
        peakBytes.accumulateAndGet(now, Math::max);
        return mem;
    }

    /** Runs the collector and gives cleaners a moment, until enough is free or nothing more comes back. */
    private void collect(long need) {
        for (int i = 0; i < 4 && liveBytes.get() + need > softLimit; i++) {
            long before = liveBytes.get();
            System.gc();
            try {
                Thread.sleep(2L << i);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (liveBytes.get() >= before && i > 0) return;
        }
    }

    /** Called by a storage's cleaner; the driver defers the deletion until queued commands finish. */
    void free(cl_mem mem, long bytes) {
        clReleaseMemObject(mem);
        liveBytes.addAndGet(-Math.max(bytes, 1));
    }

    void write(cl_mem mem, Pointer host, long bytes) {
        if (bytes > 0) clEnqueueWriteBuffer(queue, mem, CL_TRUE, 0, bytes, host, 0, null, null);
    }

    void read(cl_mem mem, Pointer host, long bytes) {
        if (bytes > 0) clEnqueueReadBuffer(queue, mem, CL_TRUE, 0, bytes, host, 0, null, null);
    }

    void finish() { clFinish(queue); }

    /** A request for {@code bytes} of local memory as a kernel argument. */
    record Local(long bytes) {}

    /**
     * Sets the arguments and enqueues {@code name} from {@code source}. Arguments: storages,
     * buffers, boxed {@code Integer}/{@code Long}/{@code Float}/{@code Double}/{@code Byte}
     * scalars, {@code int[8]} for an OpenCL {@code int8}, and {@link Local}. {@code local} may be
     * null to let the driver choose the work-group size.
     */
    synchronized void launch(String source, String name, long[] global, long[] local, Object... args) {
        for (long g : global) if (g == 0) return;
        if (local == null) {
            // A fixed work-group shape, the global size rounded up to it (kernels bound-check):
            // drivers such as PoCL compile one specialisation per work-group size, so letting
            // the driver pick one per global size would recompile a kernel for every shape.
            local = global.length == 1 ? new long[] {64} : global.length == 2 ? new long[] {8, 8} : new long[] {8, 8, 1};
            long[] rounded = new long[global.length];
            for (int d = 0; d < global.length; d++) rounded[d] = (global[d] + local[d] - 1) / local[d] * local[d];
            global = rounded;
        }
        cl_kernel k = programs.kernel(source, name);
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof OpenClStorage) clSetKernelArg(k, i, Sizeof.cl_mem, Pointer.to(((OpenClStorage) a).mem()));
            else if (a instanceof cl_mem) clSetKernelArg(k, i, Sizeof.cl_mem, Pointer.to((cl_mem) a));
            else if (a instanceof Integer) clSetKernelArg(k, i, Sizeof.cl_int, Pointer.to(new int[] {(Integer) a}));
            else if (a instanceof Long) clSetKernelArg(k, i, Sizeof.cl_long, Pointer.to(new long[] {(Long) a}));
            else if (a instanceof Float) clSetKernelArg(k, i, Sizeof.cl_float, Pointer.to(new float[] {(Float) a}));
            else if (a instanceof Double) clSetKernelArg(k, i, Sizeof.cl_double, Pointer.to(new double[] {(Double) a}));
            else if (a instanceof Byte) clSetKernelArg(k, i, Sizeof.cl_uchar, Pointer.to(new byte[] {(Byte) a}));
            else if (a instanceof int[] && ((int[]) a).length == 8) clSetKernelArg(k, i, Sizeof.cl_int8, Pointer.to((int[]) a));
            else if (a instanceof Local) clSetKernelArg(k, i, ((Local) a).bytes(), null);
            else throw new IllegalArgumentException("opencl: unsupported kernel argument " + a + " for " + name);
        }
        clEnqueueNDRangeKernel(queue, k, global.length, null, global, local, 0, null, null);
        Reference.reachabilityFence(args); // keep the storages (and so their buffers) alive until enqueued
    }

    void release() {
        programs.release();
        clReleaseCommandQueue(queue);
        clReleaseContext(context);
    }
}
