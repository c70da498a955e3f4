package dev.teak.algorithms.cli;

import dev.teak.algorithms.run.Method;
import dev.teak.tensor.Info;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code teak} command: {@code list}, {@code info}, {@code <method> --help} and
 * {@code <method> [options]}. {@link #run} returns the exit status instead of exiting, so tests
 * call it as a function: 0 done, 1 the run failed (the message names the cause; what was
 * written stays valid), 2 bad arguments (the message and the usage are printed).
 */
public final class Teak {
    public static final int OK = 0, FAILED = 1, USAGE = 2;

    private final List<Method> methods;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final Path workingDir;
    private final long progressIntervalMillis;

    /**
     * @param terminal whether {@code err} is a terminal (a redrawn progress bar) or not (plain lines)
     * @param workingDir where the default {@code runs/} folder goes
     * @param progressIntervalMillis least time between two plain progress lines
     */
    public Teak(List<Method> methods, PrintStream out, PrintStream err, boolean terminal, Path workingDir,
                long progressIntervalMillis) {
        this.methods = List.copyOf(methods);
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.workingDir = workingDir;
        this.progressIntervalMillis = progressIntervalMillis;
    }

    /**
     * The command as a person runs it: installed methods, the process streams, plain progress
     * lines every 10 s off a terminal. Whether standard error is a terminal comes from
     * {@code -Dteak.terminal} (the launcher sets it from {@code [ -t 2 ]}), else from
     * {@code System.console()}.
     */
    public static Teak standard() {
        String t = System.getProperty("teak.terminal");
        boolean terminal = t != null ? Boolean.parseBoolean(t) : System.console() != null;
        return new Teak(MethodRegistry.load(), System.out, System.err, terminal, Path.of(""), 10_000);
    }

    public static void main(String[] args) {
        int status = standard().run(args);
        System.out.flush();
        System.exit(status);
    }

    /** Runs one command line and returns its exit status. */
    public int run(String... args) {
        if (args.length == 0) return usage("no command given", Usage.general(methods));
        String cmd = args[0];
        switch (cmd) {
            case "-h", "--help", "help" -> {
                out.print(Usage.general(methods));
                return OK;
            }
            case "list" -> {
                if (args.length > 1) return usage("list takes no arguments", Usage.general(methods));
                if (methods.isEmpty()) out.println("(no methods installed yet)");
                for (Method m : methods) out.printf("%-16s %s%n", m.name(), m.description());
                return OK;
            }
            case "info" -> {
                if (args.length > 1) return usage("info takes no arguments", Usage.general(methods));
                out.print(Info.text());
                return OK;
            }
            default -> {
                Optional<Method> m = methods.stream().filter(x -> x.name().equals(cmd)).findFirst();
                if (m.isEmpty()) return usage("unknown method '" + cmd + "'", Usage.general(methods));
                String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
                try {
                    return new MethodRunner(m.get(), out, err, terminal, workingDir, progressIntervalMillis).run(rest);
                } catch (UsageException e) {
                    return usage(e.getMessage(), e.usage());
                }
            }
        }
    }

    private int usage(String message, String usage) {
        err.println("teak: " + message);
        err.println();
        err.print(usage);
        return USAGE;
    }
}
