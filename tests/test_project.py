"""Checks on the project itself: a light `import rmtbook`, README in step with nbs/index.ipynb."""
import subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_stays_light():
    code = ("import sys, rmtbook, rmtbook.rng, rmtbook.ensembles, rmtbook.spectra, rmtbook.ergodicity, rmtbook.compat.bristol, rmtbook.cli; "
            "heavy = [m for m in ('torch', 'dask', 'distributed', 'matplotlib', 'ipywidgets', 'tqdm', 'numba') if m in sys.modules]; "
            "print(heavy); sys.exit(1 if heavy else 0)")
    r = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_readme_is_rendered_from_index():
    r = subprocess.run([sys.executable, str(ROOT / 'tools' / 'readme.py'), '--check'], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_console_command():
    script = Path(sys.executable).parent / 'rmtbook'  # the console script that `pip install` made
    r = subprocess.run([str(script), 'tour', '--quick'], capture_output=True, text=True)
    assert r.returncode == 0 and '0 failed' in r.stdout, r.stdout + r.stderr
