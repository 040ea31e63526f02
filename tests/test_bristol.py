"""`rmtbook.compat.bristol` against the real bristol 0.2.14 from PyPI, on the same inputs.

Agreement is required to a relative 1e-12 (and exact zeros where bristol has them). bristol declares
torch and torchvision as dependencies but its spectral module needs only numpy, so it is installed
with `--no-deps` into `.cache/` (ignored by git) the first time these tests run; that needs PyPI,
like the install command. Its cPSE module imports torch (installed by the dev extra) and torchvision
at import time, but uses torchvision for nothing; PyPI's torchvision does not import beside the CPU
torch here, so a stand-in empty `torchvision` module is registered for that import when the real one
is missing. The cPSE comparisons require a relative 1e-9 (the issue's bound; in practice they agree to
the last bit, since both run the same LAPACK calls on the same arrays).
A negative control shows the comparison can fail: the corrected `rmtbook.ergodicity` differs.
"""
import importlib
import sys
import types
from pathlib import Path

import numpy as np
import pytest

from rmtbook.compat import bristol as compat
from rmtbook.ensembles import cbe_phases, goe, eigenvalues
from rmtbook.ergodicity import spectral_ergodicity
from reference import pip_into_cache

ROOT = Path(__file__).resolve().parent.parent
VERSION = '0.2.14'
CACHE = ROOT / '.cache' / f'bristol-{VERSION}'


def _install_bristol():
    "bristol==0.2.14 without its dependencies, into CACHE (once)."
    pip_into_cache(CACHE, [f'bristol=={VERSION}'], 'bristol/spectral.py', timeout=300)


@pytest.fixture(scope='session')
def bristol():
    "The real bristol package, version 0.2.14."
    try:
        import bristol as b
    except ImportError:
        _install_bristol()
        sys.path.insert(0, str(CACHE))
        b = importlib.import_module('bristol')
    assert b.__version__ == VERSION, f"comparing against bristol {b.__version__}, not {VERSION}"
    return b


def _same(ours, theirs):
    np.testing.assert_allclose(np.asarray(ours), np.asarray(theirs), rtol=1e-12, atol=0)


def _cue_eigenvalues(n, m, seed):
    return np.exp(1j * cbe_phases(n, 2.0, size=m, rng=seed)).ravel()


@pytest.mark.parametrize('delta', [0.2, 0.05, 1e-3, 1e-4, 2 * np.pi / 40])
def test_thirumalai_mountain_complex(bristol, delta):
    ergo = bristol.spectral.Ergodicity()
    for n, m, seed in ((16, 30, 1), (64, 40, 2)):
        c = _cue_eigenvalues(n, m, seed)
        theirs = ergo.thirumalai_mountain(c, m, n, delta)
        _same(compat.thirumalai_mountain(c, m, n, delta), theirs)
        _same(compat.Ergodicity().thirumalai_mountain(c, m, n, delta), theirs)
        extra = np.concatenate([c, np.exp(1j * np.linspace(-3, 3, 11))])  # values beyond M N count in the ensemble only
        _same(compat.thirumalai_mountain(extra, m, n, delta), ergo.thirumalai_mountain(extra, m, n, delta))


def test_thirumalai_mountain_real(bristol):
    ergo = bristol.spectral.Ergodicity()
    ev = eigenvalues(goe(12, size=25, rng=3)).ravel()
    _same(compat.thirumalai_mountain(ev, 25, 12), ergo.thirumalai_mountain(ev, 25, 12))
    const = ev.copy(); const[24:36] = 0.5  # a matrix whose eigenvalues are all equal: numpy widens its range by 0.5
    _same(compat.thirumalai_mountain(const, 25, 12), ergo.thirumalai_mountain(const, 25, 12))


def test_spectral_density(bristol):
    ergo = bristol.spectral.Ergodicity()
    c = _cue_eigenvalues(20, 5, 4)
    for delta in (0.2, 0.01):
        np.testing.assert_array_equal(compat.spectral_density(c, 5, 20, delta), ergo.spectral_density(c, 5, 20, delta))
    r = eigenvalues(goe(20, size=5, rng=5)).ravel()
    np.testing.assert_array_equal(compat.spectral_density(r, 5, 20), ergo.spectral_density(r, 5, 20))


def test_kl_and_approach(bristol):
    ergo = bristol.spectral.Ergodicity()
    rng = np.random.default_rng(1235)
    a, b = rng.random(100), rng.random(100)
    _same(compat.kl_distance_symmetric(a, b), ergo.kl_distance_symmetric(a, b))
    _same(compat.kl_distance_symmetric(a, b, 1e-3), ergo.kl_distance_symmetric(a, b, 1e-3))
    sizes, m = [16, 32, 64], 40
    data = {f'N{n}': {'c_eigen': _cue_eigenvalues(n, m, n)} for n in sizes}
    for delta in (0.2, 1e-4):
        _same(compat.approach_se(sizes, m, data, delta), ergo.approach_se(sizes, m, data, delta))


def test_on_bristols_own_ensembles(bristol):
    "bristol's own sampler output (it seeds NumPy's global state, as its users did), through both packages."
    circ, ergo = bristol.ensembles.Circular(), bristol.spectral.Ergodicity()
    state = np.random.get_state()
    try:
        data = {f'N{n}': circ.eigen_circular_ensemble(n, cSize=3, nchunks=2, seeds=[11, 12], parallel=False) for n in (8, 12)}
    finally:
        np.random.set_state(state)
    for delta in (0.2, 0.1):
        _same(compat.approach_se([8, 12], 6, data, delta), ergo.approach_se([8, 12], 6, data, delta))


def test_negative_control_corrected_functions_differ(bristol):
    "The corrected Omega (whole circle covered) is not bristol's at width 0.2, so the comparison above can fail."
    ergo = bristol.spectral.Ergodicity()
    ph = cbe_phases(16, 2.0, size=30, rng=1)
    theirs = ergo.thirumalai_mountain(np.exp(1j * ph).ravel(), 30, 16, 0.2)
    ours = spectral_ergodicity(ph, 0.2)
    assert ours.shape != theirs.shape or not np.allclose(ours, theirs, rtol=1e-12, atol=0)
    with pytest.raises(AssertionError):
        _same(ours[:theirs.size], theirs)



@pytest.fixture(scope='session')
def bristol_cpse(bristol):
    "bristol.cPSE, with an empty stand-in for torchvision (imported by it, never used) when the real one is missing."
    pytest.importorskip('torch', reason='bristol.cPSE needs torch (the dev extra installs it)')
    try:
        import torchvision  # noqa: F401
    except Exception:
        tv, models = types.ModuleType('torchvision'), types.ModuleType('torchvision.models')
        tv.models = models
        sys.modules.setdefault('torchvision', tv)
        sys.modules.setdefault('torchvision.models', models)
    return importlib.import_module('bristol.cPSE')


def _same_cpse(ours, theirs):
    np.testing.assert_allclose(ours[0], theirs[0], rtol=1e-9, atol=0)
    np.testing.assert_allclose(ours[1], theirs[1], rtol=1e-9, atol=0)


def test_cpse_vanilla_published(bristol_cpse):
    "bristol's README example: np.random.seed(42), ten 64 x 64 normal matrices (RandomState(42) draws the same numbers)."
    legacy = np.random.RandomState(42)
    matrices = [legacy.normal(size=(64, 64)) for _ in range(10)]
    theirs = bristol_cpse.cpse_measure_vanilla(matrices)
    _same_cpse(compat.cpse_measure_vanilla(matrices), theirs)
    np.testing.assert_allclose(theirs[1], -1.4814662381222539, rtol=1e-9)


@pytest.mark.parametrize('shapes', [[(30, 50), (64, 64), (50, 20), (40, 40), (64, 10), (33, 33)],
                                    [(16, 16)] * 4, [(8, 100), (100, 8), (20, 30), (25, 5), (12, 12)]])
def test_cpse_vanilla_mixed_shapes(bristol_cpse, shapes):
    "Mixed sizes (periodic padding), tall matrices (zero and complex eigenvalues from geev), float64 and float32."
    rng = np.random.default_rng(len(shapes))
    for dtype in (np.float64, np.float32):
        matrices = [rng.standard_normal(s).astype(dtype) for s in shapes]
        _same_cpse(compat.cpse_measure_vanilla(matrices), bristol_cpse.cpse_measure_vanilla(matrices))


def _models():
    import torch
    torch.manual_seed(0)
    mlp = torch.nn.Sequential(torch.nn.Linear(40, 64), torch.nn.ReLU(), torch.nn.Linear(64, 64), torch.nn.LayerNorm(64),
                              torch.nn.Linear(64, 32), torch.nn.Linear(32, 10))
    cnn = torch.nn.Sequential(torch.nn.Conv2d(3, 16, 3), torch.nn.BatchNorm2d(16), torch.nn.Conv2d(16, 32, 3),
                              torch.nn.ConvTranspose2d(32, 8, 2), torch.nn.Conv1d(8, 8, 3), torch.nn.Flatten(), torch.nn.Linear(72, 10))
    seq = torch.nn.ModuleDict(dict(emb=torch.nn.Embedding(100, 24), attn=torch.nn.MultiheadAttention(24, 4),
                                   lstm=torch.nn.LSTM(24, 24), head=torch.nn.Linear(24, 24), out=torch.nn.Linear(24, 5),
                                   conv=torch.nn.Conv3d(2, 6, 2)))
    return dict(mlp=mlp, cnn=cnn, seq=seq)


@pytest.mark.parametrize('name', ['mlp', 'cnn', 'seq'])
def test_cpse_measure_models(bristol_cpse, name):
    "cpse_measure on torch models (float32 weights, the squared Gram path), and the same from the state dict."
    model = _models()[name]
    theirs = bristol_cpse.cpse_measure(model)
    _same_cpse(compat.cpse_measure(model), theirs)
    _same_cpse(compat.cpse_measure_state_dict(model.state_dict()), theirs)
    a, n, types_ = compat.get_layer_matrix_set(model)
    ta, tn, ttypes = bristol_cpse.get_layer_matrix_set(model)
    assert n == tn and types_ == ttypes and all(np.array_equal(x, y) for x, y in zip(a, ta))


def test_cpse_negative_control(bristol_cpse):
    "The corrected measure is a different number, so the comparisons above can fail."
    from rmtbook.cpse import cpse
    model = _models()['mlp']
    theirs = bristol_cpse.cpse_measure(model)
    assert abs(cpse(model).value - theirs[1]) > 1e-3
    with pytest.raises(AssertionError):
        _same_cpse((cpse(model).d_layers[:len(theirs[0])], cpse(model).value), theirs)
