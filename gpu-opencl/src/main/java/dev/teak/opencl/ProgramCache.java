package dev.teak.opencl;

import static org.jocl.CL.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_program;

/**
 * Builds OpenCL programs once per context and keeps their kernels. Built binaries are also
 * written to a directory on disk (default {@code ~/.cache/teak/opencl}, or the system property
 * {@code teak.opencl.cache}; {@code none} turns it off), named by a hash of the source, the
 * build options and the device and driver, so a later run skips the compiler. A program that
 * fails to build raises an exception carrying the driver's build log.
 */
final class ProgramCache {
    private final cl_context context;
    private final DeviceInfo info;
    private final String options;
    private final Path dir;
    private final Map<String, cl_program> programs = new HashMap<>();
    /** Kernels by program source (the same String instance each launch, so lookups are cheap), then name. */
    private final Map<String, Map<String, cl_kernel>> kernels = new HashMap<>();
    private int builtFromSource, loadedFromDisk;

    ProgramCache(cl_context context, DeviceInfo info, String options, Path dir) {
        this.context = context;
        this.info = info;
        this.options = options;
        this.dir = dir;
    }

    /** The directory named by {@code teak.opencl.cache}, or the default; null when caching is off. */
    static Path defaultDir() {
        String p = System.getProperty("teak.opencl.cache");
        if (p != null) return p.equalsIgnoreCase("none") ? null : Path.of(p);
        return Path.of(System.getProperty("user.home"), ".cache", "teak", "opencl");
    }

    /** The kernel {@code name} of the program built from {@code source}. */
    synchronized cl_kernel kernel(String source, String name) {
        Map<String, cl_kernel> byName = kernels.computeIfAbsent(source, s -> new HashMap<>());
        cl_kernel k = byName.get(name);
        if (k == null) {
            k = clCreateKernel(program(source), name, null);
            byName.put(name, k);
        }
        return k;
    }

    synchronized cl_program program(String source) {
        cl_program p = programs.get(source);
        if (p != null) return p;
        String hash = sha256(source + "\u0000" + options + "\u0000" + info.cacheIdentity());
        Path file = dir == null ? null : dir.resolve(hash + ".bin");
        p = file != null ? fromDisk(file) : null;
        if (p == null) {
            p = clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
            build(p, source);
            builtFromSource++;
            if (file != null) toDisk(p, file);
        } else {
            loadedFromDisk++;
        }
        programs.put(source, p);
        return p;
    }

    /** How many programs were compiled from source and how many came from the disk cache. */
    synchronized int[] counts() { return new int[] {builtFromSource, loadedFromDisk}; }

    private void build(cl_program p, String source) {
        try {
            clBuildProgram(p, 1, new cl_device_id[] {info.device()}, options, null, null);
        } catch (CLException e) {
            String log = buildLog(p);
            clReleaseProgram(p);
            String first = source.lines().filter(l -> l.contains("__kernel")).findFirst().orElse("").trim();
            throw new IllegalStateException("OpenCL program failed to build on " + info.name() + " (" + e.getMessage()
                    + "), first kernel: " + first + "\nbuild log:\n" + log, e);
        }
    }

    private String buildLog(cl_program p) {
        long[] size = new long[1];
        clGetProgramBuildInfo(p, info.device(), CL_PROGRAM_BUILD_LOG, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        clGetProgramBuildInfo(p, info.device(), CL_PROGRAM_BUILD_LOG, buf.length, Pointer.to(buf), null);
        int n = buf.length;
        while (n > 0 && buf[n - 1] == 0) n--;
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A program from a cached binary, or null when there is none or the driver rejects it. */
    private cl_program fromDisk(Path file) {
        if (!Files.isRegularFile(file)) return null;
        cl_program p = null;
        try {
            byte[] bin = Files.readAllBytes(file);
            int[] status = new int[1];
            p = clCreateProgramWithBinary(context, 1, new cl_device_id[] {info.device()}, new long[] {bin.length},
                    new byte[][] {bin}, status, null);
            clBuildProgram(p, 1, new cl_device_id[] {info.device()}, options, null, null);
            return p;
        } catch (IOException | CLException e) {
            if (p != null) clReleaseProgram(p);
            return null; // a stale or foreign binary: rebuild from source and overwrite it
        }
    }

    /** Writes the device binary atomically (temp file, then rename) so readers never see half a file. */
    private void toDisk(cl_program p, Path file) {
        try {
            long[] size = new long[1];
            clGetProgramInfo(p, CL_PROGRAM_BINARY_SIZES, Sizeof.size_t, Pointer.to(size), null);
            if (size[0] == 0) return;
            byte[] bin = new byte[(int) size[0]];
            clGetProgramInfo(p, CL_PROGRAM_BINARIES, Sizeof.POINTER, Pointer.to(new Pointer[] {Pointer.to(bin)}), null);
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "prog", ".tmp");
            Files.write(tmp, bin);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | CLException | UnsupportedOperationException e) {
            // The cache is an optimisation: an unwritable directory must not stop the computation.
        }
    }

    private static String sha256(String s) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Releases every kernel and program (when the context goes away). */
    synchronized void release() {
        kernels.values().forEach(m -> m.values().forEach(org.jocl.CL::clReleaseKernel));
        programs.values().forEach(org.jocl.CL::clReleaseProgram);
        kernels.clear();
        programs.clear();
    }
}
