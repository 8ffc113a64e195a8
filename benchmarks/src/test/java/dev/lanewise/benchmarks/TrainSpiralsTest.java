package dev.lanewise.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The README's training example reaches its promised accuracy, and needs its hidden layer to. */
class TrainSpiralsTest {

    @Test
    void twoLayerNetworkFitsTheSpiralsToAtLeast95Percent() {
        TrainSpirals.Outcome outcome = TrainSpirals.train(false, true);
        assertTrue(outcome.trainingAccuracy() >= 0.95, "training accuracy " + outcome.trainingAccuracy());
        assertTrue(outcome.finalLoss() < 0.3f, "final loss " + outcome.finalLoss());
    }

    @Test
    void layerNormNetworkWithAdamFitsTheSpiralsToAtLeast95Percent() {
        TrainSpirals.Outcome outcome = TrainSpirals.trainWithLayerNorm(false);
        assertTrue(outcome.trainingAccuracy() >= 0.95, "training accuracy " + outcome.trainingAccuracy());
        assertTrue(outcome.finalLoss() < 0.3f, "final loss " + outcome.finalLoss());
    }

    @Test
    void aLinearClassifierCannotFitTheSpirals() {
        TrainSpirals.Outcome linear = TrainSpirals.train(false, false);
        assertTrue(linear.trainingAccuracy() < 0.75, "a linear classifier reached " + linear.trainingAccuracy());
    }
}
