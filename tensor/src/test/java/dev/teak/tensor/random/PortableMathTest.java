package dev.teak.tensor.random;

import static org.junit.jupiter.api.Assertions.*;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;

/** The stream's fixed-arithmetic log and sine/cosine against the JDK's fdlibm ({@link StrictMath}). */
class PortableMathTest {
    @Test
    void logWithinTwoUlpsOfFdlibm() {
        // every 53-bit uniform's complement 1 - u lies in [2^-53, 1]; cover its whole exponent range
        qt().withExamples(300).forAll(longs().between(1, 1L << 53)).checkAssert(k -> {
            double v = k * 0x1.0p-53;
            double want = StrictMath.log(v);
            assertEquals(want, PortableMath.log(v), 2 * Math.ulp(want) + Double.MIN_VALUE, "log(" + v + ")");
        });
        qt().withExamples(300).forAll(doubles().between(1e-300, 1e300)).checkAssert(v -> {
            double want = StrictMath.log(v);
            assertEquals(want, PortableMath.log(v), 2 * Math.ulp(want), "log(" + v + ")");
        });
        assertEquals(0.0, PortableMath.log(1.0));
        assertEquals(-53 * 0.6931471805599453, PortableMath.log(0x1.0p-53), 1e-14);
        assertEquals(Math.log(Math.sqrt(2)), PortableMath.log(Math.sqrt(2)), 1e-16);
        assertTrue(Double.isNaN(PortableMath.log(-1)));
        assertEquals(Double.NEGATIVE_INFINITY, PortableMath.log(0));
    }

    @Test
    void sinCosOfTwoPiUAgreeWithFdlibm() {
        double[] sc = new double[2];
        // StrictMath sees 2 pi u rounded (an error up to ulp(2 pi) / 2 = 4.4e-16 in the angle); ours reduces exactly
        qt().withExamples(300).forAll(longs().between(0, (1L << 53) - 1)).checkAssert(k -> {
            double u = k * 0x1.0p-53, theta = 2 * Math.PI * u;
            PortableMath.sinCos2Pi(u, sc, 0);
            assertEquals(StrictMath.sin(theta), sc[0], 1e-15, "sin(2 pi " + u + ")");
            assertEquals(StrictMath.cos(theta), sc[1], 1e-15, "cos(2 pi " + u + ")");
            assertEquals(1.0, sc[0] * sc[0] + sc[1] * sc[1], 4e-16, "sin^2 + cos^2 at " + u);
        });
        double[][] exact = {{0, 0, 1}, {0.25, 1, 0}, {0.5, 0, -1}, {0.75, -1, 0}};
        for (double[] e : exact) {
            PortableMath.sinCos2Pi(e[0], sc, 0);
            assertEquals(e[1], sc[0], 0.0, "sin at u = " + e[0]);
            assertEquals(e[2], sc[1], 0.0, "cos at u = " + e[0]);
        }
        PortableMath.sinCos2Pi(0.125, sc, 0);
        assertEquals(Math.sqrt(0.5), sc[0], 2e-16);
        assertEquals(Math.sqrt(0.5), sc[1], 2e-16);
        PortableMath.sinCos2Pi(1.0 / 12, sc, 0); // 30 degrees
        assertEquals(0.5, sc[0], 2e-16);
        assertEquals(Math.sqrt(3) / 2, sc[1], 2e-16);
    }
}
