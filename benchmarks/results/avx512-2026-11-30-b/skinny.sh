#!/usr/bin/env bash
# Issue 11: the skinny shapes after the transposed-C path (commit after 0a7ac4f), lanewise vs OpenBLAS, both JDKs.
set -u
cd /work/main
for jdk in 25 17; do
  J=$([ $jdk = 25 ] && echo /usr/lib/jvm/temurin-25-jdk-amd64/bin/java || echo /usr/lib/jvm/java-17-openjdk-amd64/bin/java)
  echo "=== skinny JDK $jdk $(date +%T)"
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 $J --add-modules jdk.incubator.vector -jar /work/bench/final/benchmarks2.jar 'GemmBenchmark.sgemm_(lanewise|openblas)$' 'TrainingStepBenchmark.step_(lanewise|openblas)$' -p shape=mlpOutput,matVec,vecMat,mlpSmallForward -p network=100x784x50x10,256x784x512x10 -f 1 -wi 2 -w 1s -i 3 -r 1s -prof gc -rf json -rff /work/bench/final/skinny-$jdk.json > /work/bench/final/skinny-$jdk.txt 2>&1
done
echo "=== done $(date +%T)"
