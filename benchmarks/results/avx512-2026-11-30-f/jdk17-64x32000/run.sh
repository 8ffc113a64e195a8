#!/usr/bin/env bash
# perf profile of softmax 64x32000, JDK 17, 512 bits: base (c1209bb) vs new (54c16cc), the row passes kept out of line.
set -u
cd /work/bench/s5/perf
J17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
for v in base new; do
  jar=$([ $v = base ] && echo /work/bench/base/benchmarks-c1209bb.jar || echo /work/bench/s5/benchmarks-54c16cc.jar)
  K=dev.lanewise.kernels.internal.vector.VectorSoftmaxKernels
  perf record -F 499 -o perf-$v.data -- $J17 --add-modules jdk.incubator.vector -jar $jar 'SoftmaxBenchmark.softmax_lanewise$' -p rowsByCols=64x32000 -f 1 -wi 4 -w 1s -i 5 -r 1s \
    -jvmArgsAppend "-XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -XX:CompileCommand=quiet -XX:CompileCommand=dontinline,$K::max -XX:CompileCommand=dontinline,$K::scale -XX:CompileCommand=dontinline,$K::storeExpAndSum" > jmh-$v.txt 2>&1
  grep -E "^SoftmaxBenchmark" jmh-$v.txt
  perf report -i perf-$v.data --no-children --sort sym 2>/dev/null | grep -v "^#" | grep -v "^$" | head -15 > report-$v.txt
  cat report-$v.txt
done
