"""Time spectral ergodicity (Omega) and the distance D: rmtbook vs bristol 0.2.14 on the same eigenvalues.

One command, both packages in the same run (see benchmarks/README.md):

    .venv/bin/pip install --no-deps bristol==0.2.14 && .venv/bin/python benchmarks/bench_ergodicity.py

The ensemble is M = 1000 spectra of N = 1024 eigenvalues on the unit circle (and M spectra of N = 512
for the distance between consecutive sizes). The phases are independent and uniform: what Omega and
D cost depends on how many values land in how many bins, not on their correlations, and 1000 dense
CUE matrices of size 1024 would take an hour to sample. Four computations at bin widths 0.2 and 1e-4:

- Omega at N = 1024: bristol `Ergodicity().thirumalai_mountain(c, M, N, delta)` on the flat complex
  eigenvalues; `rmtbook.compat.bristol.thirumalai_mountain` on the same input (same numbers, checked);
  `rmtbook.ergodicity.spectral_ergodicity(phases, delta)` on the (M, N) phases.
- D between N = 512 and N = 1024: bristol `approach_se`, the compat `approach_se`, and
  `rmtbook.ergodicity.approach_to_ergodicity`.

Each is run `--repeat` times, the packages interleaved; the table gives the median seconds and the
ratio bristol / rmtbook (> 1: rmtbook faster).
"""
import argparse, json, os, platform
from pathlib import Path

import numpy as np

import rmtbook
from rmtbook.compat import bristol as compat
from rmtbook.ergodicity import approach_to_ergodicity, spectral_ergodicity
from rmtbook.spectra import uniform_phases
from timing import timed  # benchmarks/timing.py


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--m', type=int, default=1000, help='spectra per size (default 1000)')
    p.add_argument('--n', type=int, default=1024, help='eigenvalues per spectrum (default 1024; D also uses n // 2)')
    p.add_argument('--widths', type=float, nargs='+', default=[0.2, 1e-4])
    p.add_argument('--repeat', type=int, default=5)
    p.add_argument('--seed', type=int, default=2017)
    p.add_argument('--out', default=str(Path(__file__).parent / 'results' / 'bench_ergodicity.json'))
    a = p.parse_args(argv)
    from bristol.spectral import Ergodicity  # bristol 0.2.14, installed with --no-deps
    ergo = Ergodicity()
    print(f"rmtbook {rmtbook.__version__}, numpy {np.__version__}, bristol 0.2.14; {platform.machine()}, "
          f"{len(os.sched_getaffinity(0))} cores; M = {a.m}, N = {a.n} (and {a.n // 2}), {a.repeat} repeats")
    sizes = [a.n // 2, a.n]
    phases = {n: uniform_phases(n, size=a.m, rng=a.seed + n) for n in sizes}
    flat = {n: np.exp(1j * phases[n]).ravel() for n in sizes}
    data = {f'N{n}': {'c_eigen': flat[n]} for n in sizes}
    rows = []
    for width in a.widths:
        jobs = {
            'Omega': {'bristol': lambda: ergo.thirumalai_mountain(flat[a.n], a.m, a.n, width),
                      'compat': lambda: compat.thirumalai_mountain(flat[a.n], a.m, a.n, width),
                      'rmtbook': lambda: spectral_ergodicity(phases[a.n], width)},
            'D': {'bristol': lambda: ergo.approach_se(sizes, a.m, data, width),
                  'compat': lambda: compat.approach_se(sizes, a.m, data, width),
                  'rmtbook': lambda: approach_to_ergodicity(phases, width)},
        }
        for what, methods in jobs.items():
            times, outs = {k: [] for k in methods}, {}
            for r in range(a.repeat):
                for name, f in (list(methods.items()) if r % 2 == 0 else list(methods.items())[::-1]):
                    t, outs[name] = timed(f)
                    times[name].append(t)
            np.testing.assert_allclose(outs['compat'], outs['bristol'], rtol=1e-12, atol=0)  # same numbers
            med = {k: float(np.median(v)) for k, v in times.items()}
            row = {'quantity': what, 'width': width, 'm': a.m, 'n': a.n, 'median_seconds': med, 'seconds': times,
                   'value_rmtbook': np.asarray(outs['rmtbook']).sum().item(), 'value_bristol': np.asarray(outs['bristol']).sum().item()}
            rows.append(row)
            print(f"  {what:5s} width {width:g}: " + ', '.join(f"{k} {v:.4f} s" for k, v in med.items()), flush=True)
    print(f"\nMedian seconds; ratio bristol / rmtbook (> 1: rmtbook faster)")
    print(f"{'quantity':8s} {'width':>7} {'bristol':>9} {'compat':>9} {'rmtbook':>9} {'bristol/compat':>15} {'bristol/rmtbook':>16}")
    for r in rows:
        s = r['median_seconds']
        print(f"{r['quantity']:8s} {r['width']:7g} {s['bristol']:9.4f} {s['compat']:9.4f} {s['rmtbook']:9.4f} "
              f"{s['bristol'] / s['compat']:15.1f} {s['bristol'] / s['rmtbook']:16.1f}")
    out = Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(rows, indent=1))
    print(f"\nsaved {out}")


if __name__ == '__main__':
    main()
