package dev.teak.tensor;

/** What {@code teak info} prints: the JVM, the CPU kernel path and threads, and every backend found. */
public final class Info {
    private Info() {}

    public static String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("teak ").append(version()).append('\n');
        sb.append("java ").append(System.getProperty("java.version")).append(" (").append(System.getProperty("java.vm.name"))
                .append(", ").append(System.getProperty("os.arch")).append(")\n");
        sb.append("cores ").append(Runtime.getRuntime().availableProcessors())
                .append(", max heap ").append(Runtime.getRuntime().maxMemory() >> 20).append(" MiB\n");
        sb.append("backends:\n");
        for (String line : Backends.describe()) sb.append("  ").append(line).append('\n');
        return sb.toString();
    }

    /** The version from the jar manifest, or {@code dev} when run from classes. */
    public static String version() {
        String v = Info.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    public static void main(String[] args) {
        if (args.length == 0 || !args[0].equals("info")) {
            System.err.println("usage: teak info");
            System.exit(2);
        }
        System.out.print(text());
    }
}
