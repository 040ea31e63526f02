"""`rmtbook.esd.esd_report` against the real weightwatcher 0.7.7 from PyPI, on the same torch models.

weightwatcher is installed with `--no-deps` (beside pandas 3.1.1 and powerlaw 2.0.0, which it imports) into
`.cache/` (ignored by git) the first time these tests run; that needs PyPI, like the install command. It runs in a
subprocess: `import weightwatcher` sets `warnings.simplefilter('ignore')` globally and configures the root logger,
which must not leak into the other tests. One subprocess analyses every model (the import takes about 3 s).

Required agreement: N, M, Q, rf, num_evals, matrix_rank and num_pl_spikes exactly (so xmin is the same eigenvalue);
lambda_max, log_spectral_norm, norm, log_norm, stable_rank, entropy to 1e-6 relative; alpha within 0.05 (the issue's
bound) and to 1e-6 relative; xmin, alpha_weighted, log_alpha_norm, xmax, D and sigma to 1e-6 relative; warning equal.
Measured (printed by `test_dense_embedding_and_small_n` and `test_conv2d_slices`): every one of these agrees to
better than 1e-13 relative (the SVDs of the slices round differently: xmin can differ in the last bit). The randomised columns cannot be compared number for number
(weightwatcher shuffles with the global `np.random`, rmtbook with `item_rng` streams): the formula of rand_distance
is compared on fixed vectors, and rand_lambda_max and ww_softrank by their law (the largest eigenvalue of a shuffled
layer sits at its MP edge; within 10 %). The MP edges come from different estimators and are compared loosely
(within 5 %; the relative differences are printed).
"""
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pd = pytest.importorskip('pandas')
torch = pytest.importorskip('torch')
from rmtbook.esd import esd_distance, esd_report
from reference import pip_into_cache

pytestmark = pytest.mark.slow  # about 25 s: the install (once), one weightwatcher process, rmtbook's reports

ROOT = Path(__file__).resolve().parent.parent
VERSION = '0.7.7'
CACHE = ROOT / '.cache' / f'weightwatcher-{VERSION}'

# Run by a separate interpreter: analyze() on every (model file, csv file, kwargs) job, then ww's JS distance on fixed vectors.
WW_SCRIPT = r'''
import json, sys
sys.path.insert(0, sys.argv[1])
import numpy as np, torch
import weightwatcher as ww
from weightwatcher.RMT_Util import jensen_shannon_distance
assert ww.__version__ == "0.7.7", ww.__version__
jobs = json.loads(open(sys.argv[2]).read())
for model_path, out_csv, kwargs in jobs['analyze']:
    model = torch.load(model_path, map_location="cpu", weights_only=False)
    np.random.seed(0)
    ww.WeightWatcher(model=model).analyze(**kwargs).to_csv(out_csv, index=False)
p, q = (np.array(v) for v in jobs['js'])
print(json.dumps({"js": float(jensen_shannon_distance(p, q))}))
'''


def _install_weightwatcher():
    "weightwatcher==0.7.7 (and the pandas, powerlaw it imports) without further dependencies, into CACHE (once)."
    pip_into_cache(CACHE, [f'weightwatcher=={VERSION}', 'pandas==3.1.1', 'powerlaw==2.0.0'], 'weightwatcher/weightwatcher.py')


def _models():
    "The models compared: standard containers only, so that a separate interpreter can unpickle them."
    from torch import nn
    torch.manual_seed(0)
    mlp = nn.Sequential(nn.Linear(100, 300), nn.ReLU(), nn.Linear(300, 200), nn.ReLU(), nn.Linear(200, 50))
    torch.manual_seed(1)
    # an Embedding; a Linear with 12 eigenvalues (weightwatcher's small-sample fit); one with 5 (dropped by both);
    # an LSTM (skipped by weightwatcher, reported here) and a LayerNorm (skipped by both)
    mixed = nn.ModuleDict(dict(emb=nn.Embedding(500, 64), small=nn.Linear(30, 12), tiny=nn.Linear(12, 5),
                               lstm=nn.LSTM(8, 16), norm=nn.LayerNorm(16)))
    torch.manual_seed(2)
    # odd kernels, C_out > C_in and C_out < C_in; even kernels both ways (weightwatcher swaps N and M for the last)
    conv = nn.Sequential(nn.Conv2d(3, 24, 5), nn.ReLU(), nn.Conv2d(24, 40, 3), nn.Conv2d(40, 20, 3),
                         nn.Conv2d(16, 32, 2), nn.Conv2d(32, 16, 2))
    return dict(mlp=mlp, mixed=mixed, conv=conv)


@pytest.fixture(scope='module')
def ww(tmp_path_factory):
    "weightwatcher's analyze() tables of every model (default and randomize+mp_fit for the MLP), and its JS distance on fixed vectors."
    _install_weightwatcher()
    tmp = tmp_path_factory.mktemp('ww')
    models = _models()
    jobs, out = [], {}
    for name, model in models.items():
        torch.save(model, tmp / f'{name}.pt')
        jobs.append([str(tmp / f'{name}.pt'), str(tmp / f'{name}.csv'), {}])
    jobs.append([str(tmp / 'mlp.pt'), str(tmp / 'mlp_rand.csv'), {'randomize': True, 'mp_fit': True}])
    rng = np.random.default_rng(3)
    js = [np.sort(rng.random(50)), np.sort(rng.random(50))]
    (tmp / 'jobs.json').write_text(json.dumps({'analyze': jobs, 'js': [v.tolist() for v in js]}))
    (tmp / 'run_ww.py').write_text(WW_SCRIPT)
    done = subprocess.run([sys.executable, str(tmp / 'run_ww.py'), str(CACHE), str(tmp / 'jobs.json')],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-4000:]
    for _, csv, _ in jobs: out[Path(csv).stem] = pd.read_csv(csv, keep_default_na=False)  # warning '' stays ''
    return dict(tables=out, models=models, js=json.loads(done.stdout.strip().splitlines()[-1])['js'], js_input=js, stdout=done.stdout)


EXACT = ['N', 'M', 'Q', 'rf', 'num_evals', 'matrix_rank', 'num_pl_spikes']
CLOSE = ['xmin', 'lambda_max', 'log_spectral_norm', 'norm', 'log_norm', 'stable_rank', 'entropy',
         'alpha_weighted', 'log_alpha_norm', 'xmax', 'D', 'sigma']


def _match(ours, theirs):
    "Our rows in the order of weightwatcher's, matched by module path (weightwatcher's longname + '.weight')."
    ours = ours.set_index('name')
    return ours.loc[[f'{n}.weight' for n in theirs['longname']]].reset_index(), theirs.reset_index(drop=True)


def _compare(ours, theirs, exact=EXACT):
    "Every shared column; returns the largest relative difference of each non-exact column."
    worst = {}
    for c in exact: np.testing.assert_array_equal(ours[c].to_numpy(float), theirs[c].to_numpy(float), err_msg=c)
    np.testing.assert_allclose(ours['alpha'], theirs['alpha'], rtol=0, atol=0.05, err_msg='alpha')
    for c in CLOSE + ['alpha']:
        a, b = ours[c].to_numpy(float), theirs[c].to_numpy(float)
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=0, err_msg=c)
        worst[c] = float(np.max(np.abs(a - b) / np.abs(b)))
    assert list(ours['warning']) == list(theirs['warning']), 'warning'
    return worst


def test_dense_embedding_and_small_n(ww):
    t = ww['tables']
    worst = {}
    for name in ('mlp', 'mixed'):
        ours = esd_report(ww['models'][name])
        a, b = _match(ours, t[name])
        worst[name] = _compare(a, b)
    print('largest relative difference per column:', json.dumps(worst, indent=1))
    assert max(max(w.values()) for w in worst.values()) < 1e-12
    mixed = esd_report(ww['models']['mixed'])
    assert list(t['mixed']['longname']) == ['emb', 'small']  # weightwatcher: the LSTM and the 5-eigenvalue Linear are skipped
    assert list(mixed['name']) == ['emb.weight', 'small.weight', 'lstm.weight_ih_l0', 'lstm.weight_hh_l0']
    assert 'fewer than min_evals=8' in mixed.attrs['skipped']['tiny.weight']
    assert 'SMALL N PL FIT' in ww['stdout']  # the 12-eigenvalue layer went through weightwatcher's small-sample fit


def test_conv2d_slices(ww):
    theirs = ww['tables']['conv']
    ours, theirs = _match(esd_report(ww['models']['conv'], conv='slices'), theirs)
    worst = _compare(ours, theirs, exact=[c for c in EXACT if c not in ('N', 'M', 'Q')])
    print('largest relative difference per column:', json.dumps(worst, indent=1))
    odd = ours['rf'] != 4
    np.testing.assert_array_equal(ours.loc[odd, ['N', 'M', 'Q']].to_numpy(float), theirs.loc[odd, ['N', 'M', 'Q']].to_numpy(float))
    # weightwatcher's even-kernel quirk: with C_out < C_in it swaps N and M (Conv2d(32, 16, 2) gets N=16, M=32, Q=0.5)
    swapped = ours['name'] == '5.weight'
    assert (theirs.loc[swapped, ['N', 'M', 'Q']].to_numpy(float) == [[16, 32, 0.5]]).all()
    assert (ours.loc[swapped, ['N', 'M', 'Q']].to_numpy(float) == [[32, 16, 2.0]]).all()
    assert (theirs.loc[ours['rf'] == 4, 'num_evals'] == 64).all()
    # without weightwatcher's 1/sqrt(2) every eigenvalue doubles
    plain = esd_report(ww['models']['conv'], conv='slices', conv2d_norm=False)
    np.testing.assert_allclose(plain['lambda_max'].to_numpy(), 2 * ours.set_index('name').loc[plain['name'], 'lambda_max'].to_numpy(), rtol=1e-12)


def test_randomize_and_mp(ww):
    "Formulas only: the shuffles differ, so rand_* are compared by their definitions; the MP edges by size."
    theirs = ww['tables']['mlp_rand']
    ours, theirs = _match(esd_report(ww['models']['mlp'], randomize=True, rng=0), theirs)
    p, q = ww['js_input']
    assert math.isclose(esd_distance(p, q), ww['js'], rel_tol=1e-12)
    for df in (ours, theirs):  # the same definitions of ww_softrank and ww_maxdist (weightwatcher: from its second shuffle)
        assert (df['rand_distance'] > 0).all() and (df['rand_distance'] < 0.1).all()
    # different shuffles, the same law: the largest eigenvalue of a shuffled layer sits at its MP edge, within a few
    # Tracy-Widom units (about N^(-2/3), 2 to 5 % here); 10 % leaves room for both draws, a wrong definition misses it
    rel = np.abs(ours['rand_lambda_max'].to_numpy() / theirs['max_rand_eval'].to_numpy() - 1)
    print('rand_lambda_max vs max_rand_eval, relative:', rel)
    assert rel.max() < 0.1
    np.testing.assert_allclose(ours['ww_softrank'].to_numpy(), theirs['ww_softrank'].to_numpy(), rtol=0.1)
    # two estimators of the same MP edge, in the same units, on randomly initialised layers
    rel = np.abs(ours['mp_bulk_max'].to_numpy() / theirs['bulk_max'].to_numpy() - 1)
    print('mp_bulk_max vs bulk_max, relative:', rel)
    assert rel.max() < 0.05
    assert (ours['num_spikes'] == 0).all() and (theirs['num_spikes'] == 0).all()
