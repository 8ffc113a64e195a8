#!/usr/bin/env bash
# A/B of two jars (or one jar under two flag sets), alternating, softmax on JDK 17 and 25 at 512 bits,
# AVX-512 machine (AMD EPYC Zen 4, 2 cores). PREFIX names the output files.
# SHAPES overrides the softmax shapes (rowsByCols). record/run-record.sh and run-unroll.sh are runs of this script.
set -u
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
J17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
A=${A:-/work/bench/s6/benchmarks-silu1.jar}
B=${B:-/work/bench/s6/benchmarks-unroll4.jar}
ROUNDS=${ROUNDS:-2}
PREFIX=${PREFIX:-ab}
FLAGS_A=${FLAGS_A:-}
FLAGS_B=${FLAGS_B:-}
for round in $(seq 1 $ROUNDS); do
  for jdk in 17 25; do
    J=$([ $jdk = 25 ] && echo $J25 || echo $J17)
    for which in A B; do
      JAR=$([ $which = A ] && echo $A || echo $B)
      echo "=== round $round JDK $jdk $which $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
      $J --add-modules jdk.incubator.vector -jar $JAR 'SoftmaxBenchmark.softmax_lanewise$' \
        -p rowsByCols=${SHAPES:-256x1000,4x32000,64x32000} -f 2 -wi 4 -w 1s -i 5 -r 1s -rf json -rff $PREFIX-$jdk-$which-$round.json \
        -jvmArgsAppend "-Xss4m $([ $which = A ] && echo "$FLAGS_A" || echo "$FLAGS_B")" > $PREFIX-$jdk-$which-$round.txt 2>&1
    done
  done
done
echo "=== done $(date +%T)"
