package dev.teak.algorithms.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.algorithms.run.Method;
import dev.teak.tensor.Info;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad arguments exit 2 with the message and the usage; help, list and info print what they promise. */
class TeakUsageTest {
    @TempDir Path wd;

    static List<Arguments> badArguments() {
        return List.of(
                Arguments.of(new String[] {}, "no command given", "usage: teak <command>"),
                Arguments.of(new String[] {"train"}, "unknown method 'train'", "usage: teak <command>"),
                Arguments.of(new String[] {"list", "x"}, "list takes no arguments", "usage: teak <command>"),
                Arguments.of(new String[] {"linefit", "--nope"}, "Unrecognized option: --nope", "usage: teak linefit"),
                Arguments.of(new String[] {"linefit", "--ste", "5"}, "Unrecognized option: --ste", "usage: teak linefit"),
                Arguments.of(new String[] {"linefit", "--steps"}, "Missing argument for option: steps", "usage: teak linefit"),
                Arguments.of(new String[] {"linefit", "--steps", "ten"}, "--steps: 'ten' is not an integer", "usage: teak linefit"),
                Arguments.of(new String[] {"linefit", "--steps", "2.5"}, "--steps: '2.5' is not an integer", "usage: teak linefit"),
                Arguments.of(new String[] {"linefit", "--steps", "0"}, "--steps: 0 is outside [1, 100000]", "usage: teak linefit"),
                Arguments.of(new String[] {"linefit", "--lr", "NaN"}, "--lr: 'NaN' is not a finite number", "usage: teak linefit"),
                Arguments.of(new String[] {"linefit", "--lr=-0.5"}, "--lr: -0.5 is outside [0, 2]", "usage: teak linefit"),
                Arguments.of(new String[] {"linefit", "--init", "ones"}, "--init: 'ones' is not one of zeros, normal", "usage: teak linefit"),
                Arguments.of(new String[] {"linefit", "--threads", "0"}, "--threads: 0 is outside [1, 4096]", "usage: teak linefit"),
                Arguments.of(new String[] {"linefit", "--seed", "1", "--seed", "2"}, "--seed is given 2 times", "usage: teak linefit"),
                Arguments.of(new String[] {"linefit", "extra"}, "unexpected argument 'extra'", "usage: teak linefit"),
                Arguments.of(new String[] {"linefit", "--device", "tpu"}, "--device tpu: no backend for device 'tpu:0'", "usage: teak linefit"),
                Arguments.of(new String[] {"linefit", "--device", "opencl:99"}, "--device opencl:99: ", "usage: teak linefit"),
                Arguments.of(new String[] {"linefit", "--device", "opencl:x"}, "--device opencl:x: bad device", "usage: teak linefit"),
                Arguments.of(new String[] {"linefit", "--resume"}, "--resume needs --out DIR", "usage: teak linefit"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badArgumentsExit2WithTheUsage(String[] args, String message, String usageHead) throws Exception {
        CliRun r = CliRun.of(wd, args);
        assertEquals(Teak.USAGE, r.status(), r.err());
        assertTrue(r.err().startsWith("teak: "), r.err());
        assertTrue(r.err().contains(message), "expected '" + message + "' in:\n" + r.err());
        assertTrue(r.err().contains(usageHead), r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(wd.resolve("runs")), "a rejected command must not create a run folder");
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        CliRun r = CliRun.of(wd, "linefit", "--help");
        assertEquals(Teak.OK, r.status(), r.err());
        String h = r.out();
        // Hand-written expectations, one per option (method options, then the common ones).
        String[] expected = {
            "--steps N", "gradient steps (integer in [1, 100000]; default 24)",
            "--lr X", "learning rate (number in [0, 2]; default 0.3)",
            "--batch N", "(integer in [1, 4096]; default 16)",
            "--points N", "(integer in [2, 1000000]; default 128)",
            "--slope X", "true slope a (number; default 2.0)",
            "--intercept X", "true intercept b (number; default -1.0)",
            "--noise X", "(number in [0, 100]; default 0.1)",
            "--init WORD", "starting (a, b) (one of zeros, normal; default zeros)",
            "--checkpoint-every N", "(integer in [1, 1000000]; default 1)",
            "--fail-at N", "(integer in [-1, 1000000]; default -1)",
            "--seed N", "(integer; default 0)",
            "--device DEVICE", "else cpu) (text; default cpu)",
            "--threads N", "(integer in [1, 4096]; default " + Runtime.getRuntime().availableProcessors() + ")",
            "--out DIR", "(text; default unset)",
            "--resume", "(switch; default off)",
            "--quiet", "(switch; default off)",
            "--help", "show this help"};
        for (String e : expected) assertTrue(h.contains(e), "help lacks '" + e + "':\n" + h);
        long optionLines = h.lines().filter(l -> l.startsWith("  --") || l.startsWith("  -h")).count();
        assertEquals(new LineFitMethod().options().size() + CommonOptions.all().size() + 1, optionLines, h);
    }

    @Test
    void listNamesTheMethodsFoundThroughServiceLoader() {
        List<Method> found = MethodRegistry.load();
        assertTrue(found.stream().anyMatch(m -> m instanceof LineFitMethod), "the test services file registers linefit");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new Teak(found, new PrintStream(out, true, StandardCharsets.UTF_8), System.err, false, wd, 1000).run("list");
        assertEquals(Teak.OK, status);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.lines().anyMatch(l -> l.matches("linefit +fit y = a x \\+ b by minibatch gradient descent \\(test method\\)")), text);
        assertEquals(found.size(), text.lines().count(), "one line per method");
    }

    @Test
    void infoPrintsTheTensorInfo() {
        CliRun r = CliRun.of(wd, "info");
        assertEquals(Teak.OK, r.status());
        assertEquals(Info.text().lines().findFirst().orElseThrow(), r.out().lines().findFirst().orElseThrow());
        assertTrue(r.out().contains("backends:"), r.out());
    }

    @Test
    void generalHelpExitsZero() {
        CliRun r = CliRun.of(wd, "--help");
        assertEquals(Teak.OK, r.status());
        assertTrue(r.out().contains("methods: linefit"), r.out());
    }
}
