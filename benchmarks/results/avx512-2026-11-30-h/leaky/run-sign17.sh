#!/usr/bin/env bash
# JDK 17 only, leakyRelu at 4096 and 65536: main (A), the sign-bit factor (B), the sign-bit factor
# four vectors per iteration (C); FLAGS adds e.g. -XX:UseAVX=2. Alternating, ROUNDS rounds.
set -u
J17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
ROUNDS=${ROUNDS:-2}
PREFIX=${PREFIX:-sign17}
FLAGS=${FLAGS:-}
for round in $(seq 1 $ROUNDS); do
  for which in A B C; do
    case $which in
      A) JAR=/work/bench/s6/benchmarks-silu1.jar; PATTERN='ActivationsBenchmark.leakyRelu_(lanewise|plainLoop)$';;
      B) JAR=/work/bench/s7/benchmarks-leakysign.jar; PATTERN='ActivationsBenchmark.leakyRelu_lanewise$';;
      C) JAR=/work/bench/s7/benchmarks-leakysign4.jar; PATTERN='ActivationsBenchmark.leakyRelu_lanewise$';;
    esac
    echo "=== round $round JDK 17 $which $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    $J17 --add-modules jdk.incubator.vector -jar $JAR "$PATTERN" -p size=4096,65536 -f 2 -wi 3 -w 1s -i 4 -r 1s \
      -rf json -rff $PREFIX-17-$which-$round.json -jvmArgsAppend "-Xss4m $FLAGS" > $PREFIX-17-$which-$round.txt 2>&1
  done
done
echo "=== done $(date +%T)"
