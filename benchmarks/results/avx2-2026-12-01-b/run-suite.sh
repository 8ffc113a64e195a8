#!/usr/bin/env bash
# Ninth session, 2026-12-01: the current kernels (main's kernels = 2d94430, the same jar byte for byte)
# on a real AVX2 CPU (AMD EPYC Zen 3, family 25 model 1, 2 cores, no AVX-512), both JDKs.
# Part 1: issue 14's kernels against their plain loops, sigmoid, softmax and the copy roof, the same
#         selection and settings as ../avx512-2026-11-30-b/run.sh, which it runs (so the two machines
#         compare); `python3 ../avx512-2026-11-30-b/targets14.py --machine "AVX2 Zen 3, no AVX-512" 25 17`
#         here prints the tables (targets14.txt).
# Part 2: the README's headline kernels and their peers through `benchmarks/run full` (2 forks x 5 x 1 s
#         after 3 x 1 s, -prof gc; the report with roofs; OpenBLAS 0.3.31 on the core it picks here);
#         the report's JSON and markdown are copied to report/.
set -u
here=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:-/work/bench/s9/benchmarks-main.jar} OUT=$here ISSUE14_ONLY=1 "$here/../avx512-2026-11-30-b/run.sh"
echo "=== headline kernels (benchmarks/run, both JDKs) $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
cd "$here/../../.."
benchmarks/run full --jdks all 'sgemm_(lanewise|openblas)$' 'sgemmParallel_(lanewise|openblas)$' \
  'step_(lanewise|openblas|scalarReference)$' 'softmax_(lanewise|plainLoop)$' 'crossEntropyForwardBackward_(lanewise|plainLoop)$' \
  'relu_(lanewise|plainLoop|scalarReference)$' 'reluWithMask_lanewise$' 'sigmoid_(lanewise|plainLoop|libraryExpLoop)$' \
  > "$here/suite-run.log" 2>&1
mkdir -p "$here/report"
cp benchmarks/target/report/*.json benchmarks/target/report/*.md "$here/report/" 2>/dev/null
echo "=== done $(date +%T)"
