package dev.teak.autograd;

import static org.junit.jupiter.api.Assertions.*;

import dev.teak.tensor.NdArray;
import org.junit.jupiter.api.Test;

/** Hand-computed gradients for the engine's paths: shared inputs, broadcasting, views, Hessians. */
class TensorBackwardTest {
    private static Tensor leaf(double[] v, int... shape) { return new Tensor(NdArray.of(v, shape), true); }

    @Test
    void productRuleWithSharedInput() {
        // f = sum(x * x + 3x) -> df/dx = 2x + 3
        Tensor x = leaf(new double[] {1, -2, 0.5}, 3);
        x.mul(x).add(x.mul(3)).sum().backward();
        assertArrayEquals(new double[] {5, -1, 4}, x.grad().data().toDoubleArray(), 1e-12);
    }

    @Test
    void broadcastGradientIsSummed() {
        // y = a [2,3] + b [3]; d sum(y)/db = 2 per element
        Tensor a = leaf(new double[] {1, 2, 3, 4, 5, 6}, 2, 3), b = leaf(new double[] {1, 1, 1}, 3);
        a.mul(b).sum().backward();
        assertArrayEquals(new double[] {5, 7, 9}, b.grad().data().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, a.grad().data().toDoubleArray(), 1e-12);
    }

    @Test
    void matmulAndTransposeViews() {
        // f = sum(A B) with A 2x2, B 2x1: dA[i][k] = B[k], dB[k] = sum_i A[i][k]
        Tensor a = leaf(new double[] {1, 2, 3, 4}, 2, 2), b = leaf(new double[] {5, 6}, 2, 1);
        a.transpose(0, 1).matmul(b).sum().backward();
        assertArrayEquals(new double[] {5, 5, 6, 6}, a.grad().data().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {3, 7}, b.grad().data().toDoubleArray(), 1e-12);
    }

    @Test
    void hessianVectorProductOfCubic() {
        // f = sum(x^3): grad = 3x^2, Hessian = diag(6x); H v = 6 x v
        Tensor x = leaf(new double[] {1, 2, -1}, 3);
        Tensor g = Autograd.grad(new Tensor[] {x.pow(3).sum()}, new Tensor[] {x}, null, true, false)[0];
        assertArrayEquals(new double[] {3, 12, 3}, g.data().toDoubleArray(), 1e-12);
        Tensor v = Tensor.of(new double[] {1, 0.5, 2}, 3);
        Tensor hv = Autograd.grad(new Tensor[] {g.mul(v).sum()}, new Tensor[] {x}, null, false, false)[0];
        assertArrayEquals(new double[] {6, 6, -12}, hv.data().toDoubleArray(), 1e-12);
        assertNull(x.grad(), "Autograd.grad must not touch .grad");
    }

    @Test
    void gradWithRespectToIntermediate() {
        Tensor x = leaf(new double[] {1, 2}, 2);
        Tensor h = x.mul(2);
        Tensor y = h.square().sum(); // dy/dh = 2h = 4x
        Tensor[] g = Autograd.grad(new Tensor[] {y}, new Tensor[] {h, x}, null, false, false);
        assertArrayEquals(new double[] {4, 8}, g[0].data().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {8, 16}, g[1].data().toDoubleArray(), 1e-12);
    }

    @Test
    void unusedInputNeedsAllowUnused() {
        Tensor x = leaf(new double[] {1}, 1), z = leaf(new double[] {2}, 1);
        Tensor y = x.mul(2).sum();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autograd.grad(new Tensor[] {y}, new Tensor[] {z}, null, true, false));
        assertTrue(e.getMessage().contains("allowUnused"), e.getMessage());
        assertNull(Autograd.grad(new Tensor[] {y}, new Tensor[] {x, z}, null, false, true)[1]);
    }

    @Test
    void maxGradientGoesToArgmaxAndSoftmaxRowsSumToOne() {
        Tensor x = leaf(new double[] {1, 5, 3, 7, 2, 0}, 2, 3);
        x.max(1, false).sum().backward();
        assertArrayEquals(new double[] {0, 1, 0, 1, 0, 0}, x.grad().data().toDoubleArray(), 0);
        double[] s = x.softmax(1).sum(1, false).data().toDoubleArray();
        assertArrayEquals(new double[] {1, 1}, s, 1e-12);
    }

    @Test
    void detachCutsTheGraph() {
        Tensor x = leaf(new double[] {3}, 1);
        Tensor y = x.mul(x.detach()).sum(); // d/dx of x * c with c = x held constant: c = 3
        y.backward();
        assertEquals(3, x.grad().item(), 1e-12);
        assertFalse(x.detach().requiresGrad());
    }

    @Test
    void backwardOfNonScalarNeedsGradOutput() {
        Tensor x = leaf(new double[] {1, 2}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.mul(2).backward());
        assertTrue(e.getMessage().contains("[2]"), e.getMessage());
        x.mul(2).backward(Tensor.of(new double[] {1, 10}, 2));
        assertArrayEquals(new double[] {2, 20}, x.grad().data().toDoubleArray(), 0);
    }

    @Test
    void severalOutputsWithTheirOwnUpstreamGradients() {
        // y1 = 2x (seed [1, 1]), y2 = x^2 (seed [3, 5]): d/dx = 2 + 2x * seed2
        Tensor x = leaf(new double[] {1, 2}, 2);
        Tensor[] g = Autograd.grad(new Tensor[] {x.mul(2), x.square()}, new Tensor[] {x},
                new Tensor[] {Tensor.of(new double[] {1, 1}, 2), Tensor.of(new double[] {3, 5}, 2)}, false, false);
        assertArrayEquals(new double[] {2 + 6, 2 + 20}, g[0].data().toDoubleArray(), 1e-12);
        // The gradient of an output with respect to itself is its seed.
        Tensor y = x.mul(3);
        assertArrayEquals(new double[] {7, 9}, Autograd.grad(new Tensor[] {y}, new Tensor[] {y},
                new Tensor[] {Tensor.of(new double[] {7, 9}, 2)}, false, false)[0].data().toDoubleArray(), 0);
    }

    @Test
    void gradRetainsTheGraphOnlyWhenAsked() {
        Tensor x = leaf(new double[] {1, 2}, 2);
        Tensor y = x.exp().sum();
        Autograd.grad(new Tensor[] {y}, new Tensor[] {x}, null, true, false, false);
        Autograd.grad(new Tensor[] {y}, new Tensor[] {x}, null, false, false, false);
        assertThrows(IllegalStateException.class, () -> Autograd.grad(y, x));
    }

    @Test
    void powExponentGradientIsZeroAtAZeroBase() {
        // d(a^b)/db = a^b log a -> 0 as a -> 0 for b > 0; at a = 2, b = 3: 8 log 2.
        Tensor a = new Tensor(NdArray.of(new double[] {0, 2}, 2)), b = leaf(new double[] {2, 3}, 2);
        a.pow(b).sum().backward();
        assertArrayEquals(new double[] {0, 8 * Math.log(2)}, b.grad().data().toDoubleArray(), 1e-12);
    }

    @Test
    void retainGradKeepsAnIntermediateGradient() {
        Tensor x = leaf(new double[] {1, 2}, 2);
        Tensor h = x.mul(3).retainGrad();
        Tensor unkept = x.mul(5);
        h.square().sum().add(unkept.sum()).backward(); // d/dh = 2h = 6x
        assertArrayEquals(new double[] {6, 12}, h.grad().data().toDoubleArray(), 1e-12);
        assertNull(unkept.grad());
        assertArrayEquals(new double[] {18 + 5, 36 + 5}, x.grad().data().toDoubleArray(), 1e-12);
    }
}
