package dev.teak.opencl;

import dev.teak.tensor.Backend;
import dev.teak.tensor.BackendProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Finds OpenCL devices for {@link java.util.ServiceLoader} (registered in
 * {@code META-INF/services}) as device type {@code opencl}: {@code Device.opencl(i)} is the
 * {@code i}-th device, GPUs first. Discovery runs once; without the JOCL native library, an
 * ICD loader or any platform it returns no backends and says why in {@link #status()}.
 */
public final class OpenClProvider implements BackendProvider {
    private static volatile Discovery discovery;

    /** What one discovery found: the backends, or the reason there are none. */
    private record Discovery(List<Backend> backends, String status) {}

    @Override public String type() { return "opencl"; }

    @Override public List<Backend> backends() { return discover().backends(); }

    /** For {@code teak info}: every device with its platform, memory and float64 support, or why none. */
    @Override public String status() { return discover().status(); }

    private static Discovery discover() {
        Discovery d = discovery;
        if (d == null) {
            synchronized (OpenClProvider.class) {
                if (discovery == null) discovery = run();
                d = discovery;
            }
        }
        return d;
    }

    private static Discovery run() {
        List<DeviceInfo> infos;
        try {
            infos = DeviceInfo.discover();
        } catch (LinkageError e) {
            // JOCL absent from the class path, or its JNI library / libOpenCL missing: this class
            // names no JOCL type itself, so ServiceLoader can still instantiate it to say so.
            return none("the JOCL library or libOpenCL could not be loaded (" + e + ")");
        } catch (RuntimeException e) {
            boolean noPlatform = String.valueOf(e.getMessage()).contains("PLATFORM_NOT_FOUND");
            return none(noPlatform ? "no OpenCL platform found (" + e.getMessage() + "); install a driver, e.g. Debian's pocl-opencl-icd"
                    : "OpenCL discovery failed: " + e);
        }
        if (infos.isEmpty()) return none("no OpenCL device found on any platform");
        List<Backend> backends = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (DeviceInfo info : infos) {
            int index = backends.size();
            try {
                backends.add(new OpenClBackend(index, info));
                sb.append(sb.length() == 0 ? "" : "; ").append("opencl:").append(index).append(' ').append(info.summary());
            } catch (RuntimeException e) {
                sb.append(sb.length() == 0 ? "" : "; ").append("skipped ").append(info.name()).append(" (").append(e.getMessage()).append(')');
            }
        }
        if (backends.isEmpty()) return none("no OpenCL device could be opened: " + sb);
        String head = backends.size() + (backends.size() == 1 ? " device: " : " devices: ");
        return new Discovery(Collections.unmodifiableList(backends), head + sb);
    }

    private static Discovery none(String why) { return new Discovery(List.of(), "unavailable: " + why); }
}
