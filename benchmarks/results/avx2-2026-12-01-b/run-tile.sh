#!/usr/bin/env bash
# Ninth session, Zen 3 without AVX-512: is the 256-bit default tile (4 rows x 2 vectors, chosen on a
# Zen 4 with AVX-512 hidden) also the better of the two 16-register tiles on a real AVX2 CPU?
# One fork per JVM, 4x2 and 3x3 alternating (-Dlanewise.gemm.shape), sgemm 256^3, 512^3 and the MLP
# forward, both JDKs, the current kernels. Then, from this directory,
# `python3 ../avx2-2026-12-01/fiveline/summarize_alt.py tile 4x2 3x3` (summarize-tile.txt).
set -u
cd "$(dirname "$0")"
JAR=${JAR:-/work/bench/s9/benchmarks-main.jar}
for fork in $(seq 1 ${FORKS:-4}); do
  for jdk in 25 17; do
    J=$([ $jdk = 25 ] && echo /usr/lib/jvm/temurin-25-jdk-amd64/bin/java || echo /usr/lib/jvm/java-17-openjdk-amd64/bin/java)
    for tile in 4x2 3x3; do
      $J --add-modules jdk.incubator.vector -jar $JAR 'GemmBenchmark.sgemm_lanewise$' -p shape=256,512,mlpForward \
        -f 1 -wi 3 -w 1s -i 4 -r 1s -rf json -rff tile-$jdk-$tile-$fork.json \
        -jvmArgsAppend "-Dlanewise.gemm.shape=$tile" > /dev/null 2>&1
    done
  done
  echo "fork $fork $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
done
echo "=== done $(date +%T)"
