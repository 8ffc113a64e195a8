package dev.lanewise.kernels.internal.vector;

import dev.lanewise.kernels.internal.OptimizerKernels;
import dev.lanewise.kernels.internal.ScalarOptimizerKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The optimiser updates on Vector API lanes, operation for operation the scalar reference's
 * ({@link ScalarOptimizerKernels}), which also finishes the last {@code length % lanes} elements.
 * Memory-bound: four (Adam) or three (SGD) arrays read and written once per element.
 */
final class VectorOptimizerKernels implements OptimizerKernels {

    static final VectorOptimizerKernels INSTANCE = new VectorOptimizerKernels();

    private static final VectorSpecies<Float> SPECIES = Species.FLOAT;
    private static final int LANES = SPECIES.length();

    private VectorOptimizerKernels() {}

    // snippet: adam-vector
    @Override
    public void adam(float[] param, int pOffset, float[] grad, int gOffset, float[] m, int mOffset, float[] v,
            int vOffset, int length, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
            float stepSize, float rootCorrection, float eps, float decayRate) {
        FloatVector epsilon = FloatVector.broadcast(SPECIES, eps);
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector g = FloatVector.fromArray(SPECIES, grad, gOffset + i);
            FloatVector p = FloatVector.fromArray(SPECIES, param, pOffset + i);
            FloatVector firstMoment = FloatVector.fromArray(SPECIES, m, mOffset + i)
                    .fma(g.broadcast(beta1), g.mul(oneMinusBeta1));
            FloatVector secondMoment = FloatVector.fromArray(SPECIES, v, vOffset + i)
                    .fma(g.broadcast(beta2), g.mul(g).mul(oneMinusBeta2));
            FloatVector denominator = secondMoment.lanewise(VectorOperators.SQRT)
                    .fma(g.broadcast(rootCorrection), epsilon);
            FloatVector decayed = p.fma(g.broadcast(-decayRate), p);
            firstMoment.div(denominator).fma(g.broadcast(-stepSize), decayed).intoArray(param, pOffset + i);
            firstMoment.intoArray(m, mOffset + i);
            secondMoment.intoArray(v, vOffset + i);
        }
        ScalarOptimizerKernels.adamFrom(i, param, pOffset, grad, gOffset, m, mOffset, v, vOffset, length, beta1,
                oneMinusBeta1, beta2, oneMinusBeta2, stepSize, rootCorrection, eps, decayRate);
    }
    // end-snippet

    @Override
    public void sgd(float[] param, int pOffset, float[] grad, int gOffset, float[] velocity, int vOffset, int length,
            float lr, float momentum, float weightDecay) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector p = FloatVector.fromArray(SPECIES, param, pOffset + i);
            FloatVector g = FloatVector.fromArray(SPECIES, grad, gOffset + i);
            FloatVector decayed = p.fma(g.broadcast(weightDecay), g);
            FloatVector step = FloatVector.fromArray(SPECIES, velocity, vOffset + i).fma(g.broadcast(momentum), decayed);
            step.fma(g.broadcast(-lr), p).intoArray(param, pOffset + i);
            step.intoArray(velocity, vOffset + i);
        }
        ScalarOptimizerKernels.sgdFrom(i, param, pOffset, grad, gOffset, velocity, vOffset, length, lr, momentum,
                weightDecay);
    }
}
