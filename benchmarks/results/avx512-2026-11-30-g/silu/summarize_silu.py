#!/usr/bin/env python3
"""SiLU before/after: ops/s of each kernel, new ÷ old, and silu ÷ sigmoid in each jar (run-silu-all.sh)."""
import json, os
rows = []
for cfg in ['17-avx2', '17-avx512', '25-avx2', '25-avx512']:
    res = {}
    for which in ['old', 'new']:
        f = f'all-{cfg}-{which}.json'
        if not os.path.exists(f):
            continue
        for b in json.load(open(f)):
            name = b['benchmark'].split('.')[-1].replace('_lanewise', '')
            res[(which, name, b['params']['size'])] = (b['primaryMetric']['score'], b['primaryMetric']['scoreError'])
    for size in ['4096', '65536']:
        for name in ['silu', 'siluBackward']:
            o = res.get(('old', name, size)); n = res.get(('new', name, size))
            so = res.get(('old', 'sigmoid', size)); sn = res.get(('new', 'sigmoid', size))
            if not (o and n and so and sn):
                continue
            print(f'{cfg:10} {size:>6} {name:13} old {o[0]:10.0f}±{o[1]:7.0f}  new {n[0]:10.0f}±{n[1]:7.0f}  '
                  f'new/old {n[0]/o[0]:5.2f}  ÷sigmoid old {o[0]/so[0]:5.2f} new {n[0]/sn[0]:5.2f}')
