package dev.teak.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.teak.tensor.NdArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An interrupted write leaves the previous file intact and no temporary file behind. */
class AtomicFileTest {
    @TempDir Path dir;

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void replacesTheFileWhole() throws IOException {
        Path f = dir.resolve("ckpt.safetensors");
        SafeTensors.save(f, Map.of("a", NdArray.of(new float[] {1, 2})));
        SafeTensors.save(f, Map.of("b", NdArray.of(new float[] {3})));
        assertEquals(List.of("b"), List.copyOf(SafeTensors.load(f).keySet()));
        assertEquals(List.of("ckpt.safetensors"), listing());
    }

    @Test
    void aFailureMidWriteKeepsTheOldFile() throws IOException {
        Path f = dir.resolve("ckpt.npy");
        Npy.save(f, NdArray.of(new double[] {1, 2, 3}));
        byte[] before = Files.readAllBytes(f);
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(f, out -> {
            out.write(new byte[100_000]); // some bytes reach the temporary file ...
            throw new IOException("disk full");  // ... then the writer fails
        }));
        assertEquals("disk full", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(f));
        assertEquals(List.of("ckpt.npy"), listing());
    }

    @Test
    void aFailedFirstWriteLeavesNoFile() {
        Path f = dir.resolve("new.npz");
        assertThrows(IllegalStateException.class, () -> AtomicFile.write(f, out -> {
            out.write(1);
            throw new IllegalStateException("interrupted");
        }));
        assertEquals(List.of(), assertDoesNotThrowListing());
    }

    private List<String> assertDoesNotThrowListing() {
        try {
            return listing();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void refusesAMissingDirectory() {
        IOException e = assertThrows(IOException.class, () -> Npy.save(dir.resolve("no/such/dir/a.npy"), NdArray.zeros(1)));
        assertEquals(true, e.getMessage().contains("does not exist"), e.getMessage());
    }
}
