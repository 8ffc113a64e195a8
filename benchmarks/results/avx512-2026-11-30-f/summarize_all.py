#!/usr/bin/env python3
"""new ÷ base per JDK, width and round (medians of all iterations; forks' means listed), from run-softmax-all.sh's JSON."""
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
        out[key] = ([st.mean(f) for f in raw], st.median([v for f in raw for v in f]))
    return out
for jdk in (17, 25):
    for width in ('avx512', 'avx2'):
        for rnd in (1, 2):
            base, new = load(f'all-{width}-base-{jdk}-{rnd}.json'), load(f'all-{width}-new-{jdk}-{rnd}.json')
            for key in sorted(base):
                if key not in new: continue
                bf, bm = base[key]; nf, nm = new[key]
                print(f'JDK {jdk} {width:6} round {rnd} {key[0]:36} {key[1]:9} base {bm:7.3f} {[round(x,2) for x in bf]}'
                      f'  new {nm:7.3f} {[round(x,2) for x in nf]}  ratio {nm/bm:.3f}')
