#!/usr/bin/env bash
# Issue 10, session 4: softmax and cross-entropy before (c1209bb, the pre-issue-10 code) vs now (row
# tails on masks on JDK 25), base and new back to back per JDK and width. AVX-512 machine (AMD EPYC
# Zen 4, 2 cores); "avx2" = the same machine with -XX:UseAVX=2.
set -u
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
J17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
BASE=/work/bench/base/benchmarks-c1209bb.jar
NEW=${NEW:-/work/bench/s3/benchmarks-rules.jar}
OPTS="-f 3 -wi 3 -w 1s -i 5 -r 1s -prof gc -rf json"
SM='(SoftmaxBenchmark.softmax_lanewise|SoftmaxBenchmark.crossEntropyForwardBackward_lanewise)$'
for jdk in 25 17; do
  J=$([ $jdk = 25 ] && echo $J25 || echo $J17)
  P=$([ $jdk = 25 ] && echo "-p rowsByCols=256x10,256x1000,64x32000" || echo "-p rowsByCols=256x1000,64x32000")
  for width in avx512 avx2; do
    extra=$([ $width = avx2 ] && echo "-jvmArgsAppend -XX:UseAVX=2" || echo "")
    for version in base new; do
      jar=$([ $version = base ] && echo $BASE || echo $NEW)
      echo "=== $width $version JDK $jdk $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
      $J --add-modules jdk.incubator.vector -jar $jar "$SM" $P $OPTS $extra -rff $width-$version-$jdk.json > $width-$version-$jdk.txt 2>&1
    done
  done
done
echo "=== done $(date +%T)"
