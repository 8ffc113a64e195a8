# Prints issue 14's target tables from act-/norm-/opt-<jdk>.json in the current directory:
#   python3 targets14.py 25 17                       (here, the AVX-512 run)
#   python3 ../avx512-2026-11-30-b/targets14.py --machine "AVX2 Zen 3" 25 17   (another run's directory)
import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from summarize import load
args = sys.argv[1:]
machine = 'AVX-512 machine'
if args[:1] == ['--machine']:
    machine, args = args[1], args[2:]
for jdk in args:
    a = load(f'act-{jdk}.json'); n = load(f'norm-{jdk}.json'); o = load(f'opt-{jdk}.json')
    def s(d, name, p): return d[(name, p)][0]
    P = 'size=65536'
    print(f"\n**JDK {jdk}** ({machine}, size 65536 for the activations)\n")
    print("| kernel | lanewise | plain loop | ratio (target ≥ 10×) |")
    print("|---|---|---|---|")
    for k in ['tanh','tanhBackward','silu','siluBackward','gelu','geluBackward','geluTanh','geluTanhBackward','leakyRelu','leakyReluBackward','sigmoid']:
        l = s(a, f'ActivationsBenchmark.{k}_lanewise', P); pl = s(a, f'ActivationsBenchmark.{k}_plainLoop', P)
        print(f"| {k} | {l:.4g} ops/s | {pl:.4g} ops/s | {l/pl:.1f}× |")
    sig = s(a, 'ActivationsBenchmark.sigmoid_lanewise', P)
    print(f"\ntanh ÷ sigmoid = {s(a,'ActivationsBenchmark.tanh_lanewise',P)/sig:.2f}, silu ÷ sigmoid = {s(a,'ActivationsBenchmark.silu_lanewise',P)/sig:.2f} (target ≥ 0.8)\n")
    print("| shape | layerNorm | softmax, same shape | ratio (target ≥ 0.8) | rmsNorm | layerNormBackward | rmsNormBackward | layerNorm ÷ plain loop |")
    print("|---|---|---|---|---|---|---|---|")
    for p in ['rowsByCols=256x768', 'rowsByCols=64x4096']:
        ln = s(n,'NormalizationBenchmark.layerNorm_lanewise',p); sm = s(n,'NormalizationBenchmark.layerNorm_softmaxSameShape',p)
        print(f"| {p.split('=')[1]} | {ln:.4g} ops/ms | {sm:.4g} ops/ms | {ln/sm:.2f} | {s(n,'NormalizationBenchmark.rmsNorm_lanewise',p):.4g} ({s(n,'NormalizationBenchmark.rmsNorm_lanewise',p)/s(n,'NormalizationBenchmark.rmsNorm_plainLoop',p):.1f}× plain) | {s(n,'NormalizationBenchmark.layerNormBackward_lanewise',p):.4g} ({s(n,'NormalizationBenchmark.layerNormBackward_lanewise',p)/s(n,'NormalizationBenchmark.layerNormBackward_plainLoop',p):.1f}× plain) | {s(n,'NormalizationBenchmark.rmsNormBackward_lanewise',p):.4g} ({s(n,'NormalizationBenchmark.rmsNormBackward_lanewise',p)/s(n,'NormalizationBenchmark.rmsNormBackward_plainLoop',p):.1f}× plain) | {ln/s(n,'NormalizationBenchmark.layerNorm_plainLoop',p):.1f}× |")
    P = 'size=16777216'
    copy = o[('CalibrationBenchmark.copy', P)]; adam = o[('OptimizersBenchmark.adam_lanewise', P)]; sgd = o[('OptimizersBenchmark.sgd_lanewise', P)]
    copyGBs = copy[0] * 8 * 16777216 / 1e9; adamGBs = adam[0] * 28 * 16777216 / 1e9; sgdGBs = sgd[0] * 20 * 16777216 / 1e9
    print(f"\nAdam at 16M parameters: {adam[0]:.4g} ± {adam[1]:.2g} ops/s = {adamGBs:.1f} GB/s moved (param, grad, m, v read; param, m, v written: 28 B/element); copy roof {copy[0]:.4g} ± {copy[1]:.2g} ops/s = {copyGBs:.1f} GB/s (8 B/element); Adam ÷ roof = {adamGBs/copyGBs:.2f} (target ≥ 0.7). SGD {sgdGBs:.1f} GB/s ({sgdGBs/copyGBs:.2f}). Adam ÷ plain loop {adam[0]/o[('OptimizersBenchmark.adam_plainLoop',P)][0]:.2f}×.")
