"""Render nbs/index.ipynb as README.md (Quarto, which nbdev-readme needs, cannot be installed here).

Markdown cells are copied; code cells become ```python blocks (nbdev directives removed, `#| hide`
cells left out) followed by their text outputs. A PNG output (a figure) is written to docs/readme/
and linked, in place of its text stand-in (`<Figure size ...>`). `python tools/readme.py --check`
exits 1 when README.md or one of those images is out of date.
"""
import base64, json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_directive = re.compile(r'^\s*#\s*\|\s*(\S+)')

def _text(x): return ''.join(x) if isinstance(x, list) else x

IMAGES = 'docs/readme'  # figures of the README, relative to the repository root

def render(nb_path=ROOT / 'nbs' / 'index.ipynb') -> tuple[str, dict]:
    "README.md's text, and its images {path relative to the root: PNG bytes}."
    nb = json.loads(Path(nb_path).read_text(encoding='utf-8'))
    images = {}
    parts = ['<!-- Generated from nbs/index.ipynb by tools/readme.py: edit the notebook, not this file. -->']
    for cell in nb['cells']:
        src = _text(cell['source'])
        if cell['cell_type'] == 'markdown':  # links between notebooks, seen from the repository root
            parts.append(re.sub(r'\]\(([\w.-]+\.ipynb(#[^)]*)?)\)', r'](nbs/\1)', src.strip()))
        elif cell['cell_type'] == 'code':
            lines = src.splitlines()
            directives = {m.group(1) for m in map(_directive.match, lines) if m}
            if 'hide' in directives: continue
            code = '\n'.join(l for l in lines if not _directive.match(l)).strip()
            if code: parts.append(f"```python\n{code}\n```")
            for out in cell.get('outputs', []):
                if 'image/png' in out.get('data', {}):
                    path = f"{IMAGES}/{cell.get('id', len(images))}-{len(images)}.png"
                    images[path] = base64.b64decode(_text(out['data']['image/png']))
                    parts.append(f'![output of the code above]({path})')
                    continue
                text = _text(out.get('text', '')) if out['output_type'] == 'stream' else _text(out.get('data', {}).get('text/plain', ''))
                if text.strip(): parts.append(f"```\n{text.rstrip()}\n```")
    return '\n\n'.join(parts) + '\n', images

if __name__ == '__main__':
    readme, (text, images) = ROOT / 'README.md', render()
    folder = ROOT / IMAGES
    stale = sorted(p for p in folder.glob('*.png') if f'{IMAGES}/{p.name}' not in images) if folder.exists() else []
    if '--check' in sys.argv[1:]:
        if (not readme.exists() or readme.read_text(encoding='utf-8') != text or stale
                or any(not (ROOT / p).exists() or (ROOT / p).read_bytes() != b for p, b in images.items())):
            sys.exit('README.md is out of date with nbs/index.ipynb: run `python tools/readme.py`')
    else:
        readme.write_text(text, encoding='utf-8')
        for p in stale: p.unlink()
        for p, b in images.items():
            (ROOT / p).parent.mkdir(parents=True, exist_ok=True); (ROOT / p).write_bytes(b)
