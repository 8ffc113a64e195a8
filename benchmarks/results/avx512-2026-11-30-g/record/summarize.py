#!/usr/bin/env python3
"""run-unroll.sh: softmax ops/ms per JDK, shape and round for A and B, B ÷ A per round and overall
(median of all measurement iterations)."""
import json, glob, re, statistics, sys
prefix = sys.argv[1] if len(sys.argv) > 1 else 'sm'
res = {}
for f in sorted(glob.glob(f'{prefix}-*.json')):
    m = re.match(prefix + r'-(\d+)-(\w+)-(\d+)\.json', f)
    if not m:
        continue
    jdk, which, rnd = m.groups()
    try:
        data = json.load(open(f))
    except ValueError:
        continue
    for b in data:
        shape = b['params']['rowsByCols']
        raw = [x for fork in b['primaryMetric']['rawData'] for x in fork]
        res[(jdk, shape, which, int(rnd))] = (b['primaryMetric']['score'], raw)
for jdk in sorted({k[0] for k in res}):
    for shape in sorted({k[1] for k in res if k[0] == jdk}):
        a_all, b_all = [], []
        for rnd in sorted({k[3] for k in res if k[0] == jdk and k[1] == shape}):
            a = res.get((jdk, shape, 'A', rnd)); b = res.get((jdk, shape, 'B', rnd))
            if not (a and b):
                continue
            a_all += a[1]; b_all += b[1]
            print(f'JDK {jdk} {shape:9} round {rnd}: A {a[0]:8.3f}  B {b[0]:8.3f} ops/ms  B/A {b[0]/a[0]:.3f}')
        if a_all:
            ma, mb = statistics.median(a_all), statistics.median(b_all)
            print(f'JDK {jdk} {shape:9} overall (median of {len(a_all)} iterations each): A {ma:.3f} B {mb:.3f}  B/A {mb/ma:.3f}')
