"""Time the eigenvalue step of an ensemble job with LAPACK (NumPy) and with torch on a CUDA device.

One command, on a machine where torch sees a GPU (see benchmarks/README.md):

    python benchmarks/bench_gpu.py

CUE eigenphase sets (`sample_phases('cue', n, count, seed)`) at N = 256 and N = 1024, serial with
NumPy/LAPACK (the batch spread over the cores, one thread per LAPACK call) against
`backend='torch', device='cuda'` (the same matrices, drawn by the NumPy streams; `torch.linalg.eigvals`
on the batch), plus the sampling alone, which both share. Prints seconds, the ratio, and the largest
phase difference between the two (the tolerance in rmtbook.parallel.GPU_PHASE_TOL).
"""
import argparse, os

import numpy as np
import torch

from rmtbook.parallel import GPU_PHASE_TOL, sample_phases
from rmtbook.ensembles import cue
from timing import timed  # benchmarks/timing.py


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--sizes', default='256:400,1024:40', help='n:count pairs')
    p.add_argument('--seed', type=int, default=2017)
    args = p.parse_args(argv)
    if not torch.cuda.is_available(): raise SystemExit('torch sees no CUDA device here')
    print(f"{torch.cuda.get_device_name()}, torch {torch.__version__}, numpy {np.__version__}, {os.cpu_count()} cores")
    cores = lambda: len(os.sched_getaffinity(0))
    before = cores()
    sample_phases('cue', 64, 4, 0, backend='torch', device='cuda')  # CUDA context and kernels loaded outside the timings
    print(f"cores this process may use: {before} before torch's first call, {cores()} after")
    print("| n | count | sampling s | LAPACK s | torch cuda s | LAPACK/cuda | max phase diff |\n|---|---|---|---|---|---|---|")
    for pair in args.sizes.split(','):
        n, count = map(int, pair.split(':'))
        t_sample, _ = timed(lambda: cue(n, count, args.seed))
        t_cpu, cpu = timed(lambda: sample_phases('cue', n, count, args.seed, progress=False))
        t_gpu, gpu = timed(lambda: sample_phases('cue', n, count, args.seed, backend='torch', device='cuda', progress=False))
        diff = float(np.abs(cpu - gpu).max())
        print(f"| {n} | {count} | {t_sample:.2f} | {t_cpu:.2f} | {t_gpu:.2f} | {t_cpu / t_gpu:.2f} | {diff:.1e} |", flush=True)
        print(f"cores this process may use now: {cores()}")
        if diff > GPU_PHASE_TOL: raise SystemExit(f'phases differ by {diff:.1e} > {GPU_PHASE_TOL:g}')


if __name__ == '__main__':
    main()
