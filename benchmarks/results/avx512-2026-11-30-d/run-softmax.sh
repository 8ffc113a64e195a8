#!/usr/bin/env bash
# Issue 10, session 3: softmax and cross-entropy, before (c1209bb) vs now (padded exp tail), base and
# new back to back per JDK and per width. AVX-512 machine; "avx2" = -XX:UseAVX=2.
set -u
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
J17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
BASE=/work/bench/base/benchmarks-c1209bb.jar
NEW=${NEW:-/work/bench/s3/benchmarks-pad.jar}
TAG=${TAG:-pad}
OPTS="-f 2 -wi 3 -w 1s -i 4 -r 1s -prof gc -rf json"
SM='(SoftmaxBenchmark.softmax_lanewise|SoftmaxBenchmark.crossEntropyForwardBackward_lanewise)$'
P="-p rowsByCols=256x10,256x1000,64x32000"
cd /work/bench/s3
for jdk in 25 17; do
  J=$([ $jdk = 25 ] && echo $J25 || echo $J17)
  for width in avx512 avx2; do
    extra=$([ $width = avx2 ] && echo "-jvmArgsAppend -XX:UseAVX=2" || echo "")
    for version in base $TAG; do
      jar=$([ $version = base ] && echo $BASE || echo $NEW)
      [ -f q-$width-$version-$jdk.json ] && [ $version = base ] && continue
      echo "=== $width $version JDK $jdk $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
      $J --add-modules jdk.incubator.vector -jar $jar "$SM" $P $OPTS $extra -rff q-$width-$version-$jdk.json > q-$width-$version-$jdk.txt 2>&1
    done
  done
done
echo "=== done $(date +%T)"
