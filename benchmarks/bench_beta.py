"""Time rmtbook's β-ensembles at any size (tridiagonal models, Sturm counts, Tracy-Widom) against dense and scikit-rmt.

One command, scikit-rmt installed into .cache/scikit-rmt-2.1.1 by the script itself (see benchmarks/README.md):

    .venv/bin/python benchmarks/bench_beta.py

1. numba's compile time for the Sturm-count kernel, apart: a fresh process with an empty cache folder compiles
   it, a second process loads it from that cache (both include importing rmtbook.fast).
2. The Sturm-count density, `tridiagonal_histogram` with 1000 bins over [-2.1 sqrt n, 2.1 sqrt n], at n = 10^5
   and 10^6: the process's first call (numba loads its cache) apart from a warm second call, on numba's default
   threads and on one.
3. Tracy-Widom: `tracy_widom(beta).pdf` on 1000 points of [-8, 6] (first and second call) and `.mean()`
   (first call), beta = 1, 2, 4, before anything else in the process evaluates the laws.
4. The eigenvalue route, one spectrum on one thread: `hermite_beta(n, 2.0)` at n = 10^4 and 10^5 (sampling
   timed apart, sterf: the rest of `hermite_beta`'s time) and `laguerre_beta(10^4, 2 * 10^4, 2.0)`; at each n
   the Sturm histogram (best of 3) against all eigenvalues + `np.histogram` on the same matrix, counts compared
   bin by bin; the eigenvalues at n = 10^6 extrapolated as n^2. `--quick` skips n = 10^5 (about 150 s), and with
   it the n = 10^5 comparisons.
5. Dense: `np.linalg.eigvalsh(goe(n))` on one thread at the largest n of 2000, 5000, 10000 whose matrix and
   workspace (4 n^2 doubles) take at most 1/4 of the available memory (`--dense-n` sets it), beside
   `hermite_beta(n, 1.0)` (the same ensemble) at that n; the dense time extrapolated as n^3 to 10^5.
6. scikit-rmt 2.1.1 (`pip install --no-deps` into the cache; it imports numpy, scipy and matplotlib, all in the
   venv, and `scipy.misc.derivative`, removed in SciPy 1.12, which gets a stand-in copied from SciPy 1.11):
   `GaussianEnsemble(beta=2, n=n, tridiagonal_form=True)` + `.eigvals()` and
   `WishartEnsemble(beta=2, p=n, n=2n, tridiagonal_form=True)` + `.eigvals()` at n = 10^4 (the samplers best of
   2: in a trial run the first 800 MB array of the process took 1.7 s, the next 0.08 s), its Sturm histogram
   `tridiag_eigval_hist` at n = 10^4, and `TracyWidomDistribution(beta).pdf` beside section 3's values. Its
   samplers form the dense n x n array (`sparse.diags(...).toarray()`), so n = 10^5 (75 GiB) is not run where
   it does not fit. Normalisation: the variance of its diagonal, its Wishart scale, and the scaled largest
   eigenvalue of `--edge-draws` draws at n = 200 (mean and variance beside TW_2 and hermite_beta).
7. `map_spectra('hermite', 4000, 8, rng=1, beta=2.0)`: serial against 2 worker processes (pool start
   included, then warm), and whether the bits are identical (skipped with a note if the ensemble is missing).

Sections 4-6 time on one thread (`linalg_threads(1)` and a threadpoolctl BLAS limit of 1); the Sturm counts
use numba's threads as stated. Results go to benchmarks/results/bench_beta.json (not committed).
"""
import argparse, json, os, platform, sys, warnings
from datetime import date
from pathlib import Path

import numpy as np
import scipy
from threadpoolctl import threadpool_limits

import rmtbook
from rmtbook.core import available_memory
from rmtbook.ensembles import goe, hermite_beta, hermite_tridiagonal, laguerre_beta, tridiagonal_eigenvalues
from rmtbook.rng import linalg_threads
from rmtbook.spectra import tracy_widom
from timing import numba_compile_seconds, timed  # benchmarks/timing.py

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).parent / 'results'
SKRMT_VERSION = '2.1.1'
SKRMT = ROOT / '.cache' / f'scikit-rmt-{SKRMT_VERSION}'
GIB = 2**30


def compile_seconds():
    "Seconds to the kernel's first result in a fresh process: with an empty numba cache, then with that cache."
    return numba_compile_seconds('import numpy as np; from rmtbook.fast import tridiagonal_histogram as h; h(np.zeros(4), np.ones(3), np.linspace(-3, 3, 5))')


def derivative(func, x0, dx=1.0, n=1, args=(), order=3):
    "SciPy 1.11's `scipy.misc.derivative` for a first derivative (its fixed central-difference weights), which scikit-rmt imports."
    if n != 1 or order not in (3, 5, 7, 9): raise NotImplementedError('the stand-in covers first derivatives of order 3-9')
    weights = {3: np.array([-1, 0, 1]) / 2.0, 5: np.array([1, -8, 0, 8, -1]) / 12.0,
               7: np.array([-1, 9, -45, 0, 45, -9, 1]) / 60.0, 9: np.array([3, -32, 168, -672, 0, 672, -168, 32, -3]) / 840.0}[order]
    ho, val = order >> 1, 0.0
    for k in range(order): val += weights[k] * func(x0 + (k - ho) * dx, *args)
    return val / dx


def skrmt_ensemble():
    "scikit-rmt's `skrmt.ensemble`, installed into the cache once; `scipy.misc.derivative` restored where this SciPy lacks it."
    sys.path.insert(0, str(ROOT / 'tests'))
    from reference import pip_into_cache  # tests/reference.py
    pip_into_cache(SKRMT, [f'scikit-rmt=={SKRMT_VERSION}'], 'skrmt/ensemble/gaussian_ensemble.py', timeout=300)
    sys.path.insert(0, str(SKRMT))
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', DeprecationWarning)
        import scipy.misc
    if not hasattr(scipy.misc, 'derivative'): scipy.misc.derivative = derivative
    import skrmt, skrmt.ensemble
    return skrmt.__version__, skrmt.ensemble


def best(f, repeat=3):
    "The shortest of `repeat` timings of `f()`, and its result: for calls of milliseconds on a shared machine."
    runs = [timed(f) for _ in range(repeat)]
    return min(t for t, _ in runs), runs[-1][1]


def skrmt_largest(ensemble):
    "The largest eigenvalue of a fresh draw of a scikit-rmt ensemble (its global NumPy stream)."
    ensemble.resample()
    return ensemble.eigvals()[-1]


def sturm_edges(n, bins=1000):
    return np.linspace(-2.1, 2.1, bins + 1) * np.sqrt(n)


def eigen_histogram(ev, edges):
    "np.histogram's counts, and the counts on the bins (e_k, e_k+1] that `tridiagonal_histogram` uses."
    return np.histogram(ev, edges)[0], np.diff(np.searchsorted(ev, edges, side='right'))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--quick', action='store_true', help='skip n = 10^5 on the eigenvalue route (and its comparisons)')
    p.add_argument('--dense-n', type=int, default=None, help='size of the dense GOE run (default: the largest of 2000, 5000, 10000 that fits)')
    p.add_argument('--edge-draws', type=int, default=4000, help='draws at n = 200 for the largest-eigenvalue check of scikit-rmt')
    args = p.parse_args(argv)
    import numba
    out = {'date': str(date.today()), 'cpus': os.cpu_count(), 'machine': platform.machine(), 'numpy': np.__version__,
           'scipy': scipy.__version__, 'numba': numba.__version__, 'rmtbook': rmtbook.__version__,
           'available_memory_gib': available_memory() / GIB, 'numba_threads': numba.get_num_threads(), 'quick': args.quick}
    rows = []  # (what, n, seconds, note) for the closing table

    def save():
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / 'bench_beta.json').write_text(json.dumps(out, indent=1))

    print(f"rmtbook {rmtbook.__version__}, numpy {np.__version__}, scipy {scipy.__version__}, numba {numba.__version__}; "
          f"{os.cpu_count()} cores, {out['available_memory_gib']:.1f} GiB available", flush=True)

    # 1. numba's compile time, in other processes
    cold, warm = compile_seconds()
    out['compile_s'], out['cache_load_s'] = cold, warm
    rows += [('numba compile, Sturm kernel (fresh process, empty cache)', '', cold, 'import included'),
             ('same, from numba\'s cache', '', warm, '')]
    print(f"\nnumba: first call {cold:.2f} s compiling, {warm:.2f} s from the cache (importing rmtbook.fast included)", flush=True)

    # 2. Sturm-count density: the process's first call comes first, before anything else touches the kernel
    from rmtbook.fast import tridiagonal_histogram
    sturm = out['sturm'] = {}
    print(f"\nSturm-count density, 1000 bins over [-2.1 sqrt n, 2.1 sqrt n], numba threads {numba.get_num_threads()}:")
    for n in (100_000, 1_000_000):
        t_sample, (d, e) = timed(lambda: hermite_tridiagonal(n, 2.0, rng=1))
        edges = sturm_edges(n)
        t_first, h = timed(lambda: tridiagonal_histogram(d, e, edges))
        t_warm, h2 = timed(lambda: tridiagonal_histogram(d, e, edges))
        threads = numba.get_num_threads(); numba.set_num_threads(1)
        t_one, h3 = timed(lambda: tridiagonal_histogram(d, e, edges))
        numba.set_num_threads(threads)
        same = bool(np.array_equal(h, h2) and np.array_equal(h, h3))
        sturm[n] = {'sample_s': t_sample, 'first_s': t_first, 'warm_s': t_warm, 'one_thread_s': t_one,
                    'counted': int(h.sum()), 'same_counts_each_call': same}
        print(f"  n = {n:>9,}: sampling {t_sample:.3f} s; histogram first call {t_first:.3f} s, warm {t_warm:.3f} s, "
              f"one thread {t_one:.3f} s; {int(h.sum())} of {n} counted; calls agree: {same}", flush=True)
        rows += [('Sturm histogram, 1000 bins, first call in the process' if n == 100_000 else 'Sturm histogram, 1000 bins, first call at this n',
                  n, t_first, ''), ('Sturm histogram, 1000 bins, warm', n, t_warm, f'{threads} numba threads'),
                 ('Sturm histogram, 1000 bins, warm, 1 thread', n, t_one, '')]
    save()

    # 3. Tracy-Widom, before anything else in this process evaluates the laws
    x = np.linspace(-8, 6, 1000)
    tw = out['tracy_widom'] = {}
    pdfs = {}
    print("\nTracy-Widom pdf on 1000 points of [-8, 6], and the mean:")
    for b in (1, 2, 4):
        t_first, pdfs[b] = timed(lambda: tracy_widom(b).pdf(x))
        t_second, _ = timed(lambda: tracy_widom(b).pdf(x))
        t_mean, mean = timed(lambda: tracy_widom(b).mean())
        tw[b] = {'pdf_first_s': t_first, 'pdf_second_s': t_second, 'mean_first_s': t_mean, 'mean': float(mean)}
        print(f"  beta = {b}: pdf {t_first:.3f} s first call, {t_second:.3f} s second; mean {mean:.4f} in {t_mean:.3f} s (first call)", flush=True)
        rows += [(f'tracy_widom({b}).pdf, 1000 points, first call', '', t_first, f'second call {t_second:.3f} s'),
                 (f'tracy_widom({b}).mean(), first call', '', t_mean, '')]
    pdfs['4original'] = tracy_widom(4, 'original').pdf(x)
    save()

    with linalg_threads(1), threadpool_limits(1):
        # 4. the eigenvalue route
        route = out['eigenvalue_route'] = {}
        print("\nthe eigenvalue route, one spectrum, one thread:")
        assert np.array_equal(hermite_beta(1000, 2.0, rng=1), tridiagonal_eigenvalues(*hermite_tridiagonal(1000, 2.0, rng=1))), \
            'hermite_beta(n, beta, rng=1) must be the eigenvalues of hermite_tridiagonal(n, beta, rng=1)'
        for n in ((10_000,) if args.quick else (10_000, 100_000)):
            t_sample, (d, e) = timed(lambda: hermite_tridiagonal(n, 2.0, rng=1))
            t_total, ev = timed(lambda: hermite_beta(n, 2.0, rng=1))
            t_eig = t_total - t_sample  # sterf: hermite_beta samples the same (d, e), checked above
            edges = sturm_edges(n)
            t_hist, (numpy_counts, right_counts) = timed(lambda: eigen_histogram(ev, edges))
            t_sturm, counts = best(lambda: tridiagonal_histogram(d, e, edges))
            route[n] = {'sample_s': t_sample, 'sterf_s': t_eig, 'hermite_beta_s': t_total, 'np_histogram_s': t_hist,
                        'sturm_s': t_sturm, 'largest_over_2sqrt_n': float(ev[-1] / (2 * np.sqrt(n))),
                        'bins_differing_from_np_histogram': int((counts != numpy_counts).sum()),
                        'bins_differing_on_the_same_bins': int((counts != right_counts).sum())}
            print(f"  hermite_beta(n = {n:,}, beta = 2): {t_total:.2f} s (sampling {t_sample:.3f} s, sterf {t_eig:.2f} s); "
                  f"largest / 2 sqrt n = {ev[-1] / (2 * np.sqrt(n)):.4f}", flush=True)
            print(f"    histogram from the eigenvalues {t_eig + t_hist:.2f} s (np.histogram {t_hist:.4f} s) against Sturm counts "
                  f"{t_sturm:.4f} s (best of 3): {(t_eig + t_hist) / t_sturm:.0f}x; bins differing from np.histogram: "
                  f"{route[n]['bins_differing_from_np_histogram']} (on the same half-open bins: {route[n]['bins_differing_on_the_same_bins']})", flush=True)
            rows += [('hermite_beta, beta = 2 (sampling + sterf)', n, t_total, f'sterf {t_eig:.2f} s'),
                     ('1000-bin histogram: eigenvalues + np.histogram', n, t_eig + t_hist,
                      f"{(t_eig + t_hist) / t_sturm:.0f}x the Sturm counts ({t_sturm:.4f} s, best of 3); identical bins: "
                      f"{1000 - route[n]['bins_differing_from_np_histogram']}/1000")]
        big = route.get(100_000)
        base_n, base_t = (100_000, big['sterf_s']) if big else (10_000, route[10_000]['sterf_s'])
        out['eigen_1e6_extrapolated_s'] = base_t * (1_000_000 / base_n)**2
        print(f"  eigenvalues at n = 10^6, extrapolated as n^2 from n = {base_n:,}: {out['eigen_1e6_extrapolated_s']:.0f} s "
              f"(against the Sturm histogram's {sturm[1_000_000]['warm_s']:.2f} s)", flush=True)
        rows.append(('eigenvalues (sterf) **extrapolated** as n^2', 1_000_000, out['eigen_1e6_extrapolated_s'], f'from n = {base_n:,}'))
        n, m = 10_000, 20_000
        t_lag, lev = timed(lambda: laguerre_beta(n, m, 2.0, rng=1))
        route['laguerre'] = {'n': n, 'm': m, 'seconds': t_lag, 'mean_eigenvalue_over_m': float(lev.mean() / m)}
        print(f"  laguerre_beta(n = {n:,}, m = {m:,}, beta = 2): {t_lag:.2f} s; mean eigenvalue / m = {lev.mean() / m:.4f}", flush=True)
        rows.append(('laguerre_beta, m = 2n, beta = 2', n, t_lag, ''))
        save()

        # 5. dense GOE at the largest size that fits
        avail = available_memory()
        fits = [k for k in (2000, 5000, 10_000) if 4 * 8 * k**2 <= avail / 4]
        nd = args.dense_n or (fits[-1] if fits else None)
        if nd is None or 4 * 8 * nd**2 > avail / 4:
            print(f"\ndense GOE skipped: n = {nd} needs {4 * 8 * (nd or 2000)**2 / GIB:.1f} GiB, above 1/4 of {avail / GIB:.1f} GiB", flush=True)
        else:
            t_dense, _ = timed(lambda: np.linalg.eigvalsh(goe(nd, rng=1)))
            t_tri, _ = timed(lambda: hermite_beta(nd, 1.0, rng=1))
            extra = t_dense * (100_000 / nd)**3
            out['dense'] = {'n': nd, 'eigvalsh_goe_s': t_dense, 'hermite_beta_1_s': t_tri, 'ratio': t_dense / t_tri,
                            'extrapolated_1e5_s': extra, 'matrix_1e5_gib': 8 * 1e10 / GIB}
            print(f"\ndense GOE at n = {nd:,} (largest of 2000, 5000, 10000 with 4 n^2 doubles <= 1/4 of {avail / GIB:.1f} GiB): "
                  f"eigvalsh(goe(n)) {t_dense:.2f} s against hermite_beta(n, 1.0) {t_tri:.3f} s: {t_dense / t_tri:.0f}x", flush=True)
            print(f"  dense at n = 100,000, EXTRAPOLATED as n^3 (not run; the matrix alone is 74.5 GiB): {extra:.0f} s "
                  f"({extra / 3600:.1f} h)", flush=True)
            rows += [('dense eigvalsh(goe(n)), GOE', nd, t_dense, f'{t_dense / t_tri:.0f}x hermite_beta(n, 1.0) ({t_tri:.3f} s)'),
                     ('dense eigvalsh(goe(n)) **extrapolated** as n^3', 100_000, extra, f'from n = {nd:,}; not run (74.5 GiB matrix)')]
        save()

        # 6. scikit-rmt
        sk = out['skrmt'] = {}
        try:
            version, ens = skrmt_ensemble()
        except Exception as exc:  # noqa: BLE001 - a reference package that will not install or import is reported, not fatal
            print(f"\nscikit-rmt skipped: {type(exc).__name__}: {exc}", flush=True)
            sk['error'] = f'{type(exc).__name__}: {exc}'
            version, ens = None, None
        if ens is not None:
            sk['version'] = version
            print(f"\nscikit-rmt {version} (tridiagonal samplers; its eigenvalues by scipy eigvalsh_tridiagonal, driver 'auto' = stevd):")
            for n in ((10_000,) if args.quick else (10_000, 100_000)):
                need = 8 * n**2
                if need > available_memory() / 2:
                    sk[f'gaussian_{n}'] = {'skipped': f'dense n x n array of {need / GIB:.1f} GiB'}
                    print(f"  n = {n:,}: not run: GaussianEnsemble/WishartEnsemble(tridiagonal_form=True) form the dense n x n "
                          f"array, {need / GIB:.1f} GiB, with {available_memory() / GIB:.1f} GiB available", flush=True)
                    rows.append(('scikit-rmt GaussianEnsemble(tridiagonal_form=True)', n, float('nan'), f'not run: {need / GIB:.1f} GiB dense array'))
                    continue
                t_s1, g = timed(lambda: ens.GaussianEnsemble(beta=2, n=n, tridiagonal_form=True, random_state=1))
                del g
                t_s2, g = timed(lambda: ens.GaussianEnsemble(beta=2, n=n, tridiagonal_form=True, random_state=1))
                t_s = min(t_s1, t_s2)
                t_e, ev = timed(g.eigvals)
                ours = route[n]['hermite_beta_s']
                diag_var = float(np.var(np.diag(g.matrix)))
                sk[f'gaussian_{n}'] = {'sample_s': t_s, 'sample_first_s': t_s1, 'eigvals_s': t_e, 'total_s': t_s + t_e, 'ratio_to_hermite_beta': (t_s + t_e) / ours,
                                       'largest_over_2sqrt_2n': float(ev[-1] / (2 * np.sqrt(2 * n))), 'diagonal_variance': diag_var}
                print(f"  GaussianEnsemble(beta=2, n={n:,}, tridiagonal_form=True) {t_s:.2f} s (best of 2; first {t_s1:.2f} s) + .eigvals() {t_e:.2f} s = {t_s + t_e:.2f} s "
                      f"against hermite_beta {ours:.2f} s: {(t_s + t_e) / ours:.2f}x", flush=True)
                print(f"    its scale: largest / 2 sqrt(2n) = {ev[-1] / (2 * np.sqrt(2 * n)):.4f} (semicircle on +-2 sqrt(2n) for beta = 2, "
                      f"sqrt 2 times hermite_beta's); diagonal variance {diag_var:.3f} (Dumitriu-Edelman in that scale: 2)", flush=True)
                rows.append(('scikit-rmt GaussianEnsemble(beta=2, tridiagonal_form=True) + eigvals', n, t_s + t_e,
                             f'{(t_s + t_e) / ours:.2f}x hermite_beta (sampling {t_s:.2f} s)'))
                if n == 10_000:
                    edges = sturm_edges(2 * n)  # its scale: semicircle on +-2 sqrt(2n)
                    t_skh, (skh, _) = timed(lambda: ens.tridiag_eigval_hist(g.matrix, interval=(edges[0], edges[-1]), bins=list(edges)))
                    dd, ee = np.diag(g.matrix).copy(), np.diag(g.matrix, 1).copy()
                    t_our, our = best(lambda: tridiagonal_histogram(dd, ee, edges))
                    differ = int((skh.astype(np.int64) != our).sum())
                    sk['sturm_10000'] = {'skrmt_s': t_skh, 'rmtbook_s': t_our, 'ratio': t_skh / t_our, 'bins_differing': differ}
                    print(f"  tridiag_eigval_hist, 1000 bins, its n = {n:,} matrix: {t_skh:.2f} s against tridiagonal_histogram "
                          f"{t_our:.4f} s: {t_skh / t_our:.0f}x; bins differing: {differ}", flush=True)
                    rows.append(('scikit-rmt tridiag_eigval_hist, 1000 bins (its matrix)', n, t_skh,
                                 f'{t_skh / t_our:.0f}x tridiagonal_histogram on the same matrix ({t_our:.4f} s, best of 3); bins differing: {differ}'))
                    del dd, ee
                del g
                t_ws1, w = timed(lambda: ens.WishartEnsemble(beta=2, p=n, n=2 * n, tridiagonal_form=True, random_state=1))
                del w
                t_ws2, w = timed(lambda: ens.WishartEnsemble(beta=2, p=n, n=2 * n, tridiagonal_form=True, random_state=1))
                t_ws = min(t_ws1, t_ws2)
                t_we, wev = timed(w.eigvals)
                if route.get('laguerre', {}).get('n') == n:
                    ours = route['laguerre']['seconds']
                    sk[f'wishart_{n}'] = {'sample_s': t_ws, 'sample_first_s': t_ws1, 'eigvals_s': t_we, 'total_s': t_ws + t_we, 'ratio_to_laguerre_beta': (t_ws + t_we) / ours,
                                          'mean_eigenvalue_over_m': float(wev.mean() / (2 * n))}
                    print(f"  WishartEnsemble(beta=2, p={n:,}, n={2 * n:,}, tridiagonal_form=True) {t_ws:.2f} s (best of 2; first {t_ws1:.2f} s) + .eigvals() {t_we:.2f} s "
                          f"against laguerre_beta {ours:.2f} s: {(t_ws + t_we) / ours:.2f}x; mean eigenvalue / m = {wev.mean() / (2 * n):.4f} "
                          f"(laguerre_beta: {route['laguerre']['mean_eigenvalue_over_m']:.4f}; its E|X_ij|^2 is beta)", flush=True)
                    rows.append(('scikit-rmt WishartEnsemble(beta=2, p=n, n=2n, tridiagonal_form=True) + eigvals', n, t_ws + t_we,
                                 f'{(t_ws + t_we) / ours:.2f}x laguerre_beta'))
                del w
            for b in (1, 2, 4):
                t_sk, skpdf = timed(lambda: ens.TracyWidomDistribution(beta=b).pdf(x))
                diff = float(np.abs(skpdf - pdfs[b]).max())
                tw[b].update(skrmt_s=t_sk, max_abs_difference=diff)
                note = f"scikit-rmt TracyWidomDistribution({b}) + pdf {t_sk:.4f} s; largest |difference| {diff:.1e}"
                if b == 4:
                    tw[b]['max_abs_difference_original_convention'] = float(np.abs(skpdf - pdfs['4original']).max())
                    note += f" ({tw[b]['max_abs_difference_original_convention']:.1e} from tracy_widom(4, 'original'))"
                print(f"  {note}", flush=True)
                rows.append((f'scikit-rmt TracyWidomDistribution({b}).pdf, 1000 points', '', t_sk, note.split('; ')[1]))
            # the largest eigenvalue, scaled to TW_2: cheap at n = 200
            n, k = 200, args.edge_draws
            g = ens.GaussianEnsemble(beta=2, n=n, tridiagonal_form=True, random_state=2)
            t_sk, sk_top = timed(lambda: np.array([skrmt_largest(g) for _ in range(k)]) / np.sqrt(2))
            t_ours, our_top = timed(lambda: hermite_beta(n, 2.0, size=k, rng=2, largest=1)[:, 0])
            law = tracy_widom(2)
            scaled = lambda top: (top - 2 * np.sqrt(n)) * n**(1 / 6)
            edge = {'n': n, 'draws': k, 'tw2_mean': float(law.mean()), 'tw2_var': float(law.var()), 'skrmt_s': t_sk, 'hermite_beta_s': t_ours}
            for name, top in (('skrmt', sk_top), ('rmtbook', our_top)):
                s = scaled(top)
                edge[name] = {'mean': float(s.mean()), 'mean_se': float(s.std() / np.sqrt(k)), 'var': float(s.var()),
                              'var_se': float(s.var() * np.sqrt(2 / (k - 1)))}
            sk['largest_eigenvalue'] = edge
            print(f"  largest eigenvalue, (l - 2 sqrt n) n^(1/6) over {k} draws at n = {n} (skrmt's divided by sqrt 2): "
                  f"TW_2 mean {edge['tw2_mean']:.4f}, variance {edge['tw2_var']:.4f}", flush=True)
            for name in ('skrmt', 'rmtbook'):
                r = edge[name]
                print(f"    {name:8s} mean {r['mean']:.4f} +- {r['mean_se']:.4f}, variance {r['var']:.4f} +- {r['var_se']:.4f}", flush=True)
        save()

    # 7. map_spectra on processes
    print("\nmap_spectra('hermite', 4000, 8, rng=1, beta=2.0):")
    try:
        from rmtbook.parallel import map_spectra
        job = lambda **kw: (lambda: np.asarray(map_spectra('hermite', 4000, 8, rng=1, beta=2.0, progress=False, **kw)))
        t_serial, serial = timed(job(backend='serial'))
        t_cold, cold_out = timed(job(backend='processes', workers=2))
        t_warm, warm_out = timed(job(backend='processes', workers=2))
        same = bool(np.array_equal(serial, cold_out) and np.array_equal(serial, warm_out))
        out['map_spectra'] = {'serial_s': t_serial, 'processes_cold_s': t_cold, 'processes_warm_s': t_warm,
                              'speedup_warm': t_serial / t_warm, 'identical': same}
        print(f"  serial {t_serial:.2f} s; 2 processes {t_cold:.2f} s (pool start included), {t_warm:.2f} s warm: "
              f"{t_serial / t_warm:.2f}x; bit-identical: {same}", flush=True)
        rows += [("map_spectra('hermite', 4000, 8), serial", 4000, t_serial, ''),
                 ("same, 2 processes (warm pool)", 4000, t_warm, f'{t_serial / t_warm:.2f}x; pool start included: {t_cold:.2f} s; bit-identical: {same}')]
    except Exception as exc:  # noqa: BLE001 - the 'hermite' ensemble of map_spectra may not exist yet
        out['map_spectra'] = {'skipped': f'{type(exc).__name__}: {exc}'}
        print(f"  skipped: map_spectra('hermite', ...) raised {type(exc).__name__}: {exc}", flush=True)
    save()

    print("\n| what | n | seconds | note |\n|---|---|---|---|")
    for what, n, seconds, note in rows:
        print(f"| {what} | {f'{n:,}' if n else ''} | {seconds:.4g} | {note} |")
    print(f"\nwritten: {RESULTS / 'bench_beta.json'}")


if __name__ == '__main__':
    main()
