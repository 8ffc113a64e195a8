package dev.lanewise.layers;

/** The layers' shared checks, so every shape message reads the same way. */
final class Shapes {
    private Shapes() {}

    /** {@code what} names the argument with its method, such as "Relu.forward: x". */
    static <T> T requireNonNull(T argument, String what) {
        if (argument == null) {
            throw new NullPointerException(what + " is null");
        }
        return argument;
    }

    static void requireShape(String what, Matrix actual, int rows, int cols, String expectedName) {
        requireNonNull(actual, what);
        if (!actual.hasShape(rows, cols)) {
            throw new IllegalArgumentException(
                    what + " is " + actual.shape() + " but " + expectedName + " is " + rows + "×" + cols);
        }
    }

    /**
     * The one idiom for "forward ran": each layer passes {@code output != null} (for
     * SoftmaxWithLoss, its probabilities), a field set only at the end of a successful forward.
     */
    static void requireForward(boolean forwardDone, String layer) {
        if (!forwardDone) {
            throw new IllegalStateException(layer + ".backward called before forward");
        }
    }
}
