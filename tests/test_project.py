"""Checks on the project itself: a light `import rmtbook`, modules that import downward only, README in step with nbs/index.ipynb."""
import subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'tools'))
import book_stats  # the import graph of rmtbook's modules (tools/book_stats.py)


def test_import_stays_light():
    code = ("import sys, rmtbook, rmtbook.core, rmtbook.rng, rmtbook.ensembles, rmtbook.spectra, rmtbook.ergodicity, rmtbook.mme, rmtbook.layers, rmtbook.cpse, rmtbook.equivalence, rmtbook.compat.bristol, rmtbook.cli, rmtbook.widgets, rmtbook.parallel, rmtbook.trained; "
            "heavy = [m for m in ('torch', 'dask', 'distributed', 'loky', 'matplotlib', 'ipywidgets', 'tqdm', 'numba', 'safetensors', 'sklearn') if m in sys.modules]; "
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
    assert len(out['d_layers']) == 3 and [row['name'] for row in out['layers']][0] == 'layer0.weight'
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


def test_modules_import_downward():
    "No module imports another's private (underscored) name, and the import graph has no cycle (lazy imports count)."
    graph = book_stats.import_graph()
    assert 'rmtbook.core' in graph and graph['rmtbook.core'] == [], graph.get('rmtbook.core')
    assert not book_stats.private_imports(), book_stats.private_imports()
    assert not book_stats.cycles(graph), book_stats.cycles(graph)


def test_import_checks_catch_violations(tmp_path):
    "Negative control: a package with a private cross-module import (absolute, relative and lazy) and a cycle is caught."
    pkg = tmp_path / 'pkg'
    (pkg / 'sub').mkdir(parents=True)
    (pkg / '__init__.py').write_text('__version__ = "0"\n')
    (pkg / 'sub' / '__init__.py').write_text('')
    (pkg / 'a.py').write_text('from pkg.b import visible\ndef _helper(): pass\n')
    (pkg / 'b.py').write_text('from .a import _helper\nfrom . import __version__\ndef visible(): pass\n')
    (pkg / 'c.py').write_text('def f():\n    from pkg.sub.d import _lazy\n')
    (pkg / 'sub' / 'd.py').write_text('from ..a import _helper as h\ndef _lazy(): pass\n')
    graph = book_stats.import_graph(pkg)
    assert graph['pkg.b'] == ['pkg.a'] and graph['pkg.c'] == ['pkg.sub.d'], graph
    assert sorted(book_stats.private_imports(pkg)) == ['pkg.b:1 imports pkg.a._helper', 'pkg.c:2 imports pkg.sub.d._lazy',
                                                       'pkg.sub.d:1 imports pkg.a._helper'], book_stats.private_imports(pkg)
    assert book_stats.cycles(graph) == [['pkg.a', 'pkg.b', 'pkg.a']], book_stats.cycles(graph)
    (pkg / 'a.py').write_text('def _helper(): pass\n')  # the cycle gone, the private imports stay
    assert book_stats.cycles(book_stats.import_graph(pkg)) == []
