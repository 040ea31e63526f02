"""The spectrum explorer end to end: Voila serves a notebook with the explorer, headless Chromium moves
the N slider with the keyboard, and the plot must change. The same test against an explorer whose
slider is not wired must time out (the negative control)."""
from __future__ import annotations
import json, os, socket, subprocess, sys, time
import pytest
from browser import ARTIFACTS, ROOT, Watched, free_port, launch, need_chromium

CELLS = ["from rmtbook.widgets import SpectrumExplorer",
         "ex = SpectrumExplorer('CUE', n=32, m=100)\n{unwire}ex"]
UNWIRE = "ex.controls['n'].unobserve(ex._changed, names='value')  # the negative control: slider not wired\n"


def _notebook(path, unwire: bool):
    cells = [dict(cell_type='code', execution_count=None, id=f'c{i}', metadata={}, outputs=[],
                  source=src.format(unwire=UNWIRE if unwire else '')) for i, src in enumerate(CELLS)]
    nb = dict(cells=cells, metadata=dict(kernelspec=dict(name='python3', display_name='Python 3', language='python')),
              nbformat=4, nbformat_minor=5)
    path.write_text(json.dumps(nb))


@pytest.fixture
def voila(tmp_path):
    "Start Voila on a notebook (wired or not) in its own Jupyter folders; yield its URL."
    need_chromium()
    procs = []
    def start(unwire: bool) -> str:
        _notebook(tmp_path / 'explore.ipynb', unwire)
        port = free_port()
        env = dict(os.environ, HOME=str(tmp_path), JUPYTER_CONFIG_DIR=str(tmp_path / 'config'),
                   JUPYTER_RUNTIME_DIR=str(tmp_path / 'runtime'), MPLBACKEND='Agg')
        log = open(tmp_path / 'voila.log', 'w')
        p = subprocess.Popen([sys.executable, '-m', 'voila', str(tmp_path / 'explore.ipynb'), '--no-browser',
                              f'--port={port}', '--Voila.ip=127.0.0.1',
                              '--VoilaConfiguration.extension_denylist=jupyterlab-jupytext'],
                             cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT)
        procs.append(p)
        deadline = time.time() + 90  # Voila has no status endpoint: wait for its port
        while time.time() < deadline:
            if p.poll() is not None: raise RuntimeError(f'voila exited: {(tmp_path / "voila.log").read_text()[-2000:]}')
            with socket.socket() as s:
                if s.connect_ex(('127.0.0.1', port)) == 0: return f'http://127.0.0.1:{port}/'
            time.sleep(0.3)
        raise RuntimeError('voila did not open its port in 90 s')
    yield start
    for p in procs:
        p.terminate()
        try: p.wait(10)
        except subprocess.TimeoutExpired: p.kill()


def move_slider_and_wait(url: str, shot: str, timeout_ms: int = 15_000) -> tuple[str, str]:
    "Open the explorer, press ArrowRight on the N slider, wait for the plot to change; the status text before and after."
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = launch(p)
        # Voila's page links Font Awesome from a CDN: blocked here, and harmless
        w = Watched(browser, url, allow_failed=('https://',))
        w.page.goto(url, wait_until='domcontentloaded', timeout=90_000)
        plot = 'img.rmtbook-plot'
        w.page.wait_for_function(f"() => {{ const i = document.querySelector('{plot}'); return i && i.src && i.naturalWidth > 0; }}",
                                 timeout=90_000)
        before_src = w.page.get_attribute(plot, 'src')
        before = w.page.inner_text('.widget-html')
        handle = w.page.locator('.rmtbook-n .noUi-handle')
        handle.focus(); handle.press('ArrowRight')
        try:
            w.page.wait_for_function(f"(old) => {{ const i = document.querySelector('{plot}'); return i.src !== old && i.naturalWidth > 0; }}",
                                     arg=before_src, timeout=timeout_ms)
        finally:
            (ARTIFACTS / 'explorer').mkdir(parents=True, exist_ok=True)
            w.page.screenshot(path=str(ARTIFACTS / 'explorer' / shot), full_page=True)
        after = w.page.inner_text('.widget-html')
        errors = [e for e in w.problems if e.startswith('page error')]
        w.close(); browser.close()
    assert not errors, errors
    return before, after


def test_slider_moves_the_plot(voila):
    before, after = move_slider_and_wait(voila(unwire=False), 'wired.png', timeout_ms=30_000)
    assert 'N = 32' in before and 'N = 36' in after, (before, after)  # ArrowRight = one step of 4


def test_unwired_slider_is_caught(voila):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    with pytest.raises(PlaywrightTimeout):
        move_slider_and_wait(voila(unwire=True), 'unwired.png', timeout_ms=8_000)
