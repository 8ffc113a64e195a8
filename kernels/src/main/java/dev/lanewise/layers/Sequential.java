package dev.lanewise.layers;

import java.util.ArrayList;
import java.util.List;

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
 */
public final class Sequential implements Layer, Trainable {
    private final List<Layer> layers;
    private final List<Parameter> parameters;

    /**
     * The layers, applied in the given order.
     *
     * @param layers at least one layer
     * @throws IllegalArgumentException if there is none
     */
    public Sequential(Layer... layers) {
        if (layers.length == 0) {
            throw new IllegalArgumentException("a Sequential needs at least one layer");
        }
        this.layers = List.of(layers);
        List<Parameter> all = new ArrayList<>();
        for (Layer layer : layers) {
            if (layer instanceof Trainable) {
                all.addAll(((Trainable) layer).parameters());
            }
        }
        this.parameters = List.copyOf(all);
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
        Matrix activation = x;
        for (int i = 0; i < layers.size(); i++) {
            activation = layers.get(i).forward(activation);
        }
        return activation;
    }

    @Override
    public Matrix backward(Matrix dout) {
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
