package dev.teak.nn.spiking;

/** What a neuron's membrane does after a spike. */
public enum Reset {
    /** {@code U -= threshold}: the excess above threshold carries over (rate tracks the input exactly). */
    SUBTRACT,
    /** {@code U = 0}. */
    ZERO
}
