#!/usr/bin/env bash
# The fused exp-and-sum block at 512 bits (storeExpAndSumBlock4) with one exp per iteration and
# rotating accumulators (A, jar of d2eaff8) against one whole round (four exps) per iteration (B),
# alternating, JDK 17 and 25 at 512 bits, AVX-512 machine (AMD EPYC Zen 4, 2 cores).
set -u
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
J17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
A=${A:-/work/bench/s6/benchmarks-silu1.jar}
B=${B:-/work/bench/s6/benchmarks-unroll4.jar}
ROUNDS=${ROUNDS:-2}
for round in $(seq 1 $ROUNDS); do
  for jdk in 17 25; do
    J=$([ $jdk = 25 ] && echo $J25 || echo $J17)
    for which in A B; do
      JAR=$([ $which = A ] && echo $A || echo $B)
      echo "=== round $round JDK $jdk $which $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
      $J --add-modules jdk.incubator.vector -jar $JAR 'SoftmaxBenchmark.softmax_lanewise$' \
        -p rowsByCols=256x1000,4x32000,64x32000 -f 2 -wi 4 -w 1s -i 5 -r 1s -rf json -rff sm-$jdk-$which-$round.json \
        -jvmArgsAppend "-Xss4m" > sm-$jdk-$which-$round.txt 2>&1
    done
  done
done
echo "=== done $(date +%T)"
