package dev.teak.tensor;

import java.util.List;

/**
 * Service interface through which optional backends (OpenCL) are found with
 * {@link java.util.ServiceLoader}. A provider lists the devices it can open; it returns an
 * empty list, never throws, when its driver is absent, and says why in {@link #status()}.
 */
public interface BackendProvider {
    /** Device type this provider serves, e.g. {@code opencl}. */
    String type();

    /** One backend per usable device, in the provider's preferred order. */
    List<Backend> backends();

    /** One line on what was found, or why nothing was. */
    String status();
}
