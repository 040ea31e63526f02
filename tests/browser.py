"""Helpers of the browser tests: Debian's Chromium driven by Playwright, pages served from 127.0.0.1 only."""
from __future__ import annotations
import functools, http.server, os, shutil, socket, threading
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / 'test-artifacts'
CHROMIUM = os.environ.get('RMTBOOK_CHROMIUM', '/usr/bin/chromium')
CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
                 '--disable-component-update', '--no-first-run', '--disable-sync']


def need_chromium():
    "Skip on a machine without Chromium, except in CI (CI=true), where a missing browser is a failure."
    if shutil.which(CHROMIUM) or Path(CHROMIUM).exists(): return
    msg = f'{CHROMIUM} not found: apt-get install chromium (the browser tests use Debian\'s Chromium)'
    if os.environ.get('CI'): pytest.fail(msg)
    pytest.skip(msg)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


class StaticServer:
    "A folder served on 127.0.0.1 in a thread, quietly."
    def __init__(self, folder: Path):
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(('127.0.0.1', free_port()), handler)
        self.url = f'http://127.0.0.1:{self.httpd.server_address[1]}/'
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
    def close(self):
        self.httpd.shutdown(); self.httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args): pass


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


class Watched:
    """A page whose console errors, page errors, failed requests and requests to any other host are
    recorded in `problems` (requests off 127.0.0.1 are blocked: the site must work with no network)."""
    def __init__(self, browser, base: str, allow_failed=()):
        self.context = browser.new_context(viewport=dict(width=1280, height=900))
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.base, self.allow_failed = base, tuple(allow_failed)
        self.page.on('console', lambda m: m.type == 'error' and self.problems.append(f'console error: {m.text}'))
        self.page.on('pageerror', lambda e: self.problems.append(f'page error: {e}'))
        self.page.on('requestfailed', self._failed)
        self.page.on('response', lambda r: r.status >= 400 and self.problems.append(f'HTTP {r.status}: {r.url}'))
        self.context.route('**/*', self._route)

    def _route(self, route):
        url = route.request.url
        if url.startswith(('http://127.0.0.1', 'ws://127.0.0.1', 'data:', 'blob:')): return route.continue_()
        if not url.startswith(self.allow_failed): self.problems.append(f'blocked request off this machine: {url}')
        return route.abort()

    def _failed(self, request):
        if request.url.startswith(self.allow_failed): return
        if not request.url.startswith('http://127.0.0.1'): return  # blocked by _route, reported there
        # a load cut short because the test navigated on (fonts, favicon); a missing file is an HTTP 404 instead
        if request.failure == 'net::ERR_ABORTED': return
        self.problems.append(f'failed request: {request.url} ({request.failure})')

    def close(self): self.context.close()
