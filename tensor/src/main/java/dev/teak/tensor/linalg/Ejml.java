package dev.teak.tensor.linalg;

import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * Conversions between 2-D {@link NdArray}s and EJML's row-major dense matrices, for code that
 * wants an EJML algorithm {@link Linalg} does not wrap. Every conversion copies: EJML
 * decompositions overwrite their input, and an {@code NdArray} may be a strided view or live on
 * another device.
 */
public final class Ejml {
    private Ejml() {}

    /** A float64 copy of a 2-D array of any dtype, layout and device. */
    public static DMatrixRMaj toDDRM(NdArray m) {
        require2d("toDDRM", m);
        return DMatrixRMaj.wrap(m.size(0), m.size(1), m.toDoubleArray());
    }

    /** A float32 copy of a 2-D array of any dtype, layout and device. */
    public static FMatrixRMaj toFDRM(NdArray m) {
        require2d("toFDRM", m);
        return FMatrixRMaj.wrap(m.size(0), m.size(1), m.toFloatArray());
    }

    /** A contiguous float64 CPU array with the matrix's elements. */
    public static NdArray fromDDRM(DMatrixRMaj m) {
        // EJML may keep a backing array longer than rows * cols after a reshape.
        return NdArray.of(Arrays.copyOf(m.data, m.numRows * m.numCols), m.numRows, m.numCols);
    }

    /** A contiguous float32 CPU array with the matrix's elements. */
    public static NdArray fromFDRM(FMatrixRMaj m) {
        return NdArray.of(Arrays.copyOf(m.data, m.numRows * m.numCols), m.numRows, m.numCols);
    }

    private static void require2d(String op, NdArray m) {
        if (m.dim() != 2) throw new IllegalArgumentException(op + ": expected a 2-D array, got shape " + Shape.str(m.shape()));
    }
}
