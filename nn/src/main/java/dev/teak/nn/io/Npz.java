package dev.teak.nn.io;

import dev.teak.tensor.NdArray;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes NumPy {@code .npz} archives: a zip of {@code name.npy} members, as
 * {@code numpy.savez} (stored) and {@code numpy.savez_compressed} (deflated) write them.
 * Members that are not {@code .npy} files (which NumPy would hand back as raw bytes) are
 * refused, as are duplicate names.
 *
 * <p>Each member's declared size is checked before it is read: stored members must declare
 * their compressed size, deflated ones at most what DEFLATE can expand to (1032:1), and the
 * {@code .npy} inside must fill the declared size exactly. A forged size therefore cannot make
 * the reader allocate more than the archive can hold. Corrupt archives fail with an
 * {@link NpyFormatException} naming the file and member.
 */
public final class Npz {
    private Npz() {}

    /** DEFLATE's largest expansion (a 258-byte match per 2 bits, about 1032:1), plus slack for headers. */
    private static final long MAX_DEFLATE_RATIO = 1032;

    /** Reads one member; {@code key} is its name without {@code .npy}. */
    @FunctionalInterface
    interface MemberReader {
        void read(String key, ByteReader in) throws IOException;
    }

    /** Loads every array, keyed by member name without {@code .npy}, in archive order. */
    public static Map<String, NdArray> load(Path file) throws IOException {
        Map<String, NdArray> out = new LinkedHashMap<>();
        readMembers(file, (key, in) -> out.put(key, Npy.read(in)));
        return Collections.unmodifiableMap(out);
    }

    /** Saves arrays uncompressed, like {@code numpy.savez}; replaces {@code file} atomically. */
    public static void save(Path file, Map<String, NdArray> arrays) throws IOException {
        writeMembers(file, members(arrays), false);
    }

    /** Saves arrays deflated, like {@code numpy.savez_compressed}. */
    public static void saveCompressed(Path file, Map<String, NdArray> arrays) throws IOException {
        writeMembers(file, members(arrays), true);
    }

    private static Map<String, AtomicFile.Content> members(Map<String, NdArray> arrays) {
        Map<String, AtomicFile.Content> m = new LinkedHashMap<>();
        for (Map.Entry<String, NdArray> e : arrays.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null) {
                throw new IllegalArgumentException("Npz.save: array names must be non-empty and arrays non-null, got '" + e.getKey() + "'");
            }
            NdArray a = e.getValue();
            byte[] prefix = Npy.prefix(a);
            m.put(e.getKey(), out -> {
                out.write(prefix);
                ElementCodec.write(a, java.nio.ByteOrder.LITTLE_ENDIAN, out);
            });
        }
        return m;
    }

    /** Visits every member in archive order after validating its name and declared sizes. */
    static void readMembers(Path file, MemberReader reader) throws IOException {
        String source = file.toString();
        long fileSize = Files.size(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Set<String> seen = new HashSet<>();
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                String member = source + "[" + name + "]";
                if (e.isDirectory() || !name.endsWith(".npy")) throw new NpyFormatException(member, "member is not a .npy file");
                String key = name.substring(0, name.length() - 4);
                if (!seen.add(key)) throw new NpyFormatException(member, "member appears twice in the archive");
                long size = e.getSize(), csize = e.getCompressedSize();
                if (size < 0 || csize < 0 || csize > fileSize) {
                    throw new NpyFormatException(member, "declared sizes " + size + "/" + csize + " are impossible for a "
                            + fileSize + "-byte archive");
                }
                if (e.getMethod() == ZipEntry.STORED ? size != csize : size > csize * MAX_DEFLATE_RATIO + 1024) {
                    throw new NpyFormatException(member, "declares " + size + " bytes from " + csize + " compressed bytes, which "
                            + (e.getMethod() == ZipEntry.STORED ? "a stored member cannot" : "DEFLATE cannot expand to"));
                }
                try (InputStream in = zip.getInputStream(e)) {
                    reader.read(key, Npy.reader(in, size, member));
                } catch (ZipException | EOFException ex) {
                    throw new NpyFormatException(member, "corrupt compressed data: " + ex.getMessage(), ex);
                }
            }
        } catch (ZipException | EOFException ex) {
            // ZipFile reports a damaged central directory either way.
            throw new NpyFormatException(source, "not a readable zip archive: " + ex, ex);
        } catch (IllegalArgumentException ex) {
            // ZipFile reports member names that are not valid UTF-8 this way.
            throw new NpyFormatException(source, "malformed zip archive: " + ex.getMessage(), ex);
        }
    }

    /**
     * Writes members named {@code key.npy}. Stored members need their CRC and size before their
     * data, so their content is produced twice: once into a checksum, once into the archive.
     */
    static void writeMembers(Path file, Map<String, AtomicFile.Content> members, boolean compressed) throws IOException {
        AtomicFile.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, AtomicFile.Content> m : members.entrySet()) {
                ZipEntry e = new ZipEntry(m.getKey() + ".npy");
                if (compressed) {
                    e.setMethod(ZipEntry.DEFLATED);
                } else {
                    CRC32 crc = new CRC32();
                    long[] count = {0};
                    OutputStream counter = new OutputStream() {
                        @Override public void write(int b) { count[0]++; }
                        @Override public void write(byte[] b, int off, int len) { count[0] += len; }
                    };
                    m.getValue().writeTo(new CheckedOutputStream(counter, crc));
                    e.setMethod(ZipEntry.STORED);
                    e.setSize(count[0]);
                    e.setCompressedSize(count[0]);
                    e.setCrc(crc.getValue());
                }
                zip.putNextEntry(e);
                m.getValue().writeTo(zip);
                zip.closeEntry();
            }
            zip.finish(); // not close(): AtomicFile owns the stream and syncs it
        });
    }
}
