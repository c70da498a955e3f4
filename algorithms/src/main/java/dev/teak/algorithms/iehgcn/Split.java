package dev.teak.algorithms.iehgcn;

/**
 * Labels of the target type and one train/validation/test split of its nodes (indices into the
 * target type). Labels are 0-based classes; {@code -1} marks a node without a label.
 */
public record Split(int[] labels, int numClasses, int[] train, int[] val, int[] test) {
    public Split {
        for (int[] part : new int[][] {train, val, test}) {
            for (int i : part) {
                if (i < 0 || i >= labels.length) throw new IllegalArgumentException("Split: node " + i + " is outside the " + labels.length + " target nodes");
                if (labels[i] < 0 || labels[i] >= numClasses) {
                    throw new IllegalArgumentException("Split: node " + i + " has label " + labels[i] + ", not a class in [0, " + numClasses + ")");
                }
            }
        }
    }

    /** The labels of the given nodes. */
    public int[] labelsOf(int[] nodes) {
        int[] y = new int[nodes.length];
        for (int i = 0; i < nodes.length; i++) y[i] = labels[nodes[i]];
        return y;
    }
}
