"""`rmtbook.compat.bristol` against the real bristol 0.2.14 from PyPI, on the same inputs.

Agreement is required to a relative 1e-12 (and exact zeros where bristol has them). bristol declares
torch and torchvision as dependencies but its spectral module needs only numpy, so it is installed
with `--no-deps` into `.cache/` (ignored by git) the first time these tests run; that needs PyPI,
like the install command. Only `bristol.spectral` (and `bristol.ensembles`) are imported here: its
cPSE module imports torch and torchvision at import time.
A negative control shows the comparison can fail: the corrected `rmtbook.ergodicity` differs.
"""
import fcntl
import importlib
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from rmtbook.compat import bristol as compat
from rmtbook.ensembles import cbe_phases, goe, eigenvalues
from rmtbook.ergodicity import spectral_ergodicity

ROOT = Path(__file__).resolve().parent.parent
VERSION = '0.2.14'
CACHE = ROOT / '.cache' / f'bristol-{VERSION}'


def _install_bristol():
    "bristol==0.2.14 without its dependencies, into CACHE (once; a file lock serialises pytest-xdist workers)."
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    with open(CACHE.parent / 'bristol.lock', 'w') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (CACHE / 'bristol' / 'spectral.py').exists():
            cmd = [sys.executable, '-m', 'pip', 'install', '--quiet', '--no-deps', '--target', str(CACHE), f'bristol=={VERSION}']
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
            if done.returncode:
                raise RuntimeError(f"could not install bristol=={VERSION} from PyPI for the comparison:\n{done.stderr}")


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

