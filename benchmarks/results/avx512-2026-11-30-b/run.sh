#!/usr/bin/env bash
# Issue 14 (new kernels vs the plain loops, vs sigmoid and softmax, Adam vs the copy roof) and
# issue 11 (sgemm vs OpenBLAS 0.3.31 on every shape, 2 threads, the training step), on both JDKs.
# AVX-512 machine (AMD EPYC Zen 4, 2 cores), main at 0a7ac4f.
# As recorded it ran with the defaults below. Another machine's run of the same issue-14 selection sets
# JAR and OUT (where the JSON goes) and ISSUE14_ONLY=1 (stop before issue 11), as
# ../avx2-2026-12-01-b/run-suite.sh does.
set -u
J25=${J25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
J17=${J17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
JAR=${JAR:-/work/bench/final/benchmarks.jar}
OUT=${OUT:-/work/bench/final}
OPTS="-f 1 -wi 2 -w 1s -i 3 -r 1s -prof gc -rf json"
ACT='ActivationsBenchmark.(sigmoid|tanh|tanhBackward|silu|siluBackward|gelu|geluBackward|geluTanh|geluTanhBackward|leakyRelu|leakyReluBackward)_(lanewise|plainLoop)$'
NORM='NormalizationBenchmark.(layerNorm|layerNormBackward|rmsNorm|rmsNormBackward)_(lanewise|plainLoop|softmaxSameShape)$'
OPT='(OptimizersBenchmark.(adam|sgd)_(lanewise|plainLoop)|CalibrationBenchmark.copy)$'
cd "$OUT"
for jdk in 25 17; do
  J=$([ $jdk = 25 ] && echo $J25 || echo $J17)
  echo "=== issue 14, JDK $jdk $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
  $J --add-modules jdk.incubator.vector -jar $JAR "$ACT" -p size=65536 $OPTS -rff act-$jdk.json > act-$jdk.txt 2>&1
  $J --add-modules jdk.incubator.vector -jar $JAR "$NORM" -p rowsByCols=256x768,64x4096 $OPTS -rff norm-$jdk.json > norm-$jdk.txt 2>&1
  $J --add-modules jdk.incubator.vector -jar $JAR "$OPT" -p size=16777216 $OPTS -rff opt-$jdk.json > opt-$jdk.txt 2>&1
done
[ -n "${ISSUE14_ONLY:-}" ] && exit 0
echo "=== issue 11 (benchmarks/run, both JDKs) $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
cd /work/main && benchmarks/run quick --jdks all 'sgemm_(lanewise|openblas)$' 'sgemmParallel_(lanewise|openblas)$' 'step_(lanewise|openblas)$' -- -f 1 -wi 2 -w 1s -i 3 -r 1s > /work/bench/final/gemm-run.log 2>&1
cp -r /work/main/benchmarks/target/report /work/bench/final/report
echo "=== done $(date +%T)"
