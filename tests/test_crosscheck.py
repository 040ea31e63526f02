"""rmtbook's samplers against SciPy's independent implementations, by two-sample tests.

Each test fixes its seeds, so it is deterministic; the thresholds (p > 1e-3 to agree, p < 1e-6 to
disagree) leave a wide margin on both sides, and the negative controls show each test can fail.
"""
import numpy as np
from scipy import stats

from rmtbook.ensembles import cue, coe, goe, eigenphases, eigenvalues

N, M = 12, 1500


def _spacings(phases):
    return np.diff(phases, axis=-1, append=phases[..., :1] + 2 * np.pi).ravel()


def _scipy_cue_phases():
    u = stats.unitary_group.rvs(N, size=M, random_state=np.random.default_rng(1))
    return eigenphases(u)


def test_cue_matches_scipy_unitary_group():
    ours, theirs = eigenphases(cue(N, size=M, rng=2)), _scipy_cue_phases()
    # the spacing distribution (level repulsion, beta = 2) and |Tr U|^2 (Haar: exponential with mean 1)
    assert stats.ks_2samp(_spacings(ours), _spacings(theirs)).pvalue > 1e-3
    tr = lambda ph: np.abs(np.exp(1j * ph).sum(-1))**2
    assert stats.ks_2samp(tr(ours), tr(theirs)).pvalue > 1e-3


def test_coe_differs_from_scipy_cue():
    # negative control: COE's spacings (beta = 1) are told apart from CUE's by the same test
    ours = eigenphases(coe(N, size=M, rng=2))
    assert stats.ks_2samp(_spacings(ours), _spacings(_scipy_cue_phases())).pvalue < 1e-6


def test_goe_matches_scipy_orthogonal_construction():
    # GOE is invariant under orthogonal conjugation: O^T D O with O Haar (scipy.stats.ortho_group) and
    # D the eigenvalues of an independent GOE sample must look like GOE itself.
    lam = eigenvalues(goe(N, size=M, rng=3))
    o = stats.ortho_group.rvs(N, size=M, random_state=np.random.default_rng(4))
    rotated = eigenvalues(np.swapaxes(o, -1, -2) @ (lam[:, :, None] * o))
    np.testing.assert_allclose(rotated, lam, atol=1e-10)  # conjugation keeps the spectrum
    mixed = np.swapaxes(o, -1, -2) @ (lam[:, :, None] * o)
    ours = goe(N, size=M, rng=5)
    # off-diagonal entries (0,1), (2,3), (4,5): independent N(0, 1) in GOE, the same law after rotation
    pick = lambda h: np.concatenate([h[:, 0, 1], h[:, 2, 3], h[:, 4, 5]])
    assert stats.ks_2samp(pick(ours), pick(mixed)).pvalue > 1e-3
    assert stats.kstest(pick(ours), stats.norm.cdf).pvalue > 1e-3
    # negative control: the normalisation error (A + A^T) without the 1/sqrt(2), variance 2, is rejected
    assert stats.ks_2samp(pick(ours), np.sqrt(2) * pick(mixed)).pvalue < 1e-6
