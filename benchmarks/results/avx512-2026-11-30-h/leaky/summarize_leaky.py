#!/usr/bin/env python3
"""Summarises run-leaky-ab.sh and run-sign17.sh: per JDK, round, kernel and size, the Gelem/s of each
jar (A, B, C) and its ratios to A and to the plain loop run in the same round (A's jar).
Usage: summarize_leaky.py [PREFIX]"""
import glob, json, re, sys
from collections import defaultdict

prefix = sys.argv[1] if len(sys.argv) > 1 else 'leaky'
score = defaultdict(dict)   # (jdk, round) -> {(which, bench, size): ops/s}
for f in sorted(glob.glob(f'{prefix}-*-*-*.json')):
    m = re.match(rf'{re.escape(prefix)}-(\d+)-([ABC])-(\d+)\.json$', f)
    if not m:
        continue
    jdk, which, rnd = m.groups()
    try:
        results = json.load(open(f))
    except ValueError:  # a run still writing
        continue
    for r in results:
        bench = r['benchmark'].rsplit('.', 1)[1]
        size = int(r['params']['size'])
        score[(jdk, rnd)][(which, bench, size)] = r['primaryMetric']['score']
for (jdk, rnd), s in sorted(score.items()):
    print(f'JDK {jdk}, round {rnd}')
    for kernel in ('leakyRelu', 'leakyReluBackward'):
        for size in sorted({k[2] for k in s}):
            a = s.get(('A', kernel + '_lanewise', size))
            p = s.get(('A', kernel + '_plainLoop', size))
            if a is None:
                continue
            line = f'  {kernel:18s} {size:>9d}:'
            for which in 'ABC':
                v = s.get((which, kernel + '_lanewise', size))
                if v is None:
                    continue
                line += f'  {which} {v * size / 1e9:6.2f} Gelem/s'
                if which != 'A':
                    line += f' ({v / a:4.2f}x A)'
                if p:
                    line += f' {v / p:5.1f}x plain'
            print(line)
