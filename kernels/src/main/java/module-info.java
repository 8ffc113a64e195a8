/**
 * SIMD kernels for neural-network building blocks on the JDK Vector API, with scalar twins, and a
 * thin layer API on top.
 *
 * <p>Start the JVM with {@code --add-modules jdk.incubator.vector} for the Vector API kernels;
 * without it every kernel runs on its scalar reference and a WARNING says so, once.
 */
module dev.lanewise.kernels {
    // Optional: read only by the reflectively loaded internal.vector package, after a check that the
    // module is in the boot layer. The application adds it with --add-modules jdk.incubator.vector.
    requires static jdk.incubator.vector;
    // Optional: HotSpotFlags reads VM flags (C2 on? the CPU features) through the HotSpot diagnostic
    // MXBean, by reflection, which needs no readability. A full JDK resolves jdk.management anyway
    // (service binding); a jlink image without it runs too, skipping those checks ("unknown" features).
    requires static jdk.management;

    exports dev.lanewise.kernels;
    exports dev.lanewise.layers;
    // The internal packages stay unexported. The benchmarks and this module's tests reach them on
    // the class path, where module-info is ignored; a qualified export to a benchmarks module would
    // name a module that does not exist (the benchmarks run from a shaded jar).
}
