#!/usr/bin/env python3
"""run-alt.sh and run-align.sh (one fork per file): per benchmark, B ÷ A of the medians of all
iterations, and the median of the per-pair ratios (fork i of B against fork i of A, run back to back).
`summarize_alt.py PREFIX X Y` compares variant Y with variant X instead of B with A (the ninth
session's run-tile.sh names its variants 4x2 and 3x3)."""
import statistics, sys
from summarize_avx2 import load

prefix = sys.argv[1] if len(sys.argv) > 1 else 'alt'
X, Y = (sys.argv[2], sys.argv[3]) if len(sys.argv) > 3 else ('A', 'B')
res = load(prefix)
for jdk, name in sorted({(k[0], k[1]) for k in res}):
    forks = sorted({k[3] for k in res if k[:2] == (jdk, name)})
    pairs = [(res[(jdk, name, X, f)][1], res[(jdk, name, Y, f)][1]) for f in forks
             if (jdk, name, X, f) in res and (jdk, name, Y, f) in res]
    if not pairs:
        continue
    a_all = [x for a, _ in pairs for x in a]; b_all = [x for _, b in pairs for x in b]
    ratios = sorted(statistics.mean(b) / statistics.mean(a) for a, b in pairs)
    print(f'JDK {jdk} {name}: {len(pairs)} pairs; {X} {statistics.median(a_all):.3f} {Y} {statistics.median(b_all):.3f}'
          f'  {Y}/{X} of medians {statistics.median(b_all) / statistics.median(a_all):.3f}'
          f'  median pair ratio {statistics.median(ratios):.3f} (quartiles {ratios[len(ratios) // 4]:.2f}'
          f'-{ratios[(3 * len(ratios)) // 4]:.2f})')
