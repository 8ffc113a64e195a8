#!/usr/bin/env bash
# SiLU against sigmoid on JDK 17 with AVX2 (-XX:UseAVX=2 on the AVX-512 machine, AMD EPYC Zen 4,
# 2 cores; 256-bit species). JAR defaults to the jar of 9000da8 (the code of 9c0c6d8).
set -u
J17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
JAR=${JAR:-/work/bench/s5/benchmarks-9000da8.jar}
TAG=${TAG:-base}
FLAGS=${FLAGS:-}
echo "=== $TAG $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
$J17 --add-modules jdk.incubator.vector -jar $JAR 'ActivationsBenchmark.(sigmoid|silu)_lanewise$' \
  -p size=4096,65536 -f 3 -wi 3 -w 1s -i 4 -r 1s -rf json -rff silu-$TAG.json \
  -jvmArgsAppend "-XX:UseAVX=2 $FLAGS" > silu-$TAG.txt 2>&1
grep -E '^Activations' silu-$TAG.txt
