#!/usr/bin/env bash
# Softmax 64x32000 (8 MB in, 8 MB out per call: through the shared L3) and 4x32000 (512 KB each way,
# in L2) on JDK 17 at 512 bits, before (c1209bb, pre-issue-10, lane-order reductions) and after
# (the current code), in alternating rounds so that the L3's neighbours weigh on both alike.
# AVX-512 machine (AMD EPYC Zen 4, 2 cores).
set -u
J17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
OLD=${OLD:-/work/bench/base/benchmarks-c1209bb.jar}
NEW=${NEW:-/work/bench/s6/benchmarks-silu1.jar}
ROUNDS=${ROUNDS:-4}
for round in $(seq 1 $ROUNDS); do
  for which in old new; do
    JAR=$([ $which = old ] && echo $OLD || echo $NEW)
    echo "=== round $round $which $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    $J17 --add-modules jdk.incubator.vector -jar $JAR 'SoftmaxBenchmark.softmax_lanewise$' \
      -p rowsByCols=64x32000,4x32000 -f 2 -wi 4 -w 1s -i 5 -r 1s -rf json -rff sm17-$which-$round.json \
      -jvmArgsAppend "-Xss4m" > sm17-$which-$round.txt 2>&1
  done
done
echo "=== done $(date +%T)"
