package dev.teak.algorithms.cli;

import dev.teak.algorithms.run.OptionSpec;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * Turns {@code teak <method> [options]} into checked values with Commons CLI: long options only
 * ({@code --lr 0.1} or {@code --lr=0.1}), no abbreviations, no positional arguments; each value
 * is converted and range-checked by its {@link OptionSpec}. Any problem is a
 * {@link UsageException} naming the option.
 */
final class ArgumentParser {
    static final String HELP = "help";

    private final List<OptionSpec> specs;
    private final Options options = new Options();
    private final String usage;

    ArgumentParser(List<OptionSpec> specs, String usage) {
        this.specs = specs;
        this.usage = usage;
        for (OptionSpec s : specs) {
            options.addOption(Option.builder().longOpt(s.name()).hasArg(s.takesValue()).argName(s.argName())
                    .desc(s.description()).build());
        }
        options.addOption(Option.builder("h").longOpt(HELP).desc("show the options and their defaults").build());
    }

    /** The parsed arguments: every option's value (defaults filled in) and which ones were given. */
    record Parsed(Map<String, Object> values, Set<String> given, boolean help) {}

    Parsed parse(String[] args) throws UsageException {
        CommandLine cl;
        try {
            cl = DefaultParser.builder().setAllowPartialMatching(false).build().parse(options, args, false);
        } catch (ParseException e) {
            throw new UsageException(e.getMessage(), usage);
        }
        if (!cl.getArgList().isEmpty()) {
            throw new UsageException("unexpected argument '" + cl.getArgList().get(0) + "' (options start with --)", usage);
        }
        if (cl.hasOption(HELP)) return new Parsed(Map.of(), Set.of(), true);
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> given = new LinkedHashSet<>();
        for (OptionSpec s : specs) {
            if (!cl.hasOption(s.name())) {
                values.put(s.name(), s.defaultValue());
                continue;
            }
            String[] vs = cl.getOptionValues(s.name());
            if (vs != null && vs.length > 1) throw new UsageException("--" + s.name() + " is given " + vs.length + " times", usage);
            try {
                values.put(s.name(), s.takesValue() ? s.parse(vs[0]) : Boolean.TRUE);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage(), usage);
            }
            given.add(s.name());
        }
        return new Parsed(values, given, false);
    }
}
