#!/usr/bin/env bash
# One fork per invocation, A and B alternating fork by fork (against slow drifts of a shared
# machine): JDK 25 (JDK=17 for 17), sgemm mlpForward by default, AVX2 Zen 3. A = c1209bb, B = main.
# FLAGS adds JVM flags to both. Then `python3 summarize_alt.py PREFIX`.
set -u
cd "$(dirname "$0")"
JDK=${JDK:-25}
J=$([ $JDK = 25 ] && echo /usr/lib/jvm/temurin-25-jdk-amd64/bin/java || echo /usr/lib/jvm/java-17-openjdk-amd64/bin/java)
A=${A:-/work/bench/s8/benchmarks-c1209bb.jar}
B=${B:-/work/bench/s8/benchmarks-main-2d94430.jar}
PREFIX=${PREFIX:-alt}
for fork in $(seq 1 ${FORKS:-12}); do
  for which in A B; do
    JAR=$([ $which = A ] && echo $A || echo $B)
    $J --add-modules jdk.incubator.vector -jar $JAR "${BENCH:-GemmBenchmark.sgemm_lanewise$}" -p shape=${GEMM:-mlpForward} \
      -p size=${SIZES:-65536} -p rowsByCols=${SHAPES:-256x1000} \
      -f 1 -wi 3 -w 1s -i 5 -r 1s -rf json -rff $PREFIX-$JDK-$which-$fork.json -jvmArgsAppend "-Xss4m ${FLAGS:-}" > /dev/null 2>&1
  done
  echo "fork $fork $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
done
echo "=== done $(date +%T)"
