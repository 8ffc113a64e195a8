#!/usr/bin/env bash
# Issue 11 on the AVX2 path: this AVX-512 machine with -XX:UseAVX=2 for lanewise (256-bit species,
# 16 registers) and OPENBLAS_CORETYPE=Haswell for OpenBLAS (its AVX2 kernel), one thread, both JDKs.
set -u
for jdk in 25 17; do
  J=$([ $jdk = 25 ] && echo /usr/lib/jvm/temurin-25-jdk-amd64/bin/java || echo /usr/lib/jvm/java-17-openjdk-amd64/bin/java)
  echo "=== avx2 gemm JDK $jdk $(date +%T)"
  env -u OPENBLAS_L2_SIZE OPENBLAS_CORETYPE=Haswell OPENBLAS_NUM_THREADS=1 $J --add-modules jdk.incubator.vector -XX:UseAVX=2 \
    -jar /work/bench/final/benchmarks3.jar 'GemmBenchmark.sgemm_(lanewise|openblas)$' 'CalibrationBenchmark.fmaPeak$' \
    -p shape=128,256,512,1024,mlpForward,mlpSmallForward,mlpOutput,matVec -f 1 -wi 2 -w 1s -i 3 -r 1s \
    -jvmArgsAppend "--add-modules=jdk.incubator.vector -XX:UseAVX=2" -rf json -rff /work/bench/final/avx2-gemm-$jdk.json > /work/bench/final/avx2-gemm-$jdk.txt 2>&1
done
echo "=== done $(date +%T)"
