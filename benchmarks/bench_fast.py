"""Time rmtbook's O(n^2) circular spectra (rmtbook.fast) against dense methods in the same run.

One command (see benchmarks/README.md):

    .venv/bin/python benchmarks/bench_fast.py

1. numba's compile time, apart: a fresh process with an empty cache folder compiles the kernel, a
   second process loads it from that cache (both include importing numba).
2. 100 CUE spectra at n = 1024 on one core: `cbe_phases(1024, 2.0, size=100, method='fast')` against
   `scipy.stats.unitary_group.rvs` + `numpy.linalg.eigvals` and against rmtbook's dense CMV path, all
   with BLAS on one thread. The dense methods run on `--dense-count` spectra (default 10; `--full`:
   all 100), and the ratio is taken per spectrum.
3. One CUE spectrum at n = 4096 (best of 3).
4. The scaling from n = 256 to 32,768 (one spectrum per size, best of 2 up to 4096), with a log-log
   plot written to benchmarks/fast_scaling.png and the fitted exponent.
5. One CUE spectrum at n = 100,000 (`--no-big` skips it: it takes about 4 minutes).

Every timing runs on one thread (`linalg_threads(1)` and a threadpoolctl BLAS limit of 1).
Results go to benchmarks/results/bench_fast.json (not committed).
"""
import argparse, json, os, platform
from pathlib import Path

import numpy as np
from scipy.stats import unitary_group
from threadpoolctl import threadpool_limits

import rmtbook
from rmtbook.ensembles import cbe_phases
from rmtbook.rng import linalg_threads
from timing import numba_compile_seconds, timed  # benchmarks/timing.py

RESULTS = Path(__file__).parent / 'results'
FIGURE = Path(__file__).parent / 'fast_scaling.png'  # committed: the figure benchmarks/README.md shows


def compile_seconds():
    "Seconds to the kernel's first result in a fresh process: with an empty numba cache, then with that cache."
    return numba_compile_seconds('import rmtbook.fast as f; f.jit_seconds()')


def best(f, repeat):
    return min(timed(f)[0] for _ in range(repeat))


def scipy_cue_phases(n, count, seed):
    "The SciPy reference: Haar unitaries from unitary_group, eigenvalues by LAPACK geev without eigenvectors."
    u = unitary_group.rvs(n, size=count, random_state=seed)
    return np.sort(np.angle(np.linalg.eigvals(u.reshape(count, n, n))), axis=-1)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--dense-count', type=int, default=10, help='spectra timed for each dense method at n = 1024')
    p.add_argument('--full', action='store_true', help='time all 100 spectra for the dense methods too (about 10 minutes)')
    p.add_argument('--no-big', action='store_true', help='skip the n = 100,000 spectrum')
    p.add_argument('--max-n', type=int, default=32768, help='largest n of the scaling run')
    args = p.parse_args(argv)
    out = {'cpus': os.cpu_count(), 'machine': platform.machine(), 'numpy': np.__version__, 'rmtbook': rmtbook.__version__}
    print(f"rmtbook {rmtbook.__version__}, numpy {np.__version__}, {os.cpu_count()} cores; every timing on one thread", flush=True)

    cold, warm = compile_seconds()
    out['compile_s'], out['cache_load_s'] = cold, warm
    print(f"\nnumba: first call {cold:.2f} s compiling, {warm:.2f} s from the cache (importing numba included)", flush=True)

    with linalg_threads(1), threadpool_limits(1):
        cbe_phases(16, 2.0, rng=0, method='fast')  # compiled above in other processes; load it here, outside the timings
        count, k = 100, (100 if args.full else args.dense_count)
        t_fast, fast = timed(lambda: cbe_phases(1024, 2.0, size=count, rng=1, method='fast'))
        t_scipy, _ = timed(lambda: scipy_cue_phases(1024, k, 1))
        t_dense, dense = timed(lambda: cbe_phases(1024, 2.0, size=k, rng=1, method='dense'))
        gap = float(np.abs((fast[:k] - dense + np.pi) % (2 * np.pi) - np.pi).max())
        per = {'fast': t_fast / count, 'scipy': t_scipy / k, 'dense': t_dense / k}
        out['n1024'] = {'count': count, 'dense_count': k, 'seconds_per_spectrum': per, 'fast_vs_dense_max_phase_gap': gap}
        print(f"\n100 CUE spectra at n = 1024 (dense methods timed on {k}, scaled per spectrum):")
        print("| method | s per spectrum | 100 spectra (s) | speed-up of fast |\n|---|---|---|---|")
        for name, label in (('fast', 'rmtbook fast (O(n^2) unitary QR)'), ('scipy', 'scipy unitary_group + eigvals'),
                            ('dense', 'rmtbook dense (CMV + eigvals)')):
            print(f"| {label} | {per[name]:.4f} | {100 * per[name]:.1f} | {per[name] / per['fast']:.0f}x |")
        print(f"fast vs dense on the same coefficients: largest phase difference {gap:.1e} rad", flush=True)

        t4096 = best(lambda: cbe_phases(4096, 2.0, rng=2, method='fast'), 3)
        out['n4096_s'] = t4096
        print(f"\none spectrum at n = 4096: {t4096:.3f} s (best of 3)", flush=True)

        sizes, times = [], []
        n = 256
        while n <= args.max_n:
            sizes.append(n); times.append(best(lambda: cbe_phases(n, 2.0, rng=n, method='fast'), 2 if n <= 4096 else 1))
            print(f"  n = {n:6d}: {times[-1]:9.3f} s", flush=True)
            n *= 2
        slope = float(np.polyfit(np.log(sizes[2:]), np.log(times[2:]), 1)[0])
        out['scaling'] = {'n': sizes, 'seconds': times, 'exponent_from_1024': slope}
        print(f"fitted exponent (n >= 1024): {slope:.2f}", flush=True)

        if not args.no_big:
            t_big, big = timed(lambda: cbe_phases(100_000, 2.0, rng=3, method='fast'))
            ok = bool(np.isfinite(big).all() and (np.diff(big) > 0).all())
            out['n100000_s'], out['n100000_ok'] = t_big, ok
            print(f"\none spectrum at n = 100,000: {t_big:.1f} s ({t_big / 60:.2f} min); finite, sorted, distinct: {ok}", flush=True)

    RESULTS.mkdir(exist_ok=True)
    import matplotlib; matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.loglog(sizes, times, 'o-', label=f'rmtbook fast, one spectrum (exponent {slope:.2f})')
    ns = np.array([sizes[0], max(sizes[-1], 100_000 if 'n100000_s' in out else sizes[-1])])
    ax.loglog(ns, times[-1] * (ns / sizes[-1])**2, ':', color='gray', label='$n^2$ through the largest run')
    if 'n100000_s' in out: ax.loglog([100_000], [out['n100000_s']], 'D', color='C3', label=f"n = 100,000: {out['n100000_s']:.0f} s")
    ax.loglog([1024], [per['scipy']], 's', color='C1', label=f"scipy + eigvals, n = 1024: {per['scipy']:.2f} s")
    ax.set_xlabel('n'); ax.set_ylabel('seconds (one core)'); ax.legend(fontsize=8); ax.set_title('CUE eigenphases')
    fig.tight_layout(); fig.savefig(FIGURE, dpi=110)
    (RESULTS / 'bench_fast.json').write_text(json.dumps(out, indent=1))
    print(f"\nwritten: {FIGURE}, {RESULTS / 'bench_fast.json'}")


if __name__ == '__main__':
    main()
