package dev.teak.opencl;

import static org.jocl.CL.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * What Teak needs to know about one OpenCL device: where it is, what kind it is, how much
 * memory it has and which optional features (float64, 64-bit atomics, correctly rounded
 * float division) the kernels may use.
 */
public record DeviceInfo(cl_platform_id platform, cl_device_id device, String platformName, String platformVersion,
                         String name, String type, String driverVersion, long globalMemBytes, long maxAllocBytes,
                         int computeUnits, int maxWorkGroupSize, long localMemBytes, boolean fp64,
                         boolean int64Atomics, boolean correctlyRoundedDivideSqrt) {

    /** Order of preference: GPUs first, then accelerators, then CPUs and anything else. */
    private static int rank(String type) {
        switch (type) {
            case "gpu": return 0;
            case "accelerator": return 1;
            case "cpu": return 2;
            default: return 3;
        }
    }

    /**
     * Every device of every platform, GPUs first (stable within a kind, so indices do not
     * change between runs on one machine). Throws {@link org.jocl.CLException} when the ICD
     * loader finds no platform.
     */
    static List<DeviceInfo> discover() {
        setExceptionsEnabled(true);
        int[] count = new int[1];
        clGetPlatformIDs(0, null, count);
        cl_platform_id[] platforms = new cl_platform_id[count[0]];
        clGetPlatformIDs(platforms.length, platforms, null);
        List<DeviceInfo> all = new ArrayList<>();
        for (cl_platform_id p : platforms) {
            int[] n = new int[1];
            try {
                clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, 0, null, n);
            } catch (org.jocl.CLException e) {
                continue; // CL_DEVICE_NOT_FOUND: a platform without devices
            }
            cl_device_id[] devices = new cl_device_id[n[0]];
            clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, devices.length, devices, null);
            for (cl_device_id d : devices) all.add(describe(p, d));
        }
        all.sort(Comparator.comparingInt(i -> rank(i.type())));
        return all;
    }

    private static DeviceInfo describe(cl_platform_id p, cl_device_id d) {
        long type = longInfo(d, CL_DEVICE_TYPE);
        String kind = (type & CL_DEVICE_TYPE_GPU) != 0 ? "gpu" : (type & CL_DEVICE_TYPE_ACCELERATOR) != 0 ? "accelerator"
                : (type & CL_DEVICE_TYPE_CPU) != 0 ? "cpu" : "other";
        String ext = stringInfo(d, CL_DEVICE_EXTENSIONS);
        long fp32 = longInfo(d, CL_DEVICE_SINGLE_FP_CONFIG);
        return new DeviceInfo(p, d, platformString(p, CL_PLATFORM_NAME), platformString(p, CL_PLATFORM_VERSION),
                stringInfo(d, CL_DEVICE_NAME), kind, stringInfo(d, CL_DRIVER_VERSION),
                longInfo(d, CL_DEVICE_GLOBAL_MEM_SIZE), longInfo(d, CL_DEVICE_MAX_MEM_ALLOC_SIZE),
                (int) intInfo(d, CL_DEVICE_MAX_COMPUTE_UNITS), (int) sizeInfo(d, CL_DEVICE_MAX_WORK_GROUP_SIZE),
                longInfo(d, CL_DEVICE_LOCAL_MEM_SIZE), ext.contains("cl_khr_fp64"),
                ext.contains("cl_khr_int64_base_atomics"), (fp32 & CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT) != 0);
    }

    /** One line for {@code teak info}. */
    public String summary() {
        return String.format(Locale.ROOT, "%s (%s, %s, %s), %d compute units, %.1f GiB, float64 %s",
                name, type, platformName, driverVersion, computeUnits, globalMemBytes / (double) (1L << 30),
                fp64 ? "yes" : "no");
    }

    /** Identifies the device and driver in the on-disk program cache key. */
    String cacheIdentity() {
        return platformName + "|" + platformVersion + "|" + name + "|" + driverVersion;
    }

    private static String stringInfo(cl_device_id d, int param) {
        long[] size = new long[1];
        clGetDeviceInfo(d, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        clGetDeviceInfo(d, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    private static String platformString(cl_platform_id p, int param) {
        long[] size = new long[1];
        clGetPlatformInfo(p, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        clGetPlatformInfo(p, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    private static String cString(byte[] buf) {
        int n = 0;
        while (n < buf.length && buf[n] != 0) n++;
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8).trim();
    }

    private static long longInfo(cl_device_id d, int param) {
        long[] v = new long[1];
        clGetDeviceInfo(d, param, Sizeof.cl_ulong, Pointer.to(v), null);
        return v[0];
    }

    private static long intInfo(cl_device_id d, int param) {
        int[] v = new int[1];
        clGetDeviceInfo(d, param, Sizeof.cl_uint, Pointer.to(v), null);
        return v[0] & 0xffffffffL;
    }

    /** A {@code size_t} query, read at the platform's pointer width. */
    private static long sizeInfo(cl_device_id d, int param) {
        ByteBuffer b = ByteBuffer.allocate(Sizeof.size_t).order(ByteOrder.nativeOrder());
        clGetDeviceInfo(d, param, Sizeof.size_t, Pointer.to(b), null);
        return Sizeof.size_t == 8 ? b.getLong(0) : b.getInt(0) & 0xffffffffL;
    }
}
