"""Checks on the project itself: a light `import rmtbook`, README in step with nbs/index.ipynb."""
import subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_stays_light():
    code = ("import sys, rmtbook, rmtbook.rng, rmtbook.ensembles, rmtbook.spectra, rmtbook.ergodicity, rmtbook.mme, rmtbook.layers, rmtbook.cpse, rmtbook.equivalence, rmtbook.compat.bristol, rmtbook.cli, rmtbook.widgets, rmtbook.parallel; "
            "heavy = [m for m in ('torch', 'dask', 'distributed', 'loky', 'matplotlib', 'ipywidgets', 'tqdm', 'numba', 'safetensors') if m in sys.modules]; "
            "print(heavy); sys.exit(1 if heavy else 0)")
    r = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_readme_is_rendered_from_index():
    r = subprocess.run([sys.executable, str(ROOT / 'tools' / 'readme.py'), '--check'], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_console_command(tmp_path):
    "README's main job, through the installed console script: checks pass, figures and summary are written where it says."
    script = Path(sys.executable).parent / 'rmtbook'  # the console script that `pip install` made
    r = subprocess.run([str(script), 'tour', '--quick', '--out', str(tmp_path / 'tour')], capture_output=True, text=True)
    assert r.returncode == 0 and '0 failed' in r.stdout, r.stdout + r.stderr
    assert f"written to {tmp_path / 'tour'}/" in r.stdout, r.stdout
    assert sorted(p.name for p in (tmp_path / 'tour').iterdir()) == ['cpse.png', 'ensembles.png', 'ergodicity.png', 'summary.md']


def test_console_cpse(tmp_path):
    "`rmtbook cpse` on an .npz file (the installed console script), and its one-line error for a missing file."
    import json
    import numpy as np
    g = np.random.default_rng(0)
    np.savez(tmp_path / 'w.npz', **{f'layer{i}.weight': g.standard_normal((32, 48)) for i in range(5)})
    script = str(Path(sys.executable).parent / 'rmtbook')
    r = subprocess.run([script, 'cpse', str(tmp_path / 'w.npz'), '--json'], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert len(out['d_layers']) == 4 and [row['name'] for row in out['layers']][0] == 'layer0.weight'
    r = subprocess.run([script, 'cpse', str(tmp_path / 'missing.npz')], capture_output=True, text=True)
    assert r.returncode == 1 and r.stdout == '' and r.stderr.count('\n') == 1 and 'no such file' in r.stderr


def test_imports_in_their_own_cells():
    "nbdev's doc processor executes every cell that imports: such a cell must hold imports only (else the site build fails)."
    import ast, json
    bad = []
    for nb in sorted((ROOT / 'nbs').glob('*.ipynb')):
        for i, cell in enumerate(json.loads(nb.read_text())['cells']):
            src = ''.join(cell['source'])
            if cell['cell_type'] != 'code' or any(l.lstrip().startswith(('#| export', '#|export')) for l in src.splitlines()): continue
            try: tree = ast.parse('\n'.join(l for l in src.splitlines() if not l.startswith(('%', '!'))))
            except SyntaxError: continue
            imports = any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.walk(tree))
            if imports and not all(isinstance(n, (ast.Import, ast.ImportFrom)) for n in tree.body): bad.append(f'{nb.name} cell {i}')
    assert not bad, bad
