#!/usr/bin/env bash
# Issue 10, session 5: the exp pass never inlined into the row loop (storeExpThenSum). AVX2 (the
# AVX-512 machine, AMD EPYC Zen 4, 2 cores, with -XX:UseAVX=2), JDK 25: softmax and cross-entropy,
# the pre-issue-10 code (c1209bb) against the new, interleaved twice.
set -u
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
BASE=/work/bench/base/benchmarks-c1209bb.jar
NEW=${NEW:-/work/bench/s5/benchmarks-new.jar}
OPTS="-f 3 -wi 3 -w 1s -i 5 -r 1s -prof gc -rf json -jvmArgsAppend -XX:UseAVX=2"
SM='(SoftmaxBenchmark.softmax_lanewise|SoftmaxBenchmark.crossEntropyForwardBackward_lanewise)$'
P="-p rowsByCols=256x10,256x1000,64x32000"
for round in 1 2; do
  for version in base new; do
    jar=$([ $version = base ] && echo $BASE || echo $NEW)
    echo "=== avx2 $version JDK 25 round $round $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    $J25 --add-modules jdk.incubator.vector -jar $jar "$SM" $P $OPTS -rff avx2-$version-25-$round.json > avx2-$version-25-$round.txt 2>&1
  done
done
echo "=== done $(date +%T)"
