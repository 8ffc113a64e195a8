# Issue 14's speed ratios from act-<jdk>.json (run-act.sh): three sizes, with the copy roof.
import sys
sys.path.insert(0, '../avx512-2026-11-30-c')  # its summarize.py
from summarize import load
for jdk in sys.argv[1:]:
    d = load(f'act-{jdk}.json')
    print(f"\n**JDK {jdk}** (AVX-512 machine, 512-bit species)\n")
    print("| size | tanhBackward ÷ plain | leakyRelu ÷ plain | leakyReluBackward ÷ plain | tanh ÷ sigmoid | silu ÷ sigmoid | copy roof |")
    print("|---|---|---|---|---|---|---|")
    for size in ['4096', '65536', '16777216']:
        P = f'size={size}'
        g = lambda n: d[(n, P)][0]
        n = int(size)
        copy = g('CalibrationBenchmark.copy') * n * 8 / 1e9
        cells = []
        for k, bytes_ in [('tanhBackward', 12), ('leakyRelu', 8), ('leakyReluBackward', 12)]:
            l = g(f'ActivationsBenchmark.{k}_lanewise'); p = g(f'ActivationsBenchmark.{k}_plainLoop')
            cells.append(f"{l/p:.1f}× ({l*n/1e9:.2f} vs {p*n/1e9:.2f} Gelem/s; {l*n*bytes_/1e9/copy:.0%} of copy)")
        s = g('ActivationsBenchmark.sigmoid_lanewise')
        cells.append(f"{g('ActivationsBenchmark.tanh_lanewise')/s:.2f}")
        cells.append(f"{g('ActivationsBenchmark.silu_lanewise')/s:.2f}")
        cells.append(f"{copy:.0f} GB/s")
        print(f"| {size} | " + " | ".join(cells) + " |")
