#!/usr/bin/env bash
# Issue 14, session 4: JDK 17 (512-bit species, AVX-512 machine): the activations against sigmoid,
# leaky ReLU against its plain loop and the copy roof. Run with the committed kernels (its output
# renamed act-17-before.*); leaky-17.* is the same command, leaky ReLU and copy only, on an
# experiment jar whose JDK 17 leaky ReLU was a loop of Math.max(x, alpha*x) (not kept).
set -u
J17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
JAR=${JAR:-/work/bench/s3/benchmarks-leaky.jar}
OPTS="-f 3 -wi 3 -w 1s -i 4 -r 1s -prof gc -rf json"
A='ActivationsBenchmark.(sigmoid_lanewise|tanh_lanewise|silu_lanewise|leakyRelu_lanewise|leakyRelu_plainLoop)$|CalibrationBenchmark.copy$'
echo "=== act JDK 17 $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
$J17 --add-modules jdk.incubator.vector -jar $JAR "$A" -p size=4096,65536,16777216 $OPTS -rff act-17.json > act-17.txt 2>&1
echo "=== done $(date +%T)"
