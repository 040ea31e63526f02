"""Time the laws of random networks at initialisation (chapters 16-19) beside the simulations they replace.

One command:

    .venv/bin/python benchmarks/bench_networks.py

No maintained package computes these laws (issue 19), so the reference beside each law is the simulation a reader
would otherwise run to see the same curve: the simulated sample of each chapter's figure.

1. Nonlinear Gram (chapter 16): `nonlinear_gram_law('relu', 0.5, 1.5)` built cold (support and panels; the cache is
   cleared), then pdf, cdf and ppf on 1000 points; beside `nonlinear_gram('relu', 600, 400, 1200, size=16)`.
2. Jacobian (chapter 17): `jacobian_law(critical_point('tanh', 0.3), 8)` (Gaussian weights) built, pdf and cdf on
   1000 points; beside `jacobian_spectra` of 20 torch networks of width 200 and depth 8.
3. NNGP (chapter 18): `nngp_kernel` of 1000 inputs to depth 10 (10^6 pairs per layer), ReLU and erf; beside
   `nngp_monte_carlo` of 5 inputs on 200 torch networks of width 1024, depth 3.
4. Hessian model (chapter 19): `hessian_law(0.25, 0.1)` built cold, pdf, cdf and ppf on 1000 points, and
   `hessian_index` on 100 energies; beside `hessian_spectra(300, 0.25, 0.1, 40)`.

torch runs on one thread (`torch.set_num_threads(1)`), BLAS as the machine has it. Results also go to
`benchmarks/results/bench_networks.json` (not committed). About a minute.
"""
import json, platform, sys
from pathlib import Path
import numpy as np
from timing import timed

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import torch  # noqa: E402
from rmtbook import hessian, jacobian, networks, nngp  # noqa: E402

torch.set_num_threads(1)
rows = []


def row(law, what, seconds, sim=None, sim_seconds=None):
    rows.append(dict(law=law, what=what, seconds=round(seconds, 4), simulation=sim,
                     simulation_seconds=None if sim_seconds is None else round(sim_seconds, 3)))
    print(f"{law:16s} {what:52s} {seconds:8.4f} s" + (f"   | {sim}: {sim_seconds:.2f} s" if sim else ''), flush=True)


# 1. nonlinear Gram
networks._gram_law_parts.cache_clear()
t_build, law = timed(lambda: networks.nonlinear_gram_law('relu', 0.5, 1.5))
x, q = np.linspace(0, 1.4, 1000), np.linspace(0.001, 0.999, 1000)
t_sim, _ = timed(lambda: networks.nonlinear_gram('relu', 600, 400, 1200, size=16, rng=7))
row('nonlinear Gram', "build nonlinear_gram_law('relu', 0.5, 1.5) (cold)", t_build, 'nonlinear_gram 600x400x1200, 16 layers', t_sim)
row('nonlinear Gram', 'pdf, 1000 points', timed(lambda: law.pdf(x))[0])
row('nonlinear Gram', 'cdf, 1000 points', timed(lambda: law.cdf(x))[0])
row('nonlinear Gram', 'ppf, 1000 probabilities', timed(lambda: law.ppf(q))[0])

# 2. Jacobian
point = jacobian.critical_point('tanh', 0.3)
t_build, jlaw = timed(lambda: jacobian.jacobian_law(point, 8, 'gaussian'))
xj = np.linspace(1e-3, 12, 1000)
t_sim, _ = timed(lambda: jacobian.jacobian_spectra(point, 8, 200, 'gaussian', size=20, rng=11))
row('Jacobian', "build jacobian_law(critical tanh, L = 8, Gaussian)", t_build, 'jacobian_spectra N = 200, L = 8, 20 torch networks', t_sim)
row('Jacobian', 'pdf, 1000 points', timed(lambda: jlaw.pdf(xj))[0])
row('Jacobian', 'cdf, 1000 points', timed(lambda: jlaw.cdf(xj))[0])

# 3. NNGP
X = np.random.default_rng(0).standard_normal((1000, 64))
x5 = X[:5]
for act, sw in (('relu', 2.0), ('erf', 2.5)):
    t_k, _ = timed(lambda: nngp.nngp_kernel(X, 10, sw, 0.1, act))
    t_sim, _ = timed(lambda: nngp.nngp_monte_carlo(x5, 3, sw, 0.1, act, width=1024, networks=200, rng=1))
    row('NNGP', f'nngp_kernel, 1000 inputs, depth 10, {act}', t_k, f'nngp_monte_carlo 5 inputs, 200 networks of width 1024 ({act})', t_sim)

# 4. Hessian model
hessian._law_tables.cache_clear()
t_build, hlaw = timed(lambda: (lambda l: (l.cdf(0.0), l)[1])(hessian.hessian_law(0.25, 0.1)))
xh = np.linspace(-1, 3, 1000)
t_sim, _ = timed(lambda: hessian.hessian_spectra(300, 0.25, 0.1, 40, rng=1))
row('Hessian model', 'build hessian_law(0.25, 0.1) and its panels (cold)', t_build, 'hessian_spectra n = 300, 40 matrices', t_sim)
row('Hessian model', 'pdf, 1000 points', timed(lambda: hlaw.pdf(xh))[0])
row('Hessian model', 'cdf, 1000 points', timed(lambda: hlaw.cdf(xh))[0])
row('Hessian model', 'ppf, 1000 probabilities', timed(lambda: hlaw.ppf(q))[0])
hessian._law_tables.cache_clear()
row('Hessian model', 'hessian_index on 100 energies (cold: 100 laws)', timed(lambda: hessian.hessian_index(0.25, np.linspace(0.05, 0.5, 100)))[0])

out = Path(__file__).resolve().parent / 'results'
out.mkdir(exist_ok=True)
(out / 'bench_networks.json').write_text(json.dumps(dict(machine=platform.platform(), numpy=np.__version__, torch=torch.__version__, rows=rows), indent=1))
