#!/usr/bin/env bash
# SiLU ÷ sigmoid on JDK 17 with AVX2 (-XX:UseAVX=2, AVX-512 machine, AMD EPYC Zen 4, 2 cores), the
# configuration that missed 0.8: 5 forks, jar of e383778.
set -u
J17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
JAR=${JAR:-/work/bench/s6/benchmarks-e383778.jar}
echo "=== $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
$J17 --add-modules jdk.incubator.vector -jar $JAR 'ActivationsBenchmark.(sigmoid|silu)_lanewise$' \
  -p size=4096,65536 -f 5 -wi 3 -w 1s -i 4 -r 1s -rf json -rff confirm-17avx2.json \
  -jvmArgsAppend "-XX:UseAVX=2" > confirm-17avx2.txt 2>&1
grep -E '^Activations' confirm-17avx2.txt
