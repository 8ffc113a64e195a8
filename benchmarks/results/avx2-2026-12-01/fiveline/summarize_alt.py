#!/usr/bin/env python3
"""run-alt.sh and run-align.sh (one fork per file): per benchmark, B ÷ A of the medians of all
iterations, and the median of the per-pair ratios (fork i of B against fork i of A, run back to back)."""
import statistics, sys
from summarize_avx2 import load

prefix = sys.argv[1] if len(sys.argv) > 1 else 'alt'
res = load(prefix)
for jdk, name in sorted({(k[0], k[1]) for k in res}):
    forks = sorted({k[3] for k in res if k[:2] == (jdk, name)})
    pairs = [(res[(jdk, name, 'A', f)][1], res[(jdk, name, 'B', f)][1]) for f in forks
             if (jdk, name, 'A', f) in res and (jdk, name, 'B', f) in res]
    a_all = [x for a, _ in pairs for x in a]; b_all = [x for _, b in pairs for x in b]
    ratios = sorted(statistics.mean(b) / statistics.mean(a) for a, b in pairs)
    print(f'JDK {jdk} {name}: {len(pairs)} pairs; A {statistics.median(a_all):.3f} B {statistics.median(b_all):.3f}'
          f'  B/A of medians {statistics.median(b_all) / statistics.median(a_all):.3f}'
          f'  median pair ratio {statistics.median(ratios):.3f} (quartiles {ratios[len(ratios) // 4]:.2f}'
          f'-{ratios[(3 * len(ratios)) // 4]:.2f})')
