#!/usr/bin/env bash
# Issue 10's 5% line on a real AVX2 machine (AMD EPYC Zen 3, family 25 model 1, 2 cores, no avx512f;
# 256-bit species): softmax, sigmoid and sgemm of the pre-issue-10 code (A, c1209bb) against main
# (B), alternating, JDK 17 and 25. Then `python3 summarize_avx2.py PREFIX` here.
set -u
cd "$(dirname "$0")"
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
J17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
A=${A:-/work/bench/s8/benchmarks-c1209bb.jar}
B=${B:-/work/bench/s8/benchmarks-main-2d94430.jar}
ROUNDS=${ROUNDS:-3}
PREFIX=${PREFIX:-five}
BENCH=${BENCH:-'SoftmaxBenchmark.softmax_lanewise$|ActivationsBenchmark.sigmoid_lanewise$|GemmBenchmark.sgemm_lanewise$'}
for round in $(seq 1 $ROUNDS); do
  for jdk in 17 25; do
    J=$([ $jdk = 25 ] && echo $J25 || echo $J17)
    for which in A B; do
      JAR=$([ $which = A ] && echo $A || echo $B)
      echo "=== round $round JDK $jdk $which $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
      $J --add-modules jdk.incubator.vector -jar $JAR "$BENCH" \
        -p rowsByCols=${SHAPES:-256x10,256x1000,4x32000,64x32000} -p size=${SIZES:-4096,65536} \
        -p shape=${GEMM:-256,512,mlpForward} \
        -f 2 -wi 3 -w 1s -i 4 -r 1s -rf json -rff $PREFIX-$jdk-$which-$round.json \
        -jvmArgsAppend "-Xss4m" > $PREFIX-$jdk-$which-$round.txt 2>&1
    done
  done
done
echo "=== done $(date +%T)"
