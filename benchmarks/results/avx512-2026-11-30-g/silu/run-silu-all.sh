#!/usr/bin/env bash
# SiLU (forward and backward) against sigmoid, before (jar of 9000da8) and after the SiLU change
# (the flush's mask reused for the stand-in of x), interleaved, on both JDKs at 512 bits and with
# AVX2 (-XX:UseAVX=2), on the AVX-512 machine (AMD EPYC Zen 4, 2 cores).
set -u
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
J17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
OLD=${OLD:-/work/bench/s5/benchmarks-9000da8.jar}
NEW=${NEW:-/work/bench/s6/benchmarks-silu1.jar}
for cfg in 17-avx2 17-avx512 25-avx2 25-avx512; do
  jdk=${cfg%%-*}; J=$([ $jdk = 25 ] && echo $J25 || echo $J17)
  F=$([ ${cfg#*-} = avx2 ] && echo "-XX:UseAVX=2" || echo "-Xss4m")
  for which in old new; do
    JAR=$([ $which = old ] && echo $OLD || echo $NEW)
    echo "=== $cfg $which $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    $J --add-modules jdk.incubator.vector -jar $JAR 'ActivationsBenchmark.(sigmoid|silu|siluBackward)_lanewise$' \
      -p size=4096,65536 -f 3 -wi 3 -w 1s -i 4 -r 1s -rf json -rff all-$cfg-$which.json \
      -jvmArgsAppend "$F" > all-$cfg-$which.txt 2>&1
  done
done
echo "=== done $(date +%T)"
