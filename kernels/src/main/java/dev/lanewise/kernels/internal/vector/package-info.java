/**
 * Internal API: the Vector API kernels, loaded by reflection from {@code internal.Kernels} only
 * when chosen, so that nothing links {@code jdk.incubator.vector} otherwise. {@code Species} owns
 * the species, {@code VectorStrategies} the per-JDK choices, {@code gemm} holds sgemm.
 *
 * <p>Not exported by the module. Public here, besides {@code VectorKernelProvider.create()} and
 * {@code Species} (read by the {@code gemm} package), are only the pieces the porting guide's
 * benchmark ({@code PortingPatternsBenchmark}, on the class path) measures on their own:
 * {@code VectorExp.polynomialExpNonPositive} and {@code VectorActivationKernels.reluWordByToLong}
 * / {@code reluWordByReduction}. They stay where the kernels use them rather than behind a
 * forwarding method, which would add a call taking and returning vectors (pitfall 12 in
 * docs/porting-guide.md).
 */
package dev.lanewise.kernels.internal.vector;
