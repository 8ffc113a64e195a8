#!/usr/bin/env python3
"""run-softmax17.sh: softmax ops/ms per round, old and new, and new ÷ old per round and over all rounds."""
import json, glob, re, statistics
res = {}
for f in sorted(glob.glob('sm17-*.json')):
    which, rnd = re.match(r'sm17-(old|new)-(\d+)\.json', f).groups()
    try:
        data = json.load(open(f))
    except ValueError:
        continue
    for b in data:
        shape = b['params']['rowsByCols']
        raw = [x for fork in b['primaryMetric']['rawData'] for x in fork]
        res[(shape, which, int(rnd))] = (b['primaryMetric']['score'] , raw)
for shape in ['64x32000', '4x32000']:
    allr = {'old': [], 'new': []}
    for rnd in sorted({k[2] for k in res if k[0] == shape}):
        o = res.get((shape, 'old', rnd)); n = res.get((shape, 'new', rnd))
        if not (o and n):
            continue
        allr['old'] += o[1]; allr['new'] += n[1]
        print(f'{shape:9} round {rnd}: old {o[0]:7.3f}  new {n[0]:7.3f} ops/ms  new/old {n[0]/o[0]:.3f}')
    if allr['old']:
        mo = statistics.median(allr['old']); mn = statistics.median(allr['new'])
        print(f'{shape:9} all rounds, median of iterations: old {mo:.3f} new {mn:.3f}  new/old {mn/mo:.3f}'
              f'  (n = {len(allr["old"])}, {len(allr["new"])})')
