#!/usr/bin/env bash
# Issue 10: the 512-bit defaults measured on an AVX-512 machine (this one), each strategy forced.
set -u
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
J17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
JAR=/work/bench/benchmarks-new.jar
OPTS="-f 2 -wi 3 -w 1s -i 4 -r 1s -prof gc"
run() { # name java selection params jvmargs
  echo "=== $1 $(date +%T)"
  $2 --add-modules jdk.incubator.vector -jar $JAR "$3" $4 $OPTS -jvmArgsAppend "--add-modules=jdk.incubator.vector $5" -rf json -rff /work/bench/$1.json > /work/bench/$1.txt 2>&1
  grep -E "Benchmark\.[a-zA-Z_]+ .*(thrpt|avgt)|gc.alloc.rate.norm " /work/bench/$1.txt | head -20
}
for jdk in 17 25; do
  J=$([ $jdk = 25 ] && echo $J25 || echo $J17)
  for relu in lanes loop; do run relu-$relu-$jdk $J 'ActivationsBenchmark.relu_lanewise$' "-p size=4096,65536" "-Dlanewise.relu=$relu"; done
  for mask in tolong reduction; do run mask-$mask-$jdk $J 'ActivationsBenchmark.reluWithMask_lanewise$' "-p size=4096,65536" "-Dlanewise.mask=$mask"; done
  for shape in 6x4 4x2 3x3; do run gemm-$shape-$jdk $J 'GemmBenchmark.sgemm_lanewise$' "-p shape=512,1024" "-Dlanewise.gemm.shape=$shape"; done
done
run roof-25 $J25 'CalibrationBenchmark.fmaPeak$' "" ""
run roof-17 $J17 'CalibrationBenchmark.fmaPeak$' "" ""
