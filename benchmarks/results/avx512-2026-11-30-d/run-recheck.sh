#!/usr/bin/env bash
# Issue 10 recheck on JDK 25 (the cases below 0.95x in run-softmax.sh): base and final interleaved, 3 forks each.
set -u
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
BASE=/work/bench/base/benchmarks-c1209bb.jar
NEW=/work/bench/s3/benchmarks-final.jar
OPTS="-f 3 -wi 3 -w 1s -i 4 -r 1s -rf json"
cd /work/bench/s3
for width in avx512 avx2; do
  extra=$([ $width = avx2 ] && echo "-jvmArgsAppend -XX:UseAVX=2" || echo "")
  for version in base final; do
    jar=$([ $version = base ] && echo $BASE || echo $NEW)
    echo "=== recheck $width $version $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    $J25 --add-modules jdk.incubator.vector -jar $jar 'SoftmaxBenchmark.(softmax|crossEntropyForwardBackward)_lanewise$' -p rowsByCols=256x1000,64x32000 $OPTS $extra -rff r-$width-$version-25.json > r-$width-$version-25.txt 2>&1
  done
done
echo "=== recheck done $(date +%T)"
