package dev.lanewise.layers;

/** The layers' shared checks, so every shape message reads the same way. */
final class Shapes {
    private Shapes() {}

    static void requireShape(String what, Matrix actual, int rows, int cols, String expectedName) {
        if (actual == null) {
            throw new NullPointerException(what + " is null");
        }
        if (!actual.hasShape(rows, cols)) {
            throw new IllegalArgumentException(
                    what + " is " + actual.shape() + " but " + expectedName + " is " + rows + "×" + cols);
        }
    }

    static void requireForward(boolean forwardDone, String layer) {
        if (!forwardDone) {
            throw new IllegalStateException(layer + ".backward called before forward");
        }
    }
}
