#!/usr/bin/env bash
# Issue 14, session 5: on JDK 25, tanh's sign by the one blend on test(IS_NEGATIVE) (new: an
# experiment jar with tanhSignByBlend() true on every JDK) against the int OR of session 4 (old,
# c7ba92e), sigmoid beside each. AVX-512 machine; "avx2" = -XX:UseAVX=2. Interleaved.
set -u
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
OLD=/work/bench/s5/benchmarks-c7ba92e.jar
NEW=/work/bench/s5/benchmarks-tanhneg-all.jar
OPTS="-f 3 -wi 3 -w 1s -i 4 -r 1s -prof gc -rf json"
A='ActivationsBenchmark.(sigmoid_lanewise|tanh_lanewise)$'
for width in avx512 avx2; do
  extra=$([ $width = avx2 ] && echo "-jvmArgsAppend -XX:UseAVX=2" || echo "")
  for version in old new; do
    jar=$([ $version = old ] && echo $OLD || echo $NEW)
    echo "=== tanh $version JDK 25 $width $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    $J25 --add-modules jdk.incubator.vector -jar $jar "$A" -p size=4096,65536 $OPTS $extra -rff tanh-$version-25$width-1.json > tanh-$version-25$width-1.txt 2>&1
  done
done
echo "=== done $(date +%T)"
