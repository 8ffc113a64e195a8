"""Median over forks of sgemm GFLOP/s per JDK, shape and tile, and 3x3 / 4x2 per fork pair."""
import glob, json, re, statistics
runs = {}
for path in glob.glob('tile-*.json'):
    jdk, tile, fork = re.match(r'tile-(\d+)-(\w+)-(\d+)\.json', path).groups()
    for r in json.load(open(path)):
        shape = r['params']['shape']
        runs[(jdk, shape, tile, fork)] = r['secondaryMetrics']['flop']['score'] / 1e9
for jdk in ('25', '17'):
    for shape in ('256', '512', 'mlpForward'):
        forks = sorted({k[3] for k in runs if k[0] == jdk and k[1] == shape})
        a = [runs[(jdk, shape, '4x2', f)] for f in forks if (jdk, shape, '4x2', f) in runs]
        b = [runs[(jdk, shape, '3x3', f)] for f in forks if (jdk, shape, '3x3', f) in runs]
        pairs = [runs[(jdk, shape, '3x3', f)] / runs[(jdk, shape, '4x2', f)] for f in forks
                 if (jdk, shape, '3x3', f) in runs and (jdk, shape, '4x2', f) in runs]
        if pairs:
            print(f"JDK {jdk} sgemm {shape}: 4x2 {statistics.median(a):.1f} GFLOP/s, 3x3 {statistics.median(b):.1f};"
                  f" 3x3/4x2 median of {len(pairs)} pairs {statistics.median(pairs):.2f}"
                  f" (range {min(pairs):.2f}-{max(pairs):.2f})")
