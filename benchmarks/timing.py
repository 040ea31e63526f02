"""What the benchmark scripts share: a wall-clock timing of one call (the scripts run from this folder)."""
import time


def timed(f):
    "Seconds that `f()` took, and its result."
    t0 = time.perf_counter()
    out = f()
    return time.perf_counter() - t0, out
