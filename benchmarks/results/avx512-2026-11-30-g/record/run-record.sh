#!/usr/bin/env bash
# The 5% promise at 512 bits: softmax of the pre-issue-10 code (A, c1209bb, lane-order reductions)
# against the build of e383778 (B), alternating, JDK 17 and 25 at 512 bits, AVX-512 machine
# (AMD EPYC Zen 4, 2 cores): ../unroll/run-ab.sh with these defaults; then
# `python3 ../unroll/summarize.py rec` here.
cd "$(dirname "$0")"
A=${A:-/work/bench/base/benchmarks-c1209bb.jar} B=${B:-/work/bench/s6/benchmarks-e383778.jar} \
  ROUNDS=${ROUNDS:-3} PREFIX=${PREFIX:-rec} SHAPES=${SHAPES:-256x10,256x1000,4x32000,64x32000} \
  exec ../unroll/run-ab.sh
