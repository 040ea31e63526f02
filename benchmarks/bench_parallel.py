"""Time one ensemble job on every backend of rmtbook.parallel, in the same run, and print the speed-ups.

One command (see benchmarks/README.md):

    .venv/bin/python benchmarks/bench_parallel.py

400 CUE eigenphase sets at N = 256 (`sample_phases('cue', 256, 400, seed)`): serial on one thread,
serial with the default batch threads, 2 worker processes (loky; cold: the pool started inside the
timing, and warm), and Dask on a LocalCluster of 2 single-threaded workers (cold: the cluster started
inside the timing, and warm: on a running cluster). Every run must give the same bits. A second
job measures the per-chunk overhead of each backend: 400 chunks of one 8 x 8 matrix.
"""
import argparse, json, os, platform
from pathlib import Path

import numpy as np
from distributed import Client, LocalCluster

import rmtbook
from rmtbook.parallel import sample_phases
from timing import timed  # benchmarks/timing.py


def kill_pool():
    "Stop loky's reusable workers, so that the next processes run starts them inside its timing."
    from loky import get_reusable_executor
    get_reusable_executor(max_workers=2, env=None).shutdown(wait=True, kill_workers=True)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--n', type=int, default=256, help='matrix size')
    p.add_argument('--count', type=int, default=400, help='number of matrices')
    p.add_argument('--seed', type=int, default=2017)
    p.add_argument('--quick', action='store_true', help='80 matrices instead')
    args = p.parse_args(argv)
    n, count = args.n, (80 if args.quick else args.count)
    job = lambda **kw: (lambda: sample_phases('cue', n, count, args.seed, progress=False, **kw))
    rows, results = [], {}

    def record(label, seconds, phases):
        results[label] = phases
        rows.append((label, seconds))
        print(f"{label:<32} {seconds:8.2f} s", flush=True)

    print(f"{count} CUE eigenphase sets, N = {n}; {os.cpu_count()} cores, numpy {np.__version__}")
    record('serial, 1 thread', *timed(job(workers=1)))
    record('serial (batch threads)', *timed(job()))
    kill_pool()
    record('2 processes (pool start included)', *timed(job(backend='processes', workers=2)))
    record('2 processes (warm pool)', *timed(job(backend='processes', workers=2)))
    record('Dask (LocalCluster start included)', *timed(job(backend='dask', workers=2)))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        record('Dask, 2 workers (running cluster)', *timed(job(backend='dask', client=client)))
        tiny = lambda **kw: (lambda: sample_phases('cue', 8, 400, 1, chunk_size=1, progress=False, **kw))
        overhead = {'serial': timed(tiny())[0], 'processes': timed(tiny(backend='processes', workers=2))[0],
                    'dask': timed(tiny(backend='dask', client=client))[0]}
    identical = all(np.array_equal(r, results['serial, 1 thread']) for r in results.values())
    base = dict(rows)['serial, 1 thread']
    print(f"\nall runs bit-identical: {identical}")
    print("\n| run | seconds | speed-up over 1 thread |\n|---|---|---|")
    for label, seconds in rows: print(f"| {label} | {seconds:.2f} | {base / seconds:.2f} |")
    print("\nper-chunk cost, 400 chunks of one 8 x 8 CUE matrix (ms per chunk):")
    for label, seconds in overhead.items(): print(f"  {label:<10} {1e3 * seconds / 400:6.2f}")
    out = Path(__file__).parent / 'results' / 'bench_parallel.json'
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({'n': n, 'count': count, 'cpus': os.cpu_count(), 'machine': platform.machine(),
                               'rmtbook': rmtbook.__version__ if hasattr(rmtbook, '__version__') else None,
                               'seconds': dict(rows), 'chunk_overhead_s': overhead, 'identical': identical}, indent=1))
    if not identical: raise SystemExit('the backends gave different results')


if __name__ == '__main__':
    main()
