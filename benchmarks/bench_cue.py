"""Time sampling CUE matrices with their eigenphases: rmtbook vs scipy.stats.unitary_group + eigvals vs bristol.

One command, all three in the same run (see benchmarks/README.md):

    .venv/bin/pip install --no-deps bristol==0.2.14 && .venv/bin/python benchmarks/bench_cue.py

Each method produces `count` Haar unitary matrices of size n and their eigenvalues; the table gives
seconds per method and the ratio of each reference to rmtbook (> 1: rmtbook is faster), in two
settings: "1 core" (every library on one thread: BLAS limited by threadpoolctl, rmtbook's batch
not split, so the figures are CPU seconds) and "all cores" (each library as it runs by default:
multithreaded BLAS for SciPy and bristol, one-thread LAPACK calls spread over the cores for rmtbook).
"""
import argparse, json, os, platform, time
from contextlib import nullcontext
from pathlib import Path

import numpy as np
import scipy
from scipy import stats
from threadpoolctl import threadpool_limits

import rmtbook
from rmtbook.ensembles import cue, eigenphases
from rmtbook.rng import chunk_ranges, linalg_threads


def run_rmtbook(n, count, seed):
    return eigenphases(cue(n, size=count, rng=seed), check_unitary=False)


def run_scipy(n, count, seed):
    u = stats.unitary_group.rvs(n, size=count, random_state=np.random.default_rng(seed))
    return np.linalg.eigvals(u.reshape(count, n, n))


def run_bristol(n, count, seed):
    from bristol.ensembles import Circular  # bristol 0.2.14: one matrix per call, global np.random state
    np.random.seed(seed)
    c = Circular()
    return [c.eigen_circular(n, ensemble='CUE') for _ in range(count)]


def bristol_available():
    try:
        import bristol.ensembles  # noqa: F401
        return True
    except Exception:
        return False


def timed(f, *args):
    t0 = time.perf_counter()
    f(*args)
    return time.perf_counter() - t0


SETTINGS = {'1core': '1 core', 'all': 'all cores'}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--sizes', type=int, nargs='+', default=[256, 1024], help='matrix sizes n (default 256 1024)')
    p.add_argument('--count', type=int, default=100, help='matrices per size (default 100)')
    p.add_argument('--quick', action='store_true', help='20 matrices per size, for a smoke run')
    p.add_argument('--settings', nargs='+', choices=sorted(SETTINGS), default=['1core', 'all'],
                   help='1core: everything on one thread; all: each library on all cores (default both)')
    p.add_argument('--block', type=int, default=10, help='matrices per timed block (default 10)')
    p.add_argument('--seed', type=int, default=2024)
    p.add_argument('--out', default=str(Path(__file__).parent / 'results' / 'bench_cue.json'))
    a = p.parse_args(argv)
    count = 20 if a.quick else a.count
    have_bristol = bristol_available()
    methods = [('rmtbook', run_rmtbook), ('scipy', run_scipy)] + ([('bristol', run_bristol)] if have_bristol else [])
    print(f"rmtbook {rmtbook.__version__}, numpy {np.__version__}, scipy {scipy.__version__}, "
          f"bristol {'0.2.14' if have_bristol else 'not installed (pip install --no-deps bristol==0.2.14)'}; "
          f"{platform.machine()}, {len(os.sched_getaffinity(0))} cores")
    for f in (run_rmtbook, run_scipy): f(8, 2, a.seed)  # warm up imports and LAPACK
    results = []
    for setting in a.settings:
        one = setting == '1core'
        with threadpool_limits(limits=1 if one else None, user_api='blas'), (linalg_threads(1) if one else nullcontext()):
            for n in a.sizes:
                # blocks of matrices, the methods interleaved (order alternating) so that drift in the
                # machine's speed falls on every method alike
                blocks = chunk_ranges(count, chunk_size=a.block)
                times = {name: [] for name, _ in methods}
                for b, r in enumerate(blocks):
                    for name, f in (methods if b % 2 == 0 else methods[::-1]):
                        times[name].append(timed(f, n, len(r), a.seed + r.start))
                row = {'setting': SETTINGS[setting], 'n': n, 'count': count, 'block': a.block,
                       'seconds': {k: sum(v) for k, v in times.items()}, 'block_seconds': times}
                print(f"  {SETTINGS[setting]:9s} n={n:5d} x {count}: " +
                      ', '.join(f"{k} {v:.2f} s" for k, v in row['seconds'].items()), flush=True)
                results.append(row)
    print(f"\nTotal seconds; ratios of totals, and in brackets of median block times (> 1: rmtbook faster)")
    print(f"{'setting':9s} {'n':>6} {'count':>6} {'rmtbook':>8} {'scipy':>8} {'bristol':>8} {'scipy/rmtbook':>16} {'bristol/rmtbook':>16}")
    for r in results:
        sec, med = r['seconds'], {k: float(np.median(v)) for k, v in r['block_seconds'].items()}
        ratio = lambda k: f"{sec[k] / sec['rmtbook']:.2f} [{med[k] / med['rmtbook']:.2f}]" if k in sec else 'n/a'
        print(f"{r['setting']:9s} {r['n']:6d} {r['count']:6d} {sec['rmtbook']:8.2f} {sec['scipy']:8.2f} "
              f"{sec.get('bristol', float('nan')):8.2f} {ratio('scipy'):>16} {ratio('bristol'):>16}")
    out = Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1))
    print(f"\nsaved {out}")


if __name__ == '__main__':
    main()
