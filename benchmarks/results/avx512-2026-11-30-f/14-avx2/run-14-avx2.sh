#!/usr/bin/env bash
# Issue 14's targets with AVX2 (-XX:UseAVX=2 on the AVX-512 machine, AMD EPYC Zen 4, 2 cores; 256-bit
# species), both JDKs, jar of 9000da8: every new activation against its plain loop and tanh and SiLU
# against sigmoid (65536 elements), layer norm against softmax on the same shape, Adam against the
# copy roof at 16M. The same benchmarks as results/avx512-2026-11-30-b/run.sh, at 256 bits.
set -u
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
J17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
JAR=${JAR:-/work/bench/s5/benchmarks-9000da8.jar}
OPTS="-wi 2 -w 1s -i 3 -r 1s -prof gc -rf json -jvmArgsAppend -XX:UseAVX=2"
ACT='ActivationsBenchmark.(sigmoid|tanh|tanhBackward|silu|siluBackward|gelu|geluBackward|geluTanh|geluTanhBackward|leakyRelu|leakyReluBackward)_(lanewise|plainLoop)$'
NORM='NormalizationBenchmark.(layerNorm|layerNormBackward|rmsNorm|rmsNormBackward)_(lanewise|plainLoop|softmaxSameShape)$'
OPT='(OptimizersBenchmark.(adam|sgd)_(lanewise|plainLoop)|CalibrationBenchmark.copy)$'
for jdk in 25 17; do
  J=$([ $jdk = 25 ] && echo $J25 || echo $J17)
  echo "=== issue 14 avx2, JDK $jdk $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
  $J --add-modules jdk.incubator.vector -jar $JAR "$ACT" -p size=65536 -f 2 $OPTS -rff act-$jdk.json > act-$jdk.txt 2>&1
  $J --add-modules jdk.incubator.vector -jar $JAR "$NORM" -p rowsByCols=256x768,64x4096 -f 1 $OPTS -rff norm-$jdk.json > norm-$jdk.txt 2>&1
  $J --add-modules jdk.incubator.vector -jar $JAR "$OPT" -p size=16777216 -f 1 $OPTS -rff opt-$jdk.json > opt-$jdk.txt 2>&1
done
echo "=== done $(date +%T)"
