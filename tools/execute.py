"""Execute notebooks in place so that their committed outputs (what the offline site shows) match the code.

    python tools/execute.py nbs/12_core.ipynb [nbs/01_ensembles.ipynb ...] [--all]

nbdev's own runner (`nbdev.test.test_nb(save=True)`): cells flagged `slow`, `gpu` or `notest` are not run and keep
the outputs they have (`--all` runs `slow` cells too, and `gpu` cells where torch sees a GPU); a notebook with a failing
cell is not written.
Run `nbdev-clean` afterwards, as after any notebook edit.
"""
import sys
from pathlib import Path
from nbdev.test import test_nb as run_notebook

ROOT = Path(__file__).resolve().parents[1]

if __name__ == '__main__':
    paths = [Path(a).resolve() for a in sys.argv[1:] if not a.startswith('--')]
    def gpu():
        try:
            import torch
            return torch.cuda.is_available()
        except ImportError: return False
    skip = (['notest'] + ([] if gpu() else ['gpu'])) if '--all' in sys.argv else ['notest', 'slow', 'gpu']
    failed = []
    for p in paths:
        ok, seconds = run_notebook(p, skip_flags=skip, basepath=ROOT, save=True, cell_timeout=1800)
        print(f"{p.name}: {'written' if ok else 'FAILED, not written'} ({seconds:.1f} s)", flush=True)
        if not ok: failed.append(p.name)
    sys.exit(1 if failed else 0)
