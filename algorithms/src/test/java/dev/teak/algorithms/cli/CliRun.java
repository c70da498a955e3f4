package dev.teak.algorithms.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** One invocation of the CLI as a function, with its exit status and both output streams. */
record CliRun(int status, String out, String err) {
    /** Runs {@code teak args...} in {@code workingDir} with the test method, off a terminal. */
    static CliRun of(Path workingDir, long progressIntervalMillis, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int status = new Teak(List.of(new LineFitMethod()), o, e, false, workingDir, progressIntervalMillis).run(args);
            return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    static CliRun of(Path workingDir, String... args) { return of(workingDir, 60_000, args); }
}
