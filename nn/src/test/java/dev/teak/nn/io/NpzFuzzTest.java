package dev.teak.nn.io;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.tensor.NdArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged {@code .npz} archives (stored and deflated, plain and SciPy CSR) end in a loaded
 * result or an {@link NpyFormatException}, never another exception: the zip layer's own
 * failures are translated too.
 */
class NpzFuzzTest {
    @TempDir Path dir;

    @Test
    void mutatedArchives() throws IOException {
        Map<String, NdArray> arrays = Map.of("w", NdArray.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3), "y", NdArray.of(new long[] {7, 8}));
        Path stored = dir.resolve("s.npz"), deflated = dir.resolve("d.npz");
        Npz.save(stored, arrays);
        Npz.saveCompressed(deflated, arrays);
        byte[][] valids = {Files.readAllBytes(stored), Files.readAllBytes(deflated), Files.readAllBytes(Fixtures.path("csr.npz"))};
        Mutator m = new Mutator(0, 0, 0); // no header-length field: only flips, truncations and insertions apply
        Path target = dir.resolve("fuzz.npz");
        qt().withExamples(200).forAll(integers().between(0, 2), integers().between(0, 3), integers().all(), longs().all())
                .checkAssert((which, kind, pos, value) -> {
                    try {
                        Files.write(target, m.apply(valids[which], kind, pos, value));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    TensorFileFuzzTest.Reader reader = which == 2
                            ? b -> Map.of("csr", CsrNpz.load(target).values())
                            : b -> Npz.load(target);
                    TensorFileFuzzTest.cleanOrDocumented(reader, new byte[0], NpyFormatException.class, target.toString());
                });
    }
}
