#!/usr/bin/env bash
# Is JDK 25's sgemm mlpForward gap (main ÷ c1209bb about 0.89 on this AVX2 Zen 3) the code or where
# the arrays happen to lie? One fork per invocation, four alternating: A and B as they are (prefix
# alignd) and both with -XX:ObjectAlignmentInBytes=64 (prefix align64: every array's data then
# starts 16 bytes past a cache line, in both jars). Then `python3 summarize_alt.py alignd` and
# `python3 summarize_alt.py align64`.
set -u
cd "$(dirname "$0")"
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
A=/work/bench/s8/benchmarks-c1209bb.jar
B=/work/bench/s8/benchmarks-main-2d94430.jar
for fork in $(seq 1 ${FORKS:-10}); do
  for prefix in alignd align64; do
    FLAGS=$([ $prefix = align64 ] && echo "-XX:ObjectAlignmentInBytes=64" || echo "")
    for which in A B; do
      JAR=$([ $which = A ] && echo $A || echo $B)
      $J --add-modules jdk.incubator.vector -jar $JAR 'GemmBenchmark.sgemm_lanewise$' -p shape=mlpForward \
        -f 1 -wi 3 -w 1s -i 5 -r 1s -rf json -rff $prefix-25-$which-$fork.json -jvmArgsAppend "-Xss4m $FLAGS" > /dev/null 2>&1
    done
  done
  echo "fork $fork $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
done
echo "=== done $(date +%T)"
