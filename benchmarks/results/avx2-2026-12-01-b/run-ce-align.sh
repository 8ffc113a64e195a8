#!/usr/bin/env bash
# Issue 10, ninth session (AVX2 Zen 3, no AVX-512): settle JDK 17 cross-entropy fwd+bwd 64x32000, whose
# two rounds in the eighth session gave B/A 0.94 and 1.08. One fork per JVM; per fork four runs in turn:
# A and B with the arrays where the JVM puts them (prefix ceplaced) and both with
# -XX:ObjectAlignmentInBytes=64 (prefix cealign64). A = c1209bb (before issue 10), B = main's kernels
# (2d94430; later commits touch only docs and results). Then
# `python3 ../avx2-2026-12-01/fiveline/summarize_alt.py ceplaced` (and cealign64), run from this directory.
set -u
cd "$(dirname "$0")"
JDK=${JDK:-17}
J=$([ $JDK = 25 ] && echo /usr/lib/jvm/temurin-25-jdk-amd64/bin/java || echo /usr/lib/jvm/java-17-openjdk-amd64/bin/java)
A=${A:-/work/bench/s8/benchmarks-c1209bb.jar}
B=${B:-/work/bench/s8/benchmarks-main-2d94430.jar}
for fork in $(seq 1 ${FORKS:-10}); do
  for prefix in ceplaced cealign64; do
    FLAGS=$([ $prefix = cealign64 ] && echo "-XX:ObjectAlignmentInBytes=64" || echo "")
    for which in A B; do
      JAR=$([ $which = A ] && echo $A || echo $B)
      $J --add-modules jdk.incubator.vector -jar $JAR 'SoftmaxBenchmark.crossEntropyForwardBackward_lanewise$' \
        -p rowsByCols=${SHAPES:-64x32000} -f 1 -wi 3 -w 1s -i 5 -r 1s -rf json -rff $prefix-$JDK-$which-$fork.json \
        -jvmArgsAppend "-Xss4m $FLAGS" > /dev/null 2>&1
    done
  done
  echo "fork $fork $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
done
echo "=== done $(date +%T)"
