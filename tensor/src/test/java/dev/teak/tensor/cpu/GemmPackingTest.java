package dev.teak.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/** The packed micro-panel layouts, element by element, for every operand layout and edge. */
class GemmPackingTest {
    @Test
    void packAPlacesEveryElementAndZeroPads() {
        qt().withExamples(200)
                .forAll(Generate.range(0, 40), Generate.range(0, 40), Generate.enumValues(GemmCase.Layout.class), Generate.pick(java.util.List.of(4, 6)))
                .checkAssert((mc, kc, layout, mr) -> {
                    GemmCase.Operand a = GemmCase.operand(mc, kc, layout, new Random(mc * 131 + kc));
                    float[] af = a.f32();
                    int rows = (mc + mr - 1) / mr * mr;
                    float[] ap = new float[rows * kc + 2];
                    java.util.Arrays.fill(ap, Float.NaN); // every slot must be written
                    GemmPacking.packA(mc, kc, af, a.off, a.rs, a.cs, ap, mr);
                    for (int i = 0; i < rows; i++) {
                        for (int p = 0; p < kc; p++) {
                            float want = i < mc ? af[a.off + i * a.rs + p * a.cs] : 0f;
                            assertEquals(want, ap[i * kc + p], 0f, layout + " i=" + i + " p=" + p);
                        }
                    }
                    // and nothing past the padded rows
                    assertEquals(Float.NaN, ap[rows * kc], 0f);
                });
    }

    @Test
    void packBPlacesEveryElementAndZeroPads() {
        qt().withExamples(200)
                .forAll(Generate.range(0, 40), Generate.range(0, 80), Generate.enumValues(GemmCase.Layout.class), Generate.pick(java.util.List.of(4, 32)))
                .checkAssert((kc, nc, layout, nr) -> {
                    GemmCase.Operand b = GemmCase.operand(kc, nc, layout, new Random(kc * 131 + nc));
                    float[] bf = b.f32();
                    int panels = (nc + nr - 1) / nr, d0 = 3;
                    float[] bp = new float[d0 + panels * nr * kc];
                    java.util.Arrays.fill(bp, Float.NaN);
                    GemmPacking.packB(kc, nc, bf, b.off, b.rs, b.cs, bp, d0, nr);
                    for (int p = 0; p < kc; p++) {
                        for (int j = 0; j < panels * nr; j++) {
                            float want = j < nc ? bf[b.off + p * b.rs + j * b.cs] : 0f;
                            assertEquals(want, bp[d0 + (j / nr) * nr * kc + p * nr + j % nr], 0f, layout + " p=" + p + " j=" + j);
                        }
                    }
                });
    }
}
