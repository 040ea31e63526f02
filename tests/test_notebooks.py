"""One pytest item per notebook, run by nbdev's own runner so `#|` directives and `tst_flags` apply.

Cells flagged `notest` never run. `slow` cells run too (CI runs them) unless RMTBOOK_SKIP_SLOW=1;
`gpu` cells run only where torch sees a CUDA device.
"""
import os
from pathlib import Path

import pytest
from nbdev.config import get_config
from nbdev.test import test_nb as run_notebook  # renamed: pytest would collect a function called test_*

ROOT = Path(__file__).resolve().parent.parent
# The slowest notebooks first, so that pytest-xdist starts them at once and the quick ones fill the gaps.
_SLOW_FIRST = ('03_ergodicity.ipynb', '04_mme.ipynb', '01_ensembles.ipynb', '09_parallel.ipynb', '07_equivalence.ipynb', '10_fast_sampling.ipynb')
NOTEBOOKS = sorted((ROOT / 'nbs').glob('*.ipynb'), key=lambda p: (p.name not in _SLOW_FIRST, _SLOW_FIRST.index(p.name) if p.name in _SLOW_FIRST else 0, p.name))


def _cuda_available():
    try:
        import torch
    except ImportError:
        return False
    return torch.cuda.is_available()


def _skip_flags():
    flags = set(get_config(ROOT).tst_flags.split())
    flags.discard('slow')
    if os.environ.get('RMTBOOK_SKIP_SLOW') == '1': flags.add('slow')
    if 'gpu' in flags and _cuda_available(): flags.discard('gpu')
    return sorted(flags)


@pytest.mark.parametrize('notebook', NOTEBOOKS, ids=lambda p: p.name)
def test_notebook(notebook):
    # the project's cell_timeout (pyproject.toml): a guard against a hang, well above the slowest cell
    ok, seconds = run_notebook(notebook, skip_flags=_skip_flags(), basepath=ROOT, cell_timeout=int(get_config(ROOT).cell_timeout))
    assert ok, f"{notebook.name} failed after {seconds:.1f} s (its traceback is printed above)"


def test_every_module_has_a_notebook():
    lib = ROOT / 'rmtbook'
    exported = {'.'.join(p.relative_to(lib).with_suffix('').parts) for p in lib.rglob('*.py') if not p.stem.startswith('_')}
    sources = set()
    for nb in NOTEBOOKS:
        text = nb.read_text(encoding='utf-8')
        sources.update(m for m in exported if f'#| default_exp {m}' in text)
    assert exported <= sources, f"modules without a notebook: {sorted(exported - sources)}"
