#!/usr/bin/env bash
# Ninth session, 2026-12-01: the current kernels (main's kernels = 2d94430, the same jar byte for byte)
# on a real AVX2 CPU (AMD EPYC Zen 3, family 25 model 1, 2 cores, no AVX-512), both JDKs.
# Part 1: issue 14's kernels against their plain loops, sigmoid, softmax and the copy roof, the same
#         selection and settings as ../avx512-2026-11-30-b/run.sh (so the two machines compare);
#         `python3 targets14.py 25 17` here prints the tables.
# Part 2: the README's headline kernels and their peers through `benchmarks/run full` (2 forks x 5 x 1 s
#         after 3 x 1 s, -prof gc; the report with roofs; OpenBLAS 0.3.31 on the core it picks here);
#         the report's JSON and markdown are copied to report/.
set -u
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
J17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
JAR=${JAR:-/work/bench/s9/benchmarks-main.jar}
OPTS="-f 1 -wi 2 -w 1s -i 3 -r 1s -prof gc -rf json"
ACT='ActivationsBenchmark.(sigmoid|tanh|tanhBackward|silu|siluBackward|gelu|geluBackward|geluTanh|geluTanhBackward|leakyRelu|leakyReluBackward)_(lanewise|plainLoop)$'
NORM='NormalizationBenchmark.(layerNorm|layerNormBackward|rmsNorm|rmsNormBackward)_(lanewise|plainLoop|softmaxSameShape)$'
OPT='(OptimizersBenchmark.(adam|sgd)_(lanewise|plainLoop)|CalibrationBenchmark.copy)$'
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
for jdk in 25 17; do
  J=$([ $jdk = 25 ] && echo $J25 || echo $J17)
  echo "=== issue 14, JDK $jdk $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
  $J --add-modules jdk.incubator.vector -jar $JAR "$ACT" -p size=65536 $OPTS -rff act-$jdk.json > act-$jdk.txt 2>&1
  $J --add-modules jdk.incubator.vector -jar $JAR "$NORM" -p rowsByCols=256x768,64x4096 $OPTS -rff norm-$jdk.json > norm-$jdk.txt 2>&1
  $J --add-modules jdk.incubator.vector -jar $JAR "$OPT" -p size=16777216 $OPTS -rff opt-$jdk.json > opt-$jdk.txt 2>&1
done
echo "=== headline kernels (benchmarks/run, both JDKs) $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
cd "$here/../../.."
benchmarks/run full --jdks all 'sgemm_(lanewise|openblas)$' 'sgemmParallel_(lanewise|openblas)$' \
  'step_(lanewise|openblas|scalarReference)$' 'softmax_(lanewise|plainLoop)$' 'crossEntropyForwardBackward_(lanewise|plainLoop)$' \
  'relu_(lanewise|plainLoop|scalarReference)$' 'reluWithMask_lanewise$' 'sigmoid_(lanewise|plainLoop|libraryExpLoop)$' \
  > "$here/suite-run.log" 2>&1
mkdir -p "$here/report"
cp benchmarks/target/report/*.json benchmarks/target/report/*.md "$here/report/" 2>/dev/null
echo "=== done $(date +%T)"
