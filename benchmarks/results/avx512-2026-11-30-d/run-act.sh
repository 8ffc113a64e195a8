#!/usr/bin/env bash
# Issue 14, session 3: the activations' ratios at three sizes (L1, L2, memory), 2 forks, both JDKs.
# AVX-512 machine (512-bit species).
set -u
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
J17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
JAR=${JAR:-/work/bench/s3/benchmarks-round.jar}
OPTS="-f 2 -wi 3 -w 1s -i 4 -r 1s -prof gc -rf json"
A='ActivationsBenchmark.(sigmoid_lanewise|tanh_lanewise|silu_lanewise|tanhBackward_lanewise|tanhBackward_plainLoop|leakyRelu_lanewise|leakyRelu_plainLoop|leakyReluBackward_lanewise|leakyReluBackward_plainLoop)$|CalibrationBenchmark.copy$'
cd /work/bench/s3
for jdk in 25 17; do
  J=$([ $jdk = 25 ] && echo $J25 || echo $J17)
  echo "=== act JDK $jdk $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
  $J --add-modules jdk.incubator.vector -jar $JAR "$A" -p size=4096,65536,16777216 $OPTS -rff act-$jdk.json > act-$jdk.txt 2>&1
done
echo "=== done $(date +%T)"
