#!/usr/bin/env bash
# Issue 10, session 5: the 5% promise rechecked where the fourth session's record run was close to
# it or noisy (256x1000 and 64x32000): softmax and cross-entropy, the pre-issue-10 code (c1209bb)
# against 54c16cc, per JDK and width, interleaved in two rounds. AVX-512 machine (AMD EPYC Zen 4,
# 2 cores); "avx2" = the same machine with -XX:UseAVX=2.
set -u
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
J17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
BASE=/work/bench/base/benchmarks-c1209bb.jar
NEW=/work/bench/s5/benchmarks-54c16cc.jar
OPTS="-f 3 -wi 3 -w 1s -i 5 -r 1s -prof gc -rf json"
SM='(SoftmaxBenchmark.softmax_lanewise|SoftmaxBenchmark.crossEntropyForwardBackward_lanewise)$'
P="-p rowsByCols=256x1000,64x32000"
for round in 1 2; do
  for jdk in 17 25; do
    J=$([ $jdk = 25 ] && echo $J25 || echo $J17)
    for width in avx512 avx2; do
      extra=$([ $width = avx2 ] && echo "-jvmArgsAppend -XX:UseAVX=2" || echo "")
      for version in base new; do
        jar=$([ $version = base ] && echo $BASE || echo $NEW)
        echo "=== $width $version JDK $jdk round $round $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
        $J --add-modules jdk.incubator.vector -jar $jar "$SM" $P $OPTS $extra -rff all-$width-$version-$jdk-$round.json > all-$width-$version-$jdk-$round.txt 2>&1
      done
    done
  done
done
echo "=== done $(date +%T)"
