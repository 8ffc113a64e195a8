package dev.lanewise.layers;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Layers applied in order: forward runs them first to last, backward last to first. Its
 * parameters are those of every {@link Trainable} layer, in order. Not thread-safe.
 *
 * <pre>{@code
 * Sequential net = new Sequential(new Affine(w1, b1), new Relu(), new Affine(w2, b2));
 * SoftmaxWithLoss head = new SoftmaxWithLoss();
 * Sgd sgd = new Sgd(0.1f);
 * float loss = head.forward(net.forward(x), labels);
 * net.backward(head.backward());
 * sgd.step(net);
 * }</pre>
 *
 * <p>Each layer instance may appear only once, also inside nested Sequentials: a layer keeps the
 * state of one forward for its backward, and its output buffer would be its own next input. The
 * constructor refuses a repeated instance; to apply the same weights twice (tied weights), use two
 * {@link Affine} layers over one weight matrix. The layers must not be used elsewhere between this
 * network's forward and backward.
 *
 * <p>If a layer's forward throws, the layers before it have already run on the new batch while
 * the rest still hold the previous one, so {@link #backward} throws IllegalStateException until
 * the next forward succeeds.
 */
public final class Sequential implements Layer, Trainable {
    private final List<Layer> layers;
    private final List<Parameter> parameters;
    /** False until a forward has gone through every layer, and again while one is under way or failed. */
    private boolean forwardComplete;

    /**
     * The layers, applied in the given order.
     *
     * @param layers at least one layer, each instance once (nested Sequentials included)
     * @throws NullPointerException if the array or a layer is null
     * @throws IllegalArgumentException if there is no layer, or an instance appears twice (the
     *     message names both places)
     */
    public Sequential(Layer... layers) {
        Shapes.requireNonNull(layers, "layers");
        if (layers.length == 0) {
            throw new IllegalArgumentException("a Sequential needs at least one layer");
        }
        for (int i = 0; i < layers.length; i++) {
            Shapes.requireNonNull(layers[i], "layers[" + i + "]");
        }
        requireEachInstanceOnce(layers, "layers", new IdentityHashMap<>());
        this.layers = List.of(layers);
        List<Parameter> all = new ArrayList<>();
        for (Layer layer : layers) {
            if (layer instanceof Trainable) {
                all.addAll(((Trainable) layer).parameters());
            }
        }
        this.parameters = List.copyOf(all);
    }

    /** Records where each instance stands, recursing into nested Sequentials, and refuses a repeat. */
    private static void requireEachInstanceOnce(Layer[] layers, String path, Map<Layer, String> seen) {
        for (int i = 0; i < layers.length; i++) {
            String place = path + "[" + i + "]";
            String earlier = seen.putIfAbsent(layers[i], place);
            if (earlier != null) {
                throw new IllegalArgumentException(place + " is the same " + layers[i].getClass().getSimpleName()
                        + " instance as " + earlier + ": a layer keeps one forward's state for its backward, so an"
                        + " instance may appear only once (use two layers; two Affines may share a weight matrix)");
            }
            if (layers[i] instanceof Sequential) {
                requireEachInstanceOnce(((Sequential) layers[i]).layers.toArray(new Layer[0]),
                        place + ".layers()", seen);
            }
        }
    }

    /**
     * The layers, in order.
     *
     * @return an unmodifiable list of the layers
     */
    public List<Layer> layers() {
        return layers;
    }

    @Override
    public Matrix forward(Matrix x) {
        Shapes.requireNonNull(x, "Sequential.forward: x");
        forwardComplete = false; // stays false if a layer throws: backward would mix two batches
        Matrix activation = x;
        for (int i = 0; i < layers.size(); i++) {
            activation = layers.get(i).forward(activation);
        }
        forwardComplete = true;
        return activation;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException also when the last forward threw (until a forward succeeds)
     */
    @Override
    public Matrix backward(Matrix dout) {
        if (!forwardComplete) {
            throw new IllegalStateException("Sequential.backward called before a forward that went through every"
                    + " layer (none yet, or the last one threw)");
        }
        Shapes.requireNonNull(dout, "Sequential.backward: dout");
        Matrix gradient = dout;
        for (int i = layers.size() - 1; i >= 0; i--) {
            gradient = layers.get(i).backward(gradient);
        }
        return gradient;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }
}
