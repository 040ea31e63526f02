"""Time cPSE on 20 matrices of 1024 x 1024: rmtbook's corrected `cpse` vs bristol 0.2.14's `cpse_measure_vanilla`.

One command, both packages in the same run (see benchmarks/README.md):

    .venv/bin/pip install --no-deps bristol==0.2.14 && .venv/bin/python benchmarks/bench_cpse.py

Three computations on the same standard normal matrices (float64, and float32 as torch stores weights):

- bristol `cPSE.cpse_measure_vanilla(matrices)`: `eigvals(W W^T)` per matrix (general `geev`), cyclic
  padding, Python-level histograms; it needs torch and imports torchvision, which is given an empty
  stand-in when missing (bristol uses it for nothing here).
- `rmtbook.compat.bristol.cpse_measure_vanilla`: the same numbers (checked to a relative 1e-9).
- `rmtbook.cpse.cpse(matrices)`: squared singular values by its default `method='auto'` (the eigenvalues of W^T W,
  formed in float64 by BLAS syrk, where their error estimate is below 1e-3 of a bin), one shared grid, order-free padding.

Each is run `--repeat` times, the three interleaved; the table gives the median wall seconds, the CPU
seconds of the process, and the ratios bristol / rmtbook (> 1: rmtbook faster).
"""
import argparse, contextlib, io, json, os, platform, sys, time, types
from pathlib import Path

import numpy as np

import rmtbook
from rmtbook.compat import bristol as compat
from rmtbook.cpse import cpse


def bristol_cpse():
    "bristol.cPSE, with an empty torchvision stand-in if the real one is missing (it is imported, never used)."
    try:
        import torchvision  # noqa: F401
    except Exception:
        tv = types.ModuleType('torchvision'); tv.models = types.ModuleType('torchvision.models')
        sys.modules.setdefault('torchvision', tv); sys.modules.setdefault('torchvision.models', tv.models)
    from bristol import cPSE
    return cPSE


def timed(f):
    w0, c0 = time.perf_counter(), time.process_time()
    with contextlib.redirect_stdout(io.StringIO()): out = f()  # bristol prints the number of layers
    return time.perf_counter() - w0, time.process_time() - c0, out


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--n', type=int, default=1024, help='matrix size (default 1024)')
    p.add_argument('--count', type=int, default=20, help='number of matrices (default 20)')
    p.add_argument('--dtypes', nargs='+', default=['float64', 'float32'])
    p.add_argument('--repeat', type=int, default=3)
    p.add_argument('--seed', type=int, default=42)
    p.add_argument('--out', default=str(Path(__file__).parent / 'results' / 'bench_cpse.json'))
    a = p.parse_args(argv)
    cPSE = bristol_cpse()
    print(f"rmtbook {rmtbook.__version__}, numpy {np.__version__}, bristol 0.2.14; {platform.machine()}, "
          f"{len(os.sched_getaffinity(0))} cores; {a.count} matrices of {a.n} x {a.n}, {a.repeat} repeats")
    rows = []
    for dtype in a.dtypes:
        rng = np.random.default_rng(a.seed)
        matrices = [rng.standard_normal((a.n, a.n)).astype(dtype) for _ in range(a.count)]
        jobs = {'bristol': lambda: cPSE.cpse_measure_vanilla(matrices),
                'compat': lambda: compat.cpse_measure_vanilla(matrices),
                'rmtbook': lambda: cpse(matrices)}
        wall, cpu, out = {k: [] for k in jobs}, {k: [] for k in jobs}, {}
        for _ in range(a.repeat):
            for k, f in jobs.items():
                w, c, out[k] = timed(f)
                wall[k].append(w); cpu[k].append(c)
        np.testing.assert_allclose(out['compat'][0], out['bristol'][0], rtol=1e-9)
        med = {k: float(np.median(v)) for k, v in wall.items()}
        medc = {k: float(np.median(v)) for k, v in cpu.items()}
        rows.append(dict(dtype=dtype, wall=med, cpu=medc, bristol_cpse=float(out['bristol'][1]), rmtbook_cpse=out['rmtbook'].value,
                         ratio_wall=med['bristol'] / med['rmtbook'], ratio_cpu=medc['bristol'] / medc['rmtbook'],
                         ratio_compat=med['bristol'] / med['compat']))
    print('\n| dtype | bristol s (CPU s) | compat s | rmtbook s (CPU s) | bristol/compat | bristol/rmtbook wall | CPU |')
    print('|---|---|---|---|---|---|---|')
    for r in rows:
        print(f"| {r['dtype']} | {r['wall']['bristol']:.2f} ({r['cpu']['bristol']:.1f}) | {r['wall']['compat']:.2f} | "
              f"{r['wall']['rmtbook']:.2f} ({r['cpu']['rmtbook']:.1f}) | {r['ratio_compat']:.2f} | {r['ratio_wall']:.2f} | {r['ratio_cpu']:.2f} |")
    for r in rows: print(f"{r['dtype']}: cPSE published measure {r['bristol_cpse']:.6f}, corrected {r['rmtbook_cpse']:.6f}")
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(dict(n=a.n, count=a.count, cores=len(os.sched_getaffinity(0)), rows=rows), indent=1))


if __name__ == '__main__':
    main()
