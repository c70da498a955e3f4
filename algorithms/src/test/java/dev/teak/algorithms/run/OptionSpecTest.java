package dev.teak.algorithms.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionSpecTest {
    @Test
    void valuesAreParsedToTheirTypeAndChecked() {
        assertEquals(12, OptionSpec.integer("k", 1, "k").parse(" 12 "));
        assertEquals(1L << 40, OptionSpec.longInteger("n", 0, "n").parse("1099511627776"));
        assertEquals(-0.5, OptionSpec.real("x", 0, "x").parse("-5e-1"));
        assertEquals(List.of(1, 2, 8), OptionSpec.intList("v", List.of(1), "v").range(1, 8).parse("1, 2,8"));
        assertEquals("mlp", OptionSpec.choice("c", "mlp", List.of("mlp", "dot"), "c").parse("mlp"));

        assertMessage("--k: '1.0' is not an integer", () -> OptionSpec.integer("k", 1, "k").parse("1.0"));
        assertMessage("--k: 3000000000 is not an integer".replace("3000000000 is", "'3000000000' is"),
                () -> OptionSpec.integer("k", 1, "k").parse("3000000000"));
        assertMessage("--x: 'Infinity' is not a finite number", () -> OptionSpec.real("x", 0, "x").parse("Infinity"));
        assertMessage("--v: 9 is outside [1, 8]", () -> OptionSpec.intList("v", List.of(1), "v").range(1, 8).parse("1,9"));
        assertMessage("--v: '1,,2' is not a comma-separated list of integers", () -> OptionSpec.intList("v", List.of(1), "v").parse("1,,2"));
        assertMessage("--r: 0.0 is outside >= 0.001", () -> OptionSpec.real("r", 1, "r").range(1e-3, Double.POSITIVE_INFINITY).parse("0"));
        assertMessage("--c: 'MLP' is not one of mlp, dot", () -> OptionSpec.choice("c", "mlp", List.of("mlp", "dot"), "c").parse("MLP"));
    }

    @Test
    void declarationsAreCheckedToo() {
        assertMessage("default of --k: 0 is outside [1, 5]", () -> OptionSpec.integer("k", 0, "k").range(1, 5));
        assertMessage("option name must be lower-case", () -> OptionSpec.integer("Bad", 0, "k"));
        assertMessage("a range applies to numbers", () -> OptionSpec.text("t", "", "t").range(0, 1));
    }

    @Test
    void jsonValuesComeBackEqualToParsedOnes() {
        OptionSpec l = OptionSpec.longInteger("n", 0, "n"), d = OptionSpec.real("x", 0, "x"), v = OptionSpec.intList("v", List.of(1), "v");
        for (String text : List.of("3", "-7", "9007199254740993")) {
            Object parsed = l.parse(text);
            Object back = l.fromJson(jsonRoundTrip(parsed));
            assertEquals(parsed, back, text);
        }
        for (String text : List.of("0.1", "1e-300", "2", "-0.0")) {
            assertEquals(d.parse(text), d.fromJson(jsonRoundTrip(d.parse(text))), text);
        }
        assertEquals(v.parse("4,2"), v.fromJson(jsonRoundTrip(v.parse("4,2"))));
        assertEquals("4,2", OptionSpec.show(List.of(4, 2)));
    }

    private static Object jsonRoundTrip(Object value) {
        try {
            return Json.parseObject(Json.line(Map.of("v", value))).get("v");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(expected), "expected '" + expected + "' in: " + x.getMessage());
    }
}
