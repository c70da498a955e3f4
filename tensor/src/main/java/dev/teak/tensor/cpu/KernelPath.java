package dev.teak.tensor.cpu;

/**
 * Chooses the float32 kernels once, at class initialisation: the Vector API ones when the
 * {@code jdk.incubator.vector} module is in the boot layer (the launcher and the test runner
 * add it) and {@code -Dteak.kernels=scalar} does not forbid it; the scalar ones otherwise.
 * The vector class is loaded reflectively so that a JVM without the module never links it
 * (the way Apache Lucene loads its Panama code). Loading them also installs the
 * {@link JitDirectives} that keep their vectors in registers.
 */
public final class KernelPath {
    private KernelPath() {}

    private static final Kernels SCALAR = new ScalarKernels();
    private static final Kernels ACTIVE = choose();

    private static Kernels choose() {
        if ("scalar".equals(System.getProperty("teak.kernels"))) return SCALAR;
        Kernels v = vectorOrNull();
        return v != null ? v : SCALAR;
    }

    /** The kernels in use. */
    public static Kernels active() { return ACTIVE; }

    /** The scalar kernels, always available (tests compare both paths). */
    public static Kernels scalar() { return SCALAR; }

    /** The vector kernels, or null when the module is absent. */
    public static Kernels vectorOrNull() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return null;
        try {
            Kernels k = (Kernels) Class.forName("dev.teak.tensor.cpu.VectorKernels").getDeclaredConstructor().newInstance();
            JitDirectives.install();
            return k;
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** e.g. {@code vector (512-bit, 16 floats)}. */
    public static String describe() { return ACTIVE.describe(); }
}
