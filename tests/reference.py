"""Reference packages for the comparison tests (bristol, weightwatcher): installed from PyPI into `.cache/`, never as dependencies."""
import fcntl
import subprocess
import sys
from pathlib import Path


def pip_into_cache(
    cache: Path,  # the folder the packages go into (on sys.path of whoever imports them)
    packages: list,  # pip requirements, e.g. ['bristol==0.2.14']
    marker: str,  # a file below `cache` that exists once the install is done
    timeout: int = 600,  # seconds pip may take
):
    "pip install --no-deps --target cache, once: a file lock serialises pytest-xdist workers; a failed install raises with pip's stderr."
    cache.parent.mkdir(parents=True, exist_ok=True)
    with open(cache.parent / f'{cache.name}.lock', 'w') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (cache / marker).exists():
            cmd = [sys.executable, '-m', 'pip', 'install', '--quiet', '--no-deps', '--target', str(cache), *packages]
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
            if done.returncode:
                raise RuntimeError(f"could not install {' '.join(packages)} from PyPI for the comparison:\n{done.stderr}")
