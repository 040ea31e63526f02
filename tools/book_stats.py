"""Figures on the book's structure: the import graph of rmtbook's modules, the size of exported cells,
and the notebook each module comes from. `python tools/book_stats.py [--json]`.

The project test `tests/test_project.py` uses `import_graph` to refuse private cross-module imports and cycles.
"""
from __future__ import annotations
import ast, json, statistics, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIB = ROOT / 'rmtbook'


def module_name(path: Path, lib: Path = LIB) -> str:
    parts = path.relative_to(lib.parent).with_suffix('').parts
    return '.'.join(parts[:-1] if parts[-1] == '__init__' else parts)


def _resolve(mod: str, node: ast.ImportFrom, is_pkg: bool) -> str:
    "The absolute module an ImportFrom names (relative imports resolved against `mod`)."
    if not node.level: return node.module or ''
    base = mod.split('.') if is_pkg else mod.split('.')[:-1]
    base = base[:len(base) - (node.level - 1)]
    return '.'.join(base + ([node.module] if node.module else []))


def imports(path: Path, lib: Path = LIB) -> list[tuple[str, str, int]]:
    "(imported module, imported name or '', line) for every import of the package inside `path`, at any depth."
    mod, pkg = module_name(path, lib), lib.name
    out = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            out += [(a.name, '', node.lineno) for a in node.names if a.name.split('.')[0] == pkg]
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(mod, node, path.name == '__init__.py')
            if target.split('.')[0] != pkg: continue
            for a in node.names:
                sub = f'{target}.{a.name}'
                if (lib.parent / Path(*sub.split('.'))).with_suffix('.py').exists() or (lib.parent / Path(*sub.split('.'))).is_dir():
                    out.append((sub, '', node.lineno))  # `from . import module`
                else: out.append((target, a.name, node.lineno))
    return out


def import_graph(lib: Path = LIB) -> dict[str, list[str]]:
    "module -> the package's modules it imports (anywhere in the file, lazy imports included)."
    graph = {}
    for p in sorted(lib.rglob('*.py')):
        if p.name == '_modidx.py': continue
        m = module_name(p, lib)
        graph[m] = sorted({t for t, _, _ in imports(p, lib) if t != m and t != lib.name})
    return graph


def private_imports(lib: Path = LIB) -> list[str]:
    "Imports of an underscored name from another module of the package: 'module:line imports target._name'."
    bad = []
    for p in sorted(lib.rglob('*.py')):
        m = module_name(p, lib)
        for target, name, line in imports(p, lib):
            if target != m and (name.startswith('_') or target.split('.')[-1].startswith('_') and target.split('.')[-1] != '__init__'):
                if name == '__version__': continue
                bad.append(f"{m}:{line} imports {target}.{name}" if name else f"{m}:{line} imports {target}")
    return bad


def cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    "The import cycles of a graph (each as a path that returns to its start), by depth-first search."
    found, state, stack = [], {}, []
    def visit(v):
        state[v] = 1; stack.append(v)
        for w in graph.get(v, []):
            if state.get(w) == 1: found.append(stack[stack.index(w):] + [w])
            elif w not in state: visit(w)
        state[v] = 2; stack.pop()
    for v in sorted(graph):
        if v not in state: visit(v)
    return found


def exported_cells(nbs: Path = ROOT / 'nbs') -> list[tuple[str, int, int, int]]:
    "(notebook, cell index, lines, top-level definitions, public or patched ones) of every `#| export` cell that is not imports only."
    rows = []
    for nb in sorted(nbs.glob('*.ipynb')):
        for i, c in enumerate(json.loads(nb.read_text())['cells']):
            src = ''.join(c['source'])
            if c['cell_type'] != 'code' or not any(l.strip().replace(' ', '') in ('#|export', '#|exports') for l in src.splitlines()): continue
            body = [l for l in src.splitlines() if not l.lstrip().startswith('#|')]
            tree = ast.parse('\n'.join(body))
            if all(isinstance(n, (ast.Import, ast.ImportFrom)) for n in tree.body): continue
            defs = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
            public = [n for n in defs if not n.name.startswith('_') or any('patch' in ast.unparse(d) for d in n.decorator_list)]
            rows.append((nb.name, i, len([l for l in body if l.strip()]), len(defs), len(public)))
    return rows


def main():
    graph, cells = import_graph(), exported_cells()
    lines, defs, public = [r[2] for r in cells], [r[3] for r in cells], [r[4] for r in cells]
    report = dict(import_graph=graph, cycles=cycles(graph), private_imports=private_imports(),
                  exported_cells=len(cells), cell_lines_median=statistics.median(lines), cell_lines_max=max(lines),
                  largest_cells=sorted(cells, key=lambda r: -r[2])[:5], cell_defs_median=statistics.median(defs),
                  cell_defs_max=max(defs), cells_with_several_defs=sum(d > 1 for d in defs),
                  cell_public_defs_max=max(public), cells_with_several_public_defs=sum(d > 1 for d in public))
    if '--json' in sys.argv: print(json.dumps(report, indent=1)); return
    for k, v in report.items():
        if k == 'import_graph':
            print('import graph:'); [print(f'  {m} -> {", ".join(t) or "-"}') for m, t in v.items()]
        else: print(f'{k}: {v}')


if __name__ == '__main__': main()
