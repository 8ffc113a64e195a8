package dev.lanewise.benchmarks;

import dev.lanewise.kernels.Lanewise;
import dev.lanewise.layers.Adam;
import dev.lanewise.layers.Affine;
import dev.lanewise.layers.Layer;
import dev.lanewise.layers.LayerNorm;
import dev.lanewise.layers.Matrix;
import dev.lanewise.layers.Relu;
import dev.lanewise.layers.Sequential;
import dev.lanewise.layers.Sgd;
import dev.lanewise.layers.SoftmaxWithLoss;
import dev.lanewise.layers.Tanh;
import java.util.SplittableRandom;

/**
 * Trains the reference's two-layer network (Affine → Relu → Affine → SoftmaxWithLoss) with
 * mini-batch SGD on interleaved 2-D spirals, a data set no linear classifier separates: the hidden
 * layer is needed. Then trains the same data with the layers of today's networks (Affine →
 * LayerNorm → GELU → Affine → SoftmaxWithLoss, by Adam) and reports both accuracies side by side.
 * Everything is deterministic (fixed seeds). Prints loss and training accuracy per epoch and the
 * training time.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar dev.lanewise.benchmarks.TrainSpirals
 * java -Dlanewise.impl=scalar -cp benchmarks/target/benchmarks.jar dev.lanewise.benchmarks.TrainSpirals
 * </pre>
 */
public final class TrainSpirals {
    static final int CLASSES = 3;
    static final int POINTS_PER_CLASS = 200;
    static final int HIDDEN = 64;
    static final int BATCH = 30;
    static final int EPOCHS = 60;
    static final float LEARNING_RATE = 0.5f;
    /** Adam's step size for the second network. */
    static final float ADAM_LEARNING_RATE = 0.01f;

    private TrainSpirals() {}

    /** The outcome of a training run. */
    record Outcome(float finalLoss, double trainingAccuracy, long nanos) {}

    public static void main(String[] args) {
        System.out.println("lanewise " + Lanewise.describe());
        System.out.println("Affine -> ReLU -> Affine, SGD:");
        Outcome outcome = train(true, true);
        String activation = activation().getClass().getSimpleName();
        System.out.println("Affine -> LayerNorm -> " + activation + " -> Affine, Adam:");
        Outcome modern = trainWithLayerNorm(true);
        System.out.printf("ReLU, SGD:%s trained in %.0f ms: final loss %.4f, training accuracy %.1f%%%n",
                " ".repeat(activation.length() + 8), outcome.nanos() / 1e6, outcome.finalLoss(),
                outcome.trainingAccuracy() * 100);
        System.out.printf("LayerNorm, %s, Adam: trained in %.0f ms: final loss %.4f, training accuracy %.1f%%%n",
                activation, modern.nanos() / 1e6, modern.finalLoss(), modern.trainingAccuracy() * 100);
    }

    /** Spiral arms: point i of class c at radius r = i/n, angle 4c + 4r plus noise. */
    static Matrix spiralPoints(int[] labels) {
        SplittableRandom random = new SplittableRandom(7);
        int n = POINTS_PER_CLASS;
        Matrix points = new Matrix(CLASSES * n, 2);
        for (int c = 0; c < CLASSES; c++) {
            for (int i = 0; i < n; i++) {
                double radius = (double) i / (n - 1);
                double angle = c * 4.0 + radius * 4.0 + random.nextGaussian() * 0.2;
                int row = c * n + i;
                points.set(row, 0, (float) (radius * Math.sin(angle)));
                points.set(row, 1, (float) (radius * Math.cos(angle)));
                labels[row] = c;
            }
        }
        return points;
    }

    /**
     * Trains on the spirals; {@code withHiddenLayer} false trains a linear classifier (one Affine
     * layer) instead, to show that the data needs the hidden layer.
     */
    static Outcome train(boolean print, boolean withHiddenLayer) {
        int samples = CLASSES * POINTS_PER_CLASS;
        int[] labels = new int[samples];
        Matrix points = spiralPoints(labels);

        SplittableRandom random = new SplittableRandom(11);
        Affine hidden = new Affine(gaussian(random, 2, HIDDEN, Math.sqrt(2.0 / 2)), new float[HIDDEN]);
        Affine output = new Affine(gaussian(random, HIDDEN, CLASSES, Math.sqrt(2.0 / HIDDEN)), new float[CLASSES]);
        Sequential net = withHiddenLayer ? new Sequential(hidden, new Relu(), output)
                : new Sequential(new Affine(gaussian(random, 2, CLASSES, 1.0), new float[CLASSES]));
        Sgd sgd = new Sgd(LEARNING_RATE);
        return fit(net, () -> sgd.step(net), points, labels, random, print);
    }

    /**
     * Trains Affine → LayerNorm → GELU → Affine ({@link #activation()}) with Adam on the same
     * spirals, batches and epochs.
     */
    static Outcome trainWithLayerNorm(boolean print) {
        int samples = CLASSES * POINTS_PER_CLASS;
        int[] labels = new int[samples];
        Matrix points = spiralPoints(labels);
        SplittableRandom random = new SplittableRandom(11);
        Affine hidden = new Affine(gaussian(random, 2, HIDDEN, Math.sqrt(2.0 / 2)), new float[HIDDEN]);
        Affine output = new Affine(gaussian(random, HIDDEN, CLASSES, Math.sqrt(2.0 / HIDDEN)), new float[CLASSES]);
        Sequential net = new Sequential(hidden, new LayerNorm(HIDDEN), activation(), output);
        Adam adam = new Adam(ADAM_LEARNING_RATE);
        return fit(net, () -> adam.step(net), points, labels, random, print);
    }

    /** The second network's activation: GELU, as transformers' MLPs have it. */
    static Layer activation() {
        return new Tanh(); // TODO(gelu): new Gelu() once the GELU layer is merged
    }

    /** Mini-batch training of {@code net}, one {@code step} of its optimiser per batch. */
    private static Outcome fit(Sequential net, Runnable step, Matrix points, int[] labels, SplittableRandom random,
            boolean print) {
        int samples = labels.length;
        SoftmaxWithLoss head = new SoftmaxWithLoss();
        // Mini-batches are copied into fixed buffers, so the layers reuse theirs every step.
        Matrix batch = new Matrix(BATCH, 2);
        int[] batchLabels = new int[BATCH];
        int[] order = new int[samples];
        for (int i = 0; i < samples; i++) {
            order[i] = i;
        }
        SoftmaxWithLoss evaluation = new SoftmaxWithLoss();
        float loss = Float.NaN;
        double accuracy = 0;
        long start = System.nanoTime();
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            shuffle(order, random);
            for (int first = 0; first + BATCH <= samples; first += BATCH) {
                for (int b = 0; b < BATCH; b++) {
                    int row = order[first + b];
                    batch.set(b, 0, points.get(row, 0));
                    batch.set(b, 1, points.get(row, 1));
                    batchLabels[b] = labels[row];
                }
                head.forward(net.forward(batch), batchLabels);
                net.backward(head.backward());
                step.run();
            }
            Matrix logits = net.forward(points);
            loss = evaluation.forward(logits, labels);
            accuracy = accuracy(logits, labels);
            if (print) {
                System.out.printf("epoch %3d  loss %.4f  training accuracy %5.1f%%%n", epoch, loss, accuracy * 100);
            }
        }
        return new Outcome(loss, accuracy, System.nanoTime() - start);
    }

    static double accuracy(Matrix logits, int[] labels) {
        int correct = 0;
        for (int r = 0; r < logits.rows(); r++) {
            int best = 0;
            for (int c = 1; c < logits.cols(); c++) {
                if (logits.get(r, c) > logits.get(r, best)) {
                    best = c;
                }
            }
            correct += best == labels[r] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }

    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private static Matrix gaussian(SplittableRandom random, int rows, int cols, double scale) {
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < m.data().length; i++) {
            m.data()[i] = (float) (random.nextGaussian() * scale);
        }
        return m;
    }
}
