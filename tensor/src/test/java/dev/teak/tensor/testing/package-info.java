/**
 * Reusable test support for anything built on {@code NdArray}: QuickTheories generators of
 * shapes, broadcast-compatible shape pairs, axis sets, random values and random strided
 * layouts ({@link dev.teak.tensor.testing.Shapes}, {@link dev.teak.tensor.testing.ArrayGen}),
 * a naive row-major reference array that reads any layout by the index formula alone
 * ({@link dev.teak.tensor.testing.Dense}), and tolerance checks that say where and by how
 * much two arrays differ ({@link dev.teak.tensor.testing.Close}).
 *
 * <p>Nothing here calls the kernels under test to build an expectation: layouts are made with
 * the public {@code NdArray(storage, shape, strides, offset)} constructor over hand-filled
 * storage, and read back element by element with {@code offset + sum(index * stride)}.
 * Other modules (autograd, nn) may copy these classes.
 */
package dev.teak.tensor.testing;
