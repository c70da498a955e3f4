/**
 * Reusable test support for anything built on {@code NdArray}: QuickTheories generators of
 * shapes, broadcast-compatible shape pairs, axis sets, random values and random strided
 * layouts ({@link dev.teak.tensor.testing.Shapes}, {@link dev.teak.tensor.testing.ArrayGen}),
 * a naive row-major reference array that reads any layout by the index formula alone
 * ({@link dev.teak.tensor.testing.Dense}), and tolerance checks that say where and by how
 * much two arrays differ ({@link dev.teak.tensor.testing.Close}).
 *
 * <p>A property over random float arrays in random layouts, with broadcasting:
 * <pre>{@code
 * qt().withExamples(200).forAll(ArrayGen.broadcastArrays(2, Range.FINITE, DType.FLOAT32)).checkAssert(ab -> {
 *     Dense a = Dense.read(ab[0]), b = Dense.read(ab[1]);
 *     int[] shape = Shapes.broadcast(a.shape, b.shape);
 *     Dense want = Dense.zeros(shape);
 *     int[] idx = new int[shape.length];
 *     for (int f = 0; f < want.numel(); f++, Dense.next(idx, shape)) want.data[f] = (float) (a.atBroadcast(idx) + b.atBroadcast(idx));
 *     Close.exact("add", want, ab[0].add(ab[1]));
 * });
 * }</pre>
 *
 * <p>Nothing here calls the kernels under test to build an expectation: layouts are made with
 * the public {@code NdArray(storage, shape, strides, offset)} constructor over hand-filled
 * storage, and read back element by element with {@code offset + sum(index * stride)}.
 * Other modules (autograd, nn) may copy these classes.
 */
package dev.teak.tensor.testing;
