#!/usr/bin/env bash
# The fused exp-and-sum block at 512 bits (storeExpAndSumBlock4) with one exp per iteration and
# rotating accumulators (A, jar of d2eaff8) against one whole round (four exps) per iteration (B,
# jar of e383778's code), alternating, JDK 17 and 25 at 512 bits, AVX-512 machine (AMD EPYC Zen 4,
# 2 cores): run-ab.sh with these defaults; then `python3 summarize.py sm`.
cd "$(dirname "$0")"
A=${A:-/work/bench/s6/benchmarks-silu1.jar} B=${B:-/work/bench/s6/benchmarks-unroll4.jar} \
  ROUNDS=${ROUNDS:-2} PREFIX=${PREFIX:-sm} exec ./run-ab.sh
