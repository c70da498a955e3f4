package dev.teak.tensor.cpu;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Tells HotSpot's C2 compiler how to inline the vector kernels, through the Compiler Control
 * directives of JEP 165 (what {@code jcmd PID Compiler.directives_add} does), installed once
 * when the vector kernels load.
 *
 * <p>JDK 17 keeps a {@code FloatVector} in registers only when every method it crosses is
 * inlined into one compilation. Left to its heuristics, C2 broke that in two ways, and the
 * vectors were boxed: one object per vector per operation, and slow code.
 * <ul>
 *   <li>A small kernel loop got inlined into a large caller (a Transformer step inlined the
 *       GELU passes into {@code unary}); the caller ran out of its node budget
 *       ({@code NodeCountInliningCutoff}) before the {@code VectorMath} helpers inside the loop.
 *   <li>A {@code VectorMath} helper called from not-yet-optimised code got compiled on its own,
 *       and its compiled size then barred it from inlining ("already compiled into a big method").
 * </ul>
 * A Transformer step allocated 140 MB at first and 240 MB after 10 s, and ran at 23-26 ms
 * instead of 20. So for compilations of Teak's own methods: never inline a kernel class's
 * methods, nor the GEMM micro-kernel, into their callers (each is compiled on its own, with a
 * whole budget), and always inline {@code VectorMath}'s helpers into the kernels.
 *
 * <p>The directives match Teak's methods only; {@code jcmd PID Compiler.directives_print}
 * shows them, and {@code -Dteak.jitDirectives=false} leaves them out. A JVM without the
 * diagnostic command (not HotSpot, or without {@code java.management}) runs without them.
 */
final class JitDirectives {
    private JitDirectives() {}

    static final String JSON = """
            [{
              match: "dev/teak/*.*",
              c2: {
                inline: ["+dev/teak/tensor/cpu/VectorMath.*",
                         "-dev/teak/tensor/cpu/VectorGemmKernel*.tile*",
                         "-dev/teak/tensor/cpu/VectorKernels.*",
                         "-dev/teak/tensor/cpu/VectorSparse.*",
                         "-dev/teak/nn/optim/AdamKernel.*"]
              }
            }]
            """;

    /** The outcome of the one attempt; null before it. */
    private static Boolean installed;

    /** Installs the directives on the first call (later calls do not try again); returns whether they are in place. */
    static synchronized boolean install() {
        if (installed == null) installed = tryInstall();
        return installed;
    }

    private static boolean tryInstall() {
        if ("false".equals(System.getProperty("teak.jitDirectives"))) return false;
        Path file = null;
        try {
            file = Files.createTempFile("teak-jit", ".json");
            Files.writeString(file, JSON);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Object reply = server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                    new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
            return String.valueOf(reply).contains("1 compiler directives added");
        } catch (Exception | LinkageError e) {
            return false;
        } finally {
            if (file != null) file.toFile().delete();
        }
    }
}
