#!/usr/bin/env bash
# Issue 14, session 5: tanh's sign on JDK 17 by one blend on test(IS_NEGATIVE) (new) against the two
# blends of session 4 (old, c7ba92e), with sigmoid beside each, same run. AVX-512 machine (AMD EPYC
# Zen 4, 2 cores), 512-bit species. Interleaved twice.
set -u
J17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
OLD=/work/bench/s5/benchmarks-c7ba92e.jar
NEW=${NEW:-/work/bench/s5/benchmarks-tanhneg.jar}
OPTS="-f 3 -wi 3 -w 1s -i 4 -r 1s -prof gc -rf json"
A='ActivationsBenchmark.(sigmoid_lanewise|tanh_lanewise)$'
for round in 1 2; do
  for version in old new; do
    jar=$([ $version = old ] && echo $OLD || echo $NEW)
    echo "=== tanh $version JDK 17 round $round $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    $J17 --add-modules jdk.incubator.vector -jar $jar "$A" -p size=4096,65536 $OPTS -rff tanh-$version-17-$round.json > tanh-$version-17-$round.txt 2>&1
  done
done
echo "=== done $(date +%T)"
