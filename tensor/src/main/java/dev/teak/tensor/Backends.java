package dev.teak.tensor;

import dev.teak.tensor.cpu.CpuBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The registry of backends: the CPU always, others found once through {@link ServiceLoader}. */
public final class Backends {
    private Backends() {}

    private static volatile Map<String, BackendProvider> providers;

    public static Backend cpu() { return CpuBackend.INSTANCE; }

    /** The backend for a device; a clear error when the device does not exist here. */
    public static Backend get(Device device) {
        if (device.isCpu()) return cpu();
        BackendProvider p = providers().get(device.type());
        if (p == null) {
            throw new IllegalArgumentException("no backend for device '" + device + "': known types are cpu"
                    + (providers().isEmpty() ? "" : ", " + String.join(", ", providers().keySet())));
        }
        List<Backend> list = p.backends();
        if (device.index() >= list.size()) {
            throw new IllegalArgumentException("device '" + device + "' does not exist: " + p.status());
        }
        return list.get(device.index());
    }

    /** Optional providers by device type. */
    public static Map<String, BackendProvider> providers() {
        Map<String, BackendProvider> m = providers;
        if (m == null) {
            synchronized (Backends.class) {
                if (providers == null) {
                    Map<String, BackendProvider> found = new LinkedHashMap<>();
                    for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) found.put(p.type(), p);
                    providers = found;
                }
                m = providers;
            }
        }
        return m;
    }

    /** Human-readable lines describing every backend, for {@code teak info}. */
    public static List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("cpu: " + CpuBackend.INSTANCE.describe());
        for (BackendProvider p : providers().values()) lines.add(p.type() + ": " + p.status());
        return lines;
    }
}
