package dev.teak.algorithms.cli;

import dev.teak.algorithms.run.Json;
import dev.teak.algorithms.run.Method;
import dev.teak.algorithms.run.OptionSpec;
import dev.teak.algorithms.run.OptionValues;
import dev.teak.algorithms.run.RunContext;
import dev.teak.algorithms.run.RunFolder;
import dev.teak.algorithms.run.RunSettings;
import dev.teak.tensor.Backends;
import dev.teak.tensor.Device;
import dev.teak.tensor.cpu.Parallel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs one method from its arguments: parses and checks them, prepares the run folder (new,
 * or reopened for {@code --resume} with the stored option values, refusing a value that
 * matters and differs), applies {@code --threads}, runs the method, and reports.
 */
final class MethodRunner {
    private final Method method;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final Path workingDir;
    private final long progressIntervalMillis;
    private final String usage;

    MethodRunner(Method method, PrintStream out, PrintStream err, boolean terminal, Path workingDir, long progressIntervalMillis) {
        this.method = method;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.workingDir = workingDir;
        this.progressIntervalMillis = progressIntervalMillis;
        this.usage = Usage.method(method);
    }

    int run(String[] args) throws UsageException {
        List<OptionSpec> own = method.options();
        List<OptionSpec> all = new ArrayList<>(own);
        for (OptionSpec c : CommonOptions.all()) {
            if (own.stream().anyMatch(s -> s.name().equals(c.name()))) {
                throw new IllegalStateException("method " + method.name() + " redeclares the common option --" + c.name());
            }
            all.add(c);
        }
        ArgumentParser.Parsed p = new ArgumentParser(all, usage).parse(args);
        if (p.help()) {
            out.print(usage);
            return Teak.OK;
        }
        Device device = device((String) p.values().get(CommonOptions.DEVICE));
        int threads = (Integer) p.values().get(CommonOptions.THREADS);
        boolean quiet = (Boolean) p.values().get(CommonOptions.QUIET);
        boolean resume = (Boolean) p.values().get(CommonOptions.RESUME);
        String outOpt = (String) p.values().get(CommonOptions.OUT);

        Map<String, Object> values = new LinkedHashMap<>();
        for (OptionSpec s : own) values.put(s.name(), p.values().get(s.name()));
        long seed = (Long) p.values().get(CommonOptions.SEED);
        Path dir;
        if (resume) {
            if (outOpt == null) throw new UsageException("--resume needs --out DIR, the folder of the run to continue", usage);
            dir = workingDir.resolve(outOpt);
            seed = mergeStored(dir, own, values, p, seed);
            if (RunFolder.isComplete(dir)) {
                if (!quiet) err.println("teak " + method.name() + ": the run in " + dir + " is already complete (it has a summary.json)");
                return Teak.OK;
            }
        } else {
            dir = outOpt != null ? workingDir.resolve(outOpt) : RunFolder.defaultDir(workingDir, method.name(), LocalDateTime.now());
            if (Files.exists(dir) && !isEmptyDir(dir)) {
                throw new UsageException("output folder " + dir + " already exists and is not empty: pass --resume to continue "
                        + "the run in it, or choose another --out", usage);
            }
        }

        Parallel.setThreads(threads);
        RunSettings settings = new RunSettings(method.name(), new OptionValues(values), seed, device, threads, quiet, err,
                terminal, progressIntervalMillis);
        return execute(dir, settings, resume);
    }

    private int execute(Path dir, RunSettings settings, boolean resume) {
        RunContext ctx;
        try {
            ctx = resume ? RunFolder.resume(dir, settings) : RunFolder.create(dir, settings);
        } catch (IOException | RuntimeException e) {
            err.println("teak " + method.name() + ": cannot prepare " + dir + ": " + cause(e));
            return Teak.FAILED;
        }
        if (!settings.quiet()) {
            err.println("teak " + method.name() + ": " + (resume ? "resuming from step " + ctx.checkpoint().nextStep() + " in " : "writing to ") + dir);
        }
        // Ctrl-C or a kill ends the JVM without returning here: say how to continue.
        Thread onKill = new Thread(() -> err.println((settings.terminal() ? "\n" : "") + "teak " + method.name() + ": interrupted; what was written is in " + dir
                + "; continue with --out " + dir + " --resume"));
        Runtime.getRuntime().addShutdownHook(onKill);
        try (ctx) {
            method.run(ctx);
        } catch (Exception | Error e) {
            // Errors too (out of memory, stack overflow): the folder stays valid and resumable.
            if (Boolean.getBoolean("teak.stacktrace")) e.printStackTrace(err);
            err.println("teak " + method.name() + ": failed: " + cause(e));
            err.println("teak " + method.name() + ": what was written is in " + dir + "; continue with --out " + dir + " --resume");
            return Teak.FAILED;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onKill);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting; the hook runs
            }
        }
        if (!settings.quiet()) {
            Path summary = dir.resolve(RunContext.SUMMARY);
            try {
                if (Files.exists(summary)) out.println(Json.line(Json.read(summary)));
            } catch (IOException e) {
                err.println("teak " + method.name() + ": cannot read back " + summary + ": " + cause(e));
                return Teak.FAILED;
            }
            err.println("teak " + method.name() + ": done; results in " + dir);
        }
        return Teak.OK;
    }

    /** The device, checked to exist here. */
    private Device device(String spec) throws UsageException {
        try {
            Device d = Device.parse(spec);
            Backends.get(d);
            return d;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--device " + spec + ": " + e.getMessage(), usage);
        }
    }

    /**
     * Replaces the option values by those stored in the run's config.json; a value given on the
     * command line must equal the stored one when it matters. Returns the stored seed.
     */
    private long mergeStored(Path dir, List<OptionSpec> own, Map<String, Object> values, ArgumentParser.Parsed p, long seed)
            throws UsageException {
        Map<String, Object> config;
        try {
            config = RunFolder.readConfig(dir);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), usage);
        } catch (IOException e) {
            throw new UsageException("--resume: cannot read the run in " + dir + ": " + cause(e), usage);
        }
        if (!method.name().equals(config.get("method"))) {
            throw new UsageException("--resume: the run in " + dir + " is of method '" + config.get("method") + "', not '"
                    + method.name() + "'", usage);
        }
        Map<?, ?> stored = config.get("options") instanceof Map<?, ?> m ? m : Map.of();
        for (OptionSpec s : own) {
            if (!stored.containsKey(s.name())) continue;        // an option added since: keep its default
            Object old = s.fromJson(stored.get(s.name()));
            Object now = values.get(s.name());
            if (p.given().contains(s.name()) && s.matters() && !Objects.equals(old, now)) {
                throw new UsageException(differs(s.name(), old, now, dir), usage);
            }
            if (!p.given().contains(s.name()) || s.matters()) values.put(s.name(), old);
        }
        long storedSeed = config.get("seed") instanceof Number n ? n.longValue() : seed;
        if (p.given().contains(CommonOptions.SEED) && storedSeed != seed) {
            throw new UsageException(differs(CommonOptions.SEED, storedSeed, seed, dir), usage);
        }
        return storedSeed;
    }

    private static String differs(String name, Object old, Object now, Path dir) {
        return "--resume: --" + name + " differs: the run in " + dir + " used " + OptionSpec.show(old)
                + ", this command gives " + OptionSpec.show(now) + "; drop --" + name + " to continue it, or start a new run";
    }

    /** The message chain of an exception: {@code what failed: why}. */
    static String cause(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String msg = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
            if (sb.indexOf(msg) >= 0) continue;
            if (sb.length() > 0) sb.append(": ");
            if (t.getMessage() == null || t instanceof NullPointerException || t instanceof ArithmeticException) {
                sb.append(t.getClass().getSimpleName()).append(t.getMessage() == null ? "" : " " + t.getMessage());
            } else {
                sb.append(msg);
            }
            if (t.getCause() == t) break;
        }
        return sb.toString();
    }

    private static boolean isEmptyDir(Path dir) {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
