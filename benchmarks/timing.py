"""What the benchmark scripts share: a wall-clock timing of one call, and of a probe in fresh processes (the scripts run from this folder)."""
import os, subprocess, sys, tempfile, time


def timed(f):
    "Seconds that `f()` took, and its result."
    t0 = time.perf_counter()
    out = f()
    return time.perf_counter() - t0, out


def numba_compile_seconds(
    code: str,  # Python that imports rmtbook and makes a numba kernel run once
) -> list:
    "Seconds from start to the end of `code` in two fresh processes sharing an empty numba cache: compiling, then loading."
    probe = [sys.executable, '-c', f'import time; t = time.perf_counter(); {code}; print(time.perf_counter() - t)']
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, 'NUMBA_CACHE_DIR': cache}
        return [float(subprocess.run(probe, env=env, capture_output=True, text=True, check=True).stdout) for _ in range(2)]
