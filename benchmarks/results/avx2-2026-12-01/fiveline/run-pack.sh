#!/usr/bin/env bash
# sgemm on JDK 25 (JDK=17 for JDK 17), AVX2 Zen 3: A = c1209bb, B = main (packB by System.arraycopy of
# NR floats per k step), C = main with packB by a plain element loop; alternating, ROUNDS rounds.
# Then `python3 summarize_avx2.py pack` (B/A) and `python3 summarize_avx2.py pack C` (C/A, C/B).
set -u
cd "$(dirname "$0")"
JDK=${JDK:-25}
J=$([ $JDK = 25 ] && echo /usr/lib/jvm/temurin-25-jdk-amd64/bin/java || echo /usr/lib/jvm/java-17-openjdk-amd64/bin/java)
declare -A JARS=([A]=/work/bench/s8/benchmarks-c1209bb.jar [B]=/work/bench/s8/benchmarks-main-2d94430.jar
  [C]=${C:-/work/bench/s8/benchmarks-packloop.jar})
ROUNDS=${ROUNDS:-2}
PREFIX=${PREFIX:-pack}
for round in $(seq 1 $ROUNDS); do
  for which in A B C; do
    echo "=== round $round JDK $JDK $which $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    $J --add-modules jdk.incubator.vector -jar ${JARS[$which]} 'GemmBenchmark.sgemm_lanewise$' \
      -p shape=${GEMM:-mlpForward,512,256} -f ${FORKS:-3} -wi 3 -w 1s -i 4 -r 1s \
      -rf json -rff $PREFIX-$JDK-$which-$round.json -jvmArgsAppend "-Xss4m" > $PREFIX-$JDK-$which-$round.txt 2>&1
  done
done
echo "=== done $(date +%T)"
