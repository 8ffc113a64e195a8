#!/usr/bin/env python3
"""tanh ÷ sigmoid (medians of all iterations, same run) per jar and round, from run-tanh.sh's JSON."""
import json, statistics as st, os, sys
d = os.path.dirname(os.path.abspath(__file__))
jdk = sys.argv[1] if len(sys.argv) > 1 else '17'
for rnd in (1, 2):
    for version in ('old', 'new'):
        p = os.path.join(d, f'tanh-{version}-{jdk}-{rnd}.json')
        if not os.path.exists(p) or os.path.getsize(p) == 0: continue
        m = {}
        for b in json.load(open(p)):
            raw = [v for f in b['primaryMetric']['rawData'] for v in f]
            alloc = b.get('secondaryMetrics', {}).get('gc.alloc.rate.norm', {}).get('score', float('nan'))
            m[(b['benchmark'].split('.')[-1], b['params']['size'])] = (st.median(raw), alloc)
        for size in sorted({k[1] for k in m}, key=int):
            t, s = m[('tanh_lanewise', size)], m[('sigmoid_lanewise', size)]
            print(f'JDK {jdk} round {rnd} {version} size {size:>6}: tanh {t[0]:9.2f} sigmoid {s[0]:9.2f} ops/ms'
                  f'  tanh/sigmoid {t[0]/s[0]:.3f}  tanh B/op {t[1]:.3g}')
