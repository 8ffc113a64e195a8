#!/usr/bin/env bash
# A/B of leaky ReLU (forward, backward; KERNELS narrows it): A = main before, B = a candidate (leaky-*: four
# vectors per iteration; sign-*: the factor from the sign bit); alternating, JDK 17 and 25, at the machine's width (512 bits) unless FLAGS adds
# -XX:UseAVX=2. AVX-512 machine (AMD EPYC Zen 4, 2 cores). A also runs the plain loops, for the ratio.
set -u
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
J17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
A=${A:-/work/bench/s6/benchmarks-silu1.jar}
B=${B:-/work/bench/s7/benchmarks-leaky4.jar}
ROUNDS=${ROUNDS:-2}
PREFIX=${PREFIX:-leaky}
FLAGS=${FLAGS:-}
SIZES=${SIZES:-4096,65536,16777216}
KERNELS=${KERNELS:-leakyRelu(Backward)?}
for round in $(seq 1 $ROUNDS); do
  for jdk in 17 25; do
    J=$([ $jdk = 25 ] && echo $J25 || echo $J17)
    for which in A B; do
      JAR=$([ $which = A ] && echo $A || echo $B)
      PATTERN=$([ $which = A ] && echo "ActivationsBenchmark.${KERNELS}_(lanewise|plainLoop)\$" \
        || echo "ActivationsBenchmark.${KERNELS}_lanewise\$")
      echo "=== round $round JDK $jdk $which $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
      $J --add-modules jdk.incubator.vector -jar $JAR "$PATTERN" \
        -p size=$SIZES -f 2 -wi 3 -w 1s -i 4 -r 1s -rf json -rff $PREFIX-$jdk-$which-$round.json \
        -jvmArgsAppend "-Xss4m $FLAGS" > $PREFIX-$jdk-$which-$round.txt 2>&1
    done
  done
done
echo "=== done $(date +%T)"
