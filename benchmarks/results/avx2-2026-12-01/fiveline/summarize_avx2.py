#!/usr/bin/env python3
"""run-avx2-ab.sh: score per JDK, benchmark, parameter and round for A and B, B ÷ A per round and
overall (median of all measurement iterations of all rounds). `summarize_avx2.py PREFIX X Y` compares
jar Y with jar X instead (run-pack.sh has A, B and C). summarize_alt.py reads the files with load()."""
import json, glob, re, statistics, sys


def load(prefix):
    """{(jdk, 'benchmark params', jar letter, round or fork): (score, every iteration, unit)} of the
    files PREFIX-JDK-JAR-N.json; a file a run left unfinished is skipped."""
    res = {}
    for f in sorted(glob.glob(f'{prefix}-*.json')):
        m = re.match(re.escape(prefix) + r'-(\d+)-(\w+)-(\d+)\.json', f)
        if not m:
            continue
        jdk, which, n = m.groups()
        try:
            data = json.load(open(f))
        except ValueError:
            continue
        for b in data:
            name = b['benchmark'].rsplit('.', 1)[1] + ' ' + ','.join(b.get('params', {}).values())
            raw = [x for fork in b['primaryMetric']['rawData'] for x in fork]
            res[(jdk, name, which, int(n))] = (b['primaryMetric']['score'], raw, b['primaryMetric']['scoreUnit'])
    return res


def main():
    prefix = sys.argv[1] if len(sys.argv) > 1 else 'five'
    X, Y = (sys.argv[2], sys.argv[3]) if len(sys.argv) > 3 else ('A', 'B')
    res = load(prefix)
    for jdk in sorted({k[0] for k in res}):
        for name in sorted({k[1] for k in res if k[0] == jdk}):
            a_all, b_all, ratios, unit = [], [], [], ''
            for rnd in sorted({k[3] for k in res if k[0] == jdk and k[1] == name}):
                a = res.get((jdk, name, X, rnd)); b = res.get((jdk, name, Y, rnd))
                if not (a and b):
                    continue
                a_all += a[1]; b_all += b[1]; ratios.append(b[0] / a[0]); unit = a[2]
            if a_all:
                ma, mb = statistics.median(a_all), statistics.median(b_all)
                rounds = ' '.join(f'{r:.2f}' for r in ratios)
                print(f'JDK {jdk} {name:32} {X} {ma:10.3f} {Y} {mb:10.3f} {unit:8}  {Y}/{X} median {mb/ma:.3f}  rounds {rounds}')


if __name__ == '__main__':
    main()
