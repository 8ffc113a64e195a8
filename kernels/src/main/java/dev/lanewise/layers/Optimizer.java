package dev.lanewise.layers;

import java.util.List;

/** The optimisers' shared check, so that a bad parameter list fails before any parameter moves. */
final class Optimizer {
    private Optimizer() {}

    /**
     * Every parameter's gradient must be an array of its own: the update kernels refuse a
     * gradient that shares elements with the values, and this finds it before the first update.
     */
    static void requireDistinctArrays(List<Parameter> parameters, String optimizer) {
        for (int i = 0; i < parameters.size(); i++) {
            Parameter parameter = parameters.get(i);
            if (parameter.values() == parameter.gradient() && parameter.values().length > 0) {
                throw new IllegalArgumentException(optimizer + ".step: parameter " + parameter.name()
                        + " has its value array as its gradient");
            }
        }
    }
}
