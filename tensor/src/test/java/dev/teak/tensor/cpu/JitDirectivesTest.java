package dev.teak.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The compiler directives parse and are in place once the vector kernels are loaded (on HotSpot). */
class JitDirectivesTest {
    @Test
    void theDirectivesAreInstalledWithTheVectorKernels() throws Exception {
        assumeTrue(KernelPath.vectorOrNull() != null, "the Vector API module is absent");
        assumeTrue(System.getProperty("java.vm.name", "").contains("HotSpot") || System.getProperty("java.vm.name", "").contains("OpenJDK"),
                "not HotSpot: " + System.getProperty("java.vm.name"));
        assertTrue(JitDirectives.install(), "HotSpot refused the directives (malformed JSON?)");
        String printed = String.valueOf(ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesPrint",
                new Object[] {new String[0]}, new String[] {String[].class.getName()}));
        assertTrue(printed.contains("matching: dev/teak/*.*"), printed);
        assertTrue(printed.contains("+dev/teak/tensor/cpu/VectorMath.*"), printed);
        assertTrue(printed.contains("-dev/teak/tensor/cpu/VectorKernels.*"), printed);
        assertTrue(printed.contains("-dev/teak/tensor/cpu/VectorGemmKernel*.tile*"), printed);   // tile and tileColumns
    }
}
