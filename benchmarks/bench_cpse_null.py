"""Time the null model of cPSE (`rmtbook.cpse.cpse_null`): its draws on threads against the same draws on one.

One command (see benchmarks/README.md, section "The null model of cPSE"):

    .venv/bin/python benchmarks/bench_cpse_null.py

For the layer shapes of chapter 6's MLP (784-512-256-256-128-10) and of the tour's MLP (64-128-128-96-64-10),
`cpse_null(shapes, 'kaiming', draws, rng=0)` runs with `linalg_threads(1)` (every draw in turn, one BLAS thread)
and with the default: `get_linalg_threads()` threads, each draw's SVDs on one BLAS thread, when a draw's SVD work
sum(p q min(p, q)) reaches 5 * 2^20, else serial (the threshold this benchmark sets). Both must give the same bits
(checked); the table gives the median wall seconds of `--repeat` runs, interleaved, and the ratio.
There is no reference package with a null model of cPSE: the reference is rmtbook's own serial path.
"""
import argparse, json, os, platform, time
from pathlib import Path
import numpy as np
import rmtbook
from rmtbook.core import get_linalg_threads, linalg_threads
from rmtbook.cpse import cpse_null

SHAPES = {'chapter 6 MLP 784-512-256-256-128-10': [(512, 784), (256, 512), (256, 256), (128, 256), (10, 128)],
          'tour MLP 64-128-128-96-64-10': [(128, 64), (128, 128), (96, 128), (64, 96), (10, 64)],
          **{f'5 layers {n} x {n}': [(n, n)] * 5 for n in (64, 96, 112, 128, 256)}}


def timed(f):
    t0 = time.perf_counter(); out = f()
    return time.perf_counter() - t0, out


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--draws', type=int, default=100)
    p.add_argument('--repeat', type=int, default=3)
    p.add_argument('--out', default=str(Path(__file__).parent / 'results' / 'bench_cpse_null.json'))
    a = p.parse_args(argv)
    threads = get_linalg_threads()
    print(f"rmtbook {rmtbook.__version__}, numpy {np.__version__}; {platform.machine()}, {len(os.sched_getaffinity(0))} cores, "
          f"{threads} linalg threads; {a.draws} Kaiming draws, {a.repeat} repeats")
    rows = []
    for name, shapes in SHAPES.items():
        work = sum(p * q * min(p, q) for p, q in shapes) / 2**20
        serial, threaded = [], []
        for _ in range(a.repeat):
            with linalg_threads(1): w1, one = timed(lambda: cpse_null(shapes, 'kaiming', a.draws, rng=0))
            wk, many = timed(lambda: cpse_null(shapes, 'kaiming', a.draws, rng=0))
            assert np.array_equal(one.d_layers, many.d_layers, equal_nan=True), 'threads changed the bits'
            serial.append(w1); threaded.append(wk)
        s, t = float(np.median(serial)), float(np.median(threaded))
        rows.append(dict(shapes=name, work=work, draws=a.draws, serial_s=s, threaded_s=t, threads=threads, ratio=s / t))
    print('\n| layer shapes | SVD work per draw (2^20) | draws | 1 thread s | default s | 1 thread / default |')
    print('|---|---|---|---|---|---|')
    for r in rows:
        print(f"| {r['shapes']} | {r['work']:.1f} | {r['draws']} | {r['serial_s']:.2f} | {r['threaded_s']:.2f} | {r['ratio']:.2f} |")
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(rows, indent=1) + '\n')


if __name__ == '__main__':
    main()
