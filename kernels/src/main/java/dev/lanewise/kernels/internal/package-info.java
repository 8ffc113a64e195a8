/**
 * Internal API: the kernel-family interfaces and their scalar twins, {@link
 * dev.lanewise.kernels.internal.KernelProvider} (one implementation of every family),
 * {@link dev.lanewise.kernels.internal.Kernels} (which provider the public classes call, chosen
 * once) and {@link dev.lanewise.kernels.internal.Config} (every {@code lanewise.*} property).
 *
 * <p>Not exported by the module, so nothing here is part of lanewise's API, and any of it may
 * change in any release. Its public members are public for three callers only: the public
 * classes of {@code dev.lanewise.kernels}, this module's tests, and the benchmarks, which run from
 * a shaded jar on the class path (where module-info is ignored). A qualified export cannot name
 * the benchmarks, as they are not a named module; class-path access is the route, and the
 * benchmarks reach the implementations only through {@code Kernels.scalar()},
 * {@code Kernels.vector()} and {@code Kernels.get()}.
 */
package dev.lanewise.kernels.internal;
