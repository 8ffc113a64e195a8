import json, sys
def load(path):
    out = {}
    for r in json.load(open(path)):
        name = r['benchmark'].split('.')[-2] + '.' + r['benchmark'].split('.')[-1]
        params = ','.join(f"{k}={v}" for k, v in sorted(r.get('params', {}).items()))
        sec = r.get('secondaryMetrics', {})
        if 'flop' in sec:
            m = sec['flop']; score, err, unit = m['score'] / 1e9, m['scoreError'] / 1e9, 'GFLOP/s'
        else:
            m = r['primaryMetric']; score, err, unit = m['score'], m['scoreError'], m['scoreUnit']
        alloc = sec.get('gc.alloc.rate.norm', {}).get('score', float('nan'))
        out[(name, params)] = (score, err, unit, alloc)
    return out
if __name__ == '__main__':
    if len(sys.argv) == 3:
        a, b = load(sys.argv[1]), load(sys.argv[2])
        print("| benchmark | params | before | after | after/before | alloc before → after (B/op) |")
        print("|---|---|---|---|---|---|")
        for key in a:
            if key in b:
                sa, ea, u, aa = a[key]; sb, eb, _, ab = b[key]
                print(f"| {key[0]} | {key[1]} | {sa:.4g} ± {ea:.2g} | {sb:.4g} ± {eb:.2g} {u} | {sb/sa:.2f}× | {aa:.3g} → {ab:.3g} |")
    else:
        for path in sys.argv[1:]:
            for key, (s, e, u, al) in load(path).items():
                print(f"| {path.split('/')[-1]} | {key[0]} | {key[1]} | {s:.4g} ± {e:.2g} {u} | {al:.3g} B/op |")
