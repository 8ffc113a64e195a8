#!/usr/bin/env bash
# The four cases of run-avx2-ab.sh's first run that fell below 0.95 in a round, again with 5 forks:
# JDK 17 sigmoid 65536, softmax 256x1000 and sgemm mlpForward; JDK 25 sgemm mlpForward. A = c1209bb,
# B = main, alternating; same machine (AVX2 Zen 3). Then `python3 summarize_avx2.py focus` here.
set -u
cd "$(dirname "$0")"
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
J17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
A=${A:-/work/bench/s8/benchmarks-c1209bb.jar}
B=${B:-/work/bench/s8/benchmarks-main-2d94430.jar}
ROUNDS=${ROUNDS:-3}
PREFIX=${PREFIX:-focus}
for round in $(seq 1 $ROUNDS); do
  for jdk in 17 25; do
    J=$([ $jdk = 25 ] && echo $J25 || echo $J17)
    BENCH=$([ $jdk = 25 ] && echo 'GemmBenchmark.sgemm_lanewise$' \
      || echo 'SoftmaxBenchmark.softmax_lanewise$|ActivationsBenchmark.sigmoid_lanewise$|GemmBenchmark.sgemm_lanewise$')
    for which in A B; do
      JAR=$([ $which = A ] && echo $A || echo $B)
      echo "=== round $round JDK $jdk $which $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
      $J --add-modules jdk.incubator.vector -jar $JAR "$BENCH" \
        -p rowsByCols=256x1000 -p size=65536 -p shape=mlpForward \
        -f 5 -wi 3 -w 1s -i 4 -r 1s -rf json -rff $PREFIX-$jdk-$which-$round.json \
        -jvmArgsAppend "-Xss4m" > $PREFIX-$jdk-$which-$round.txt 2>&1
    done
  done
done
echo "=== done $(date +%T)"
