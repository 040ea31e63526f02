"""Run the `#| gpu` cells of notebooks on a machine with a GPU but without Jupyter (no IPython needed).

    python tools/run_gpu_cells.py nbs/09_parallel.ipynb

Each notebook's gpu cells run in order in one namespace that starts with numpy as np and the
notebook's module (`#| default_exp`) star-imported, which is what those cells use. Exit status 1 if
a cell fails. `pytest` runs the same cells through nbdev where torch sees CUDA (tests/test_notebooks.py).
"""
import importlib, json, sys, time, traceback

import numpy as np


def cells(path):
    nb = json.load(open(path, encoding='utf-8'))
    for cell in nb['cells']:
        if cell['cell_type'] == 'code': yield ''.join(cell['source'])


def main(paths):
    failed = 0
    for path in paths:
        sources = list(cells(path))
        module = next(s.split()[-1] for s in sources if s.startswith('#| default_exp'))
        ns = {'np': np, **{k: v for k, v in vars(importlib.import_module(f'rmtbook.{module}')).items() if not k.startswith('__')}}
        for i, source in enumerate(s for s in sources if s.splitlines()[0].strip() == '#| gpu'):
            t0 = time.perf_counter()
            try:
                exec(compile(source, f'{path}:gpu-cell-{i}', 'exec'), ns)
                print(f'{path}: gpu cell {i} passed in {time.perf_counter() - t0:.1f} s', flush=True)
            except Exception:
                failed += 1
                traceback.print_exc()
                print(f'{path}: gpu cell {i} FAILED', flush=True)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
