#!/usr/bin/env python3
"""Per-fork means, medians and new/base ratios per round, from run-avx2-25.sh's JSON files."""
import json, statistics as st, os
d = os.path.dirname(os.path.abspath(__file__))
def load(name):
    p = os.path.join(d, name)
    if not os.path.exists(p) or os.path.getsize(p) == 0:
        return {}
    out = {}
    for b in json.load(open(p)):
        key = (b['benchmark'].split('.')[-1], b['params']['rowsByCols'])
        raw = b['primaryMetric']['rawData']
        alloc = b.get('secondaryMetrics', {}).get('gc.alloc.rate.norm', {}).get('score', float('nan'))
        out[key] = ([st.mean(f) for f in raw], st.median([v for f in raw for v in f]), alloc)
    return out
for rnd in (1, 2):
    base, new = load(f'avx2-base-25-{rnd}.json'), load(f'avx2-new-25-{rnd}.json')
    for key in sorted(base):
        if key not in new: continue
        bf, bm, _ = base[key]; nf, nm, na = new[key]
        print(f'round {rnd} {key[0]:36} {key[1]:9} base {bm:7.3f} {[round(x,2) for x in bf]}'
              f'  new {nm:7.3f} {[round(x,2) for x in nf]}  ratio {nm/bm:.3f}  new B/op {na:.3g}')
