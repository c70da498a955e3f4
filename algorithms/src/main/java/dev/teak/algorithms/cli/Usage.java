package dev.teak.algorithms.cli;

import dev.teak.algorithms.run.Method;
import dev.teak.algorithms.run.OptionSpec;
import java.util.List;

/** The help texts: the general usage, and a method's usage listing every option with its default. */
final class Usage {
    private Usage() {}

    static String general(List<Method> methods) {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: teak <command>\n\n");
        sb.append("commands:\n");
        sb.append("  list                      the methods, one line each\n");
        sb.append("  info                      Java, CPU kernels, threads and backends found\n");
        sb.append("  <method> --help           a method's options and their defaults\n");
        sb.append("  <method> [options]        run a method; results go to runs/<method>-<time>/\n");
        sb.append("\nmethods: ").append(methods.isEmpty() ? "none installed yet"
                : String.join(", ", methods.stream().map(Method::name).toList())).append('\n');
        return sb.toString();
    }

    static String method(Method m) {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: teak ").append(m.name()).append(" [options]\n");
        sb.append(m.description()).append("\n");
        if (!m.options().isEmpty()) {
            sb.append("\n").append(m.name()).append(" options:\n");
            for (OptionSpec s : m.options()) sb.append(line(s));
        }
        sb.append("\ncommon options:\n");
        for (OptionSpec s : CommonOptions.all()) sb.append(line(s));
        sb.append("  -h, --help                show this help\n");
        return sb.toString();
    }

    /** {@code --lr X   learning rate (number in [0, 10]; default 0.1)}, wrapped under a 28-column head. */
    static String line(OptionSpec s) {
        String head = "  --" + s.name() + (s.takesValue() ? " " + s.argName() : "");
        StringBuilder detail = new StringBuilder(s.description()).append(" (");
        String kind = switch (s.type()) {
            case INT, LONG -> "integer";
            case DOUBLE -> "number";
            case INT_LIST -> "integers";
            case CHOICE -> "one of " + String.join(", ", s.choices());
            case STRING -> "text";
            case FLAG -> "switch";
        };
        detail.append(kind);
        if (!s.rangeText().isEmpty()) detail.append(s.rangeText().startsWith("[") ? " in " : " ").append(s.rangeText());
        detail.append("; default ").append(s.type() == OptionSpec.Type.FLAG ? "off" : OptionSpec.show(s.defaultValue())).append(')');
        StringBuilder sb = new StringBuilder(head);
        if (head.length() >= 28) sb.append('\n').append(" ".repeat(28));
        else sb.append(" ".repeat(28 - head.length()));
        sb.append(detail).append('\n');
        return sb.toString();
    }
}
