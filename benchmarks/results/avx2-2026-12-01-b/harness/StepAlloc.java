// Ninth session (Zen 3, AVX2, both JDKs). Build the benchmark jar (benchmarks/target/benchmarks.jar), then:
//   javac -cp benchmarks.jar -d . StepAlloc.java
//   java --add-modules jdk.incubator.vector -cp benchmarks.jar:. StepAlloc 256x784x512x10 80
import dev.lanewise.benchmarks.TrainingStepBenchmark;
import java.lang.management.ManagementFactory;

/** Bytes allocated by the benchmark thread per layer-API training step, after warm-up. */
public class StepAlloc {
    public static void main(String[] args) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        TrainingStepBenchmark b = new TrainingStepBenchmark();
        b.network = args.length > 0 ? args[0] : "256x784x512x10";
        b.setUp();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        for (int r = 0; r < rounds; r++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            int calls = 100;
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) b.step_lanewise();
            long t1 = System.nanoTime();
            System.out.printf("round %d: %.1f B/step, %.2f ms/step%n", r,
                    (double) (threads.getCurrentThreadAllocatedBytes() - before) / calls, (t1 - t0) / 1e6 / calls);
        }
    }
}
