#!/usr/bin/env bash
# Issue 10: cost of the fixed-order sums and the boxing fixes, before (c1209bb) vs after (HEAD), one JDK at a time.
set -u
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
J17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
OPTS="-f 2 -wi 3 -w 1s -i 4 -r 1s -prof gc -rf json"
SEL='(SoftmaxBenchmark.softmax_lanewise|SoftmaxBenchmark.crossEntropyForwardBackward_lanewise|ActivationsBenchmark.sigmoid_lanewise|GemmBenchmark.sgemm_lanewise)$'
PARAMS="-p rowsByCols=256x10,256x1000,64x32000 -p size=4096,65536 -p shape=256,512,mlpForward"
for jdk in 25 17; do
  J=$([ $jdk = 25 ] && echo $J25 || echo $J17)
  for version in base new; do
    jar=$([ $version = base ] && echo /work/wtbase/benchmarks/target/benchmarks.jar || echo /work/bench/benchmarks-new.jar)
    echo "=== $version JDK $jdk $(date +%T)"
    $J --add-modules jdk.incubator.vector -jar $jar "$SEL" $PARAMS $OPTS -rff /work/bench/$version-$jdk.json > /work/bench/$version-$jdk.txt 2>&1
    grep -E "^(Softmax|Activations|Gemm)Benchmark.*(thrpt|avgt)|gc.alloc.rate.norm" /work/bench/$version-$jdk.txt | grep -v "±.*gc\." | head -40
  done
done
