#!/usr/bin/env bash
# Issue 14, session 5: run-tanh.sh's comparison at 256 bits (-XX:UseAVX=2 on the AVX-512 machine), JDK 17, one round.
set -u
J17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
OLD=/work/bench/s5/benchmarks-c7ba92e.jar
NEW=/work/bench/s5/benchmarks-tanhneg.jar
OPTS="-f 3 -wi 3 -w 1s -i 4 -r 1s -prof gc -rf json -jvmArgsAppend -XX:UseAVX=2"
A='ActivationsBenchmark.(sigmoid_lanewise|tanh_lanewise)$'
for version in old new; do
  jar=$([ $version = old ] && echo $OLD || echo $NEW)
  echo "=== tanh $version JDK 17 avx2 $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
  $J17 --add-modules jdk.incubator.vector -jar $jar "$A" -p size=4096,65536 $OPTS -rff tanh-$version-17avx2-1.json > tanh-$version-17avx2-1.txt 2>&1
done
echo "=== done $(date +%T)"
