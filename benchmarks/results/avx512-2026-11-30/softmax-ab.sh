#!/usr/bin/env bash
set -u
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
J17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
OPTS="-f 2 -wi 3 -w 1s -i 4 -r 1s -prof gc -rf json"
SEL='(SoftmaxBenchmark.softmax_lanewise|SoftmaxBenchmark.crossEntropyForwardBackward_lanewise)$'
PARAMS="-p rowsByCols=256x10,256x1000,64x32000"
for jdk in 25 17; do
  J=$([ $jdk = 25 ] && echo $J25 || echo $J17)
  for version in base new2; do
    jar=$([ $version = base ] && echo /work/wtbase/benchmarks/target/benchmarks.jar || echo /work/bench/benchmarks-new2.jar)
    echo "=== $version JDK $jdk $(date +%T)"
    $J --add-modules jdk.incubator.vector -jar $jar "$SEL" $PARAMS $OPTS -rff /work/bench/sm-$version-$jdk.json > /work/bench/sm-$version-$jdk.txt 2>&1
  done
done
