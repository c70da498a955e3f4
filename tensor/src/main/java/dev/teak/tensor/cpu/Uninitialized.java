package dev.teak.tensor.cpu;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Arrays without the JVM's zero fill, for outputs an op overwrites entirely ({@code torch.empty},
 * {@link CpuBackend#empty}). Java zeroes every new array on the allocating thread, so a 512 KiB
 * output is written twice, once serially; PyTorch's allocator hands back memory as it is.
 *
 * <p>The JDK's own {@code jdk.internal.misc.Unsafe.allocateUninitializedArray} (which string
 * concatenation uses) is compiled by C2 into an allocation that skips the fill when C2
 * allocates inline: arrays up to 1 MiB (HotSpot's {@code FastAllocateSizeLimit}) that fit in the
 * thread's allocation buffer. Larger arrays, and those from code not yet compiled, come zeroed
 * from the runtime. Measured: 256 KiB through {@link CpuBackend#empty} in 0.08 us against 8.0 us
 * zeroed; 4 MB straight from {@code Unsafe} in about 110 us either way.
 *
 * <p>The package is internal, so this needs {@code --add-exports
 * java.base/jdk.internal.misc=ALL-UNNAMED} on the command line (the launcher, the tests and the
 * benchmarks pass it); without it, or with {@code -Dteak.uninitialized=false}, arrays come zeroed
 * as usual. Either way the values an op returns are the same, because it writes every element.
 * The tests check that: with
 * {@code -Dteak.cpu.poison=true} (the test runner sets it) every array handed out here is NaN
 * first, so an element an op forgot to write shows up as NaN instead of a lucky zero.
 */
final class Uninitialized {
    private Uninitialized() {}

    /** {@code unsafe.allocateUninitializedArray(Class, int)} bound to the Unsafe instance, or null. */
    private static final MethodHandle ALLOCATE = find();

    private static final boolean POISON = Boolean.getBoolean("teak.cpu.poison");

    private static MethodHandle find() {
        if (!Boolean.parseBoolean(System.getProperty("teak.uninitialized", "true"))) return null;
        try {
            Class<?> unsafe = Class.forName("jdk.internal.misc.Unsafe");
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Object instance = lookup.findStatic(unsafe, "getUnsafe", MethodType.methodType(unsafe)).invoke();
            return lookup.findVirtual(unsafe, "allocateUninitializedArray", MethodType.methodType(Object.class, Class.class, int.class))
                .bindTo(instance);
        } catch (Throwable notExported) {
            return null;
        }
    }

    /** Whether arrays skip the zero fill (the package is exported to Teak). */
    static boolean active() { return ALLOCATE != null; }

    /** Whether arrays are filled with NaN before they are handed out (a test setting). */
    static boolean poisoned() { return POISON; }

    static float[] floats(int n) {
        float[] a = (float[]) allocate(float.class, n);
        if (POISON) java.util.Arrays.fill(a, Float.NaN);
        return a;
    }

    static double[] doubles(int n) {
        double[] a = (double[]) allocate(double.class, n);
        if (POISON) java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    /** An array of a primitive type; the type is a constant once this is inlined, as the intrinsic needs. */
    private static Object allocate(Class<?> type, int n) {
        if (ALLOCATE == null) return java.lang.reflect.Array.newInstance(type, n);
        try {
            return (Object) ALLOCATE.invokeExact(type, n);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException) throw (RuntimeException) t;
        if (t instanceof Error) throw (Error) t;
        throw new IllegalStateException(t);
    }
}
