"""The documentation site (`make docs`) in a real browser: every page loads without errors and without
the network, every internal link and anchor resolves, math is typeset by the local MathJax, every
glossary term leads to a section with a figure, and search finds a term. Screenshots of every page
go to test-artifacts/site/."""
from __future__ import annotations
import fcntl, os, re, subprocess, sys, uuid
from urllib.parse import urldefrag
import pytest
from browser import ARTIFACTS, ROOT, StaticServer, Watched, launch, need_chromium


GLOSSARY = ['Circular ensembles', 'Gaussian and Wishart beta-ensembles', 'Marchenko-Pastur law', 'Tracy-Widom law', 'Random stream chunking', 'Spectral ergodicity', 'Spectral ergodicity distance',
            'Mixed random matrix ensemble (MME)', 'Periodic spectral ergodicity (PSE)', 'Layer matrices',
            'Cascading periodic spectral ergodicity (cPSE)', 'Empirical spectral density (ESD) of a layer',
            'Circular spectral deviation (CSD)', 'Matrix ensemble equivalence',
            'Nonlinear Gram spectrum', 'Jacobian spectrum and dynamical isometry', 'NNGP kernel', 'Loss-surface Hessian model']

# What a page shows once loaded: its anchors, links, rendered and failed math, raw TeX left in the
# text (outside code), and images that did not load.
INSPECT = r"""async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
  const main = document.querySelector('article') || document.body;
  const text = main.cloneNode(true);
  text.querySelectorAll('pre, code, mjx-container, script, style, .highlight').forEach(e => e.remove());
  return {
    ids: [...document.querySelectorAll('[id]')].map(e => e.id),
    links: [...document.querySelectorAll('a[href]')].map(a => a.href),
    math: document.querySelectorAll('mjx-container').length,
    merror: document.querySelectorAll('mjx-merror').length,
    text: text.textContent,
    broken_images: [...document.querySelectorAll('img')].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src),
    images: document.querySelectorAll('img').length,
    widget_text: /(VBox|HBox)\(children=/.test(main.textContent),
  };
}"""
RAW_TEX = re.compile(r'\$\$|\$[^$\s][^$\n]{0,200}\$|\\(frac|sum|prod|Omega|mathrm|mathbb|operatorname|log_|left|right|beta)\b')


def problems_of(info: dict) -> list[str]:
    "What is wrong with a page, from `INSPECT`'s answer."
    out = [f'{info["merror"]} MathJax errors'] if info['merror'] else []
    if m := RAW_TEX.search(info['text']): out.append(f'raw TeX in the text: ...{info["text"][max(0, m.start() - 40):m.end() + 40]!r}')
    out += [f'image not loaded: {src}' for src in info['broken_images']]
    if info['widget_text']: out.append("a widget's text stand-in (VBox(children=...)) instead of its picture")
    return out


_RUN = uuid.uuid4().hex  # this process's run, when not under pytest-xdist


@pytest.fixture(scope='module')
def site():
    need_chromium()
    out = ROOT / '_site'
    # Built once per test run, whichever pytest-xdist worker gets here first; the others wait on the lock.
    run = os.environ.get('PYTEST_XDIST_TESTRUNUID') or _RUN
    with open(ROOT / '.site-build.lock', 'w') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        stamp = out / '.test-run'
        if not (stamp.exists() and stamp.read_text() == run):
            # README's documented command, with this interpreter (make picks .venv/bin/python otherwise)
            subprocess.run(['make', 'docs', f'PYTHON={sys.executable}'], check=True, cwd=ROOT)
            stamp.write_text(run)
    server = StaticServer(out)
    yield out, server.url
    server.close()


@pytest.fixture(scope='module')
def browser(site):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture(scope='module')
def pages(site, browser):
    "Every page of the site visited once: its inspection, the problems seen, and a screenshot."
    folder, base = site
    shots = ARTIFACTS / 'site'; shots.mkdir(parents=True, exist_ok=True)
    seen = {}
    for path in sorted(folder.glob('*.html')):
        w = Watched(browser, base)
        w.page.goto(base + path.name, wait_until='load')
        info = w.page.evaluate(INSPECT)
        w.page.screenshot(path=str(shots / f'{path.stem}.png'))
        seen[path.name] = dict(info, problems=w.problems + problems_of(info))
        w.close()
    return seen


def test_every_page_loads_clean(pages):
    assert {'index.html', 'glossary.html', 'ergodicity.html', 'cpse.html', 'search.html'} <= set(pages)
    bad = {name: p['problems'] for name, p in pages.items() if p['problems']}
    assert not bad, bad
    # math is typeset, not left as TeX: chapters with formulas render them
    for name in ('glossary.html', 'ergodicity.html', 'mme.html', 'cpse.html', 'equivalence.html'):
        assert pages[name]['math'] >= 5, (name, pages[name]['math'])
    assert pages['ergodicity.html']['images'] >= 3 and pages['ensembles.html']['images'] >= 3


def test_internal_links_resolve(site, pages):
    _, base = site
    checked, bad = 0, []
    for name, p in pages.items():
        for href in p['links']:
            if not href.startswith(base): continue
            url, anchor = urldefrag(href)
            target = url[len(base):] or 'index.html'
            if target not in pages:
                if not (site[0] / target).exists(): bad.append(f'{name}: {href} (no such file)')
                continue
            if anchor and anchor not in pages[target]['ids']: bad.append(f'{name}: {href} (no #{anchor} there)')
            checked += 1
    assert checked > 300, checked  # navigation, toc and doc links of every page
    assert not bad, bad


def test_glossary_terms_lead_to_a_figure(site, browser):
    "Each glossary term: a typeset formula, and a first link to a chapter section with a figure that links back to the term."
    _, base = site
    shots = ARTIFACTS / 'glossary'; shots.mkdir(parents=True, exist_ok=True)
    w = Watched(browser, base)
    w.page.goto(base + 'glossary.html', wait_until='load')
    w.page.evaluate(INSPECT)
    terms = w.page.evaluate("""() => [...document.querySelectorAll('article section section')].map(s => ({
        title: s.querySelector('h2').textContent.replace(/[#¶]/g, '').trim(), id: s.id,
        math: s.querySelectorAll('mjx-container').length,
        link: (s.querySelector('a.reference.internal[href*="#"]') || {}).href }))""")
    assert [t['title'] for t in terms] == GLOSSARY
    for i, t in enumerate(terms):
        assert t['math'] >= 1, t
        assert t['link'] and t['link'].startswith(base), t
        w.page.goto(t['link'], wait_until='load')
        w.page.evaluate(INSPECT)
        anchor = urldefrag(t['link'])[1]
        figures, back = w.page.evaluate("""([id, term]) => { const e = document.getElementById(id);
            const s = e && (e.closest('section') || e);
            if (!s) return [-1, false];
            return [[...s.querySelectorAll('img')].filter(i => i.complete && i.naturalWidth > 0).length,
                    [...s.querySelectorAll('a')].some(a => a.href.endsWith('glossary.html#' + term))]; }""", [anchor, t['id']])
        assert figures >= 1, (t['title'], t['link'], figures)
        assert back, (t['title'], t['link'], 'no link back to the glossary entry')  # glossary -> computation -> glossary
        w.page.locator(f'[id="{anchor}"]').first.screenshot(path=str(shots / f'{i:02d}_{anchor[:60]}.png'))  # the section itself
    assert not w.problems, w.problems
    w.close()


def test_search_finds_a_term(site, browser):
    _, base = site
    w = Watched(browser, base)
    w.page.goto(base + 'search.html?q=periodic+padding', wait_until='load')
    w.page.wait_for_selector('#search-results ul.search li', timeout=20_000)
    hits = w.page.evaluate("() => [...document.querySelectorAll('#search-results ul.search li a')].map(a => a.href)")
    assert any('mme.html' in h for h in hits), hits
    w.page.screenshot(path=str(ARTIFACTS / 'site' / 'search-periodic-padding.png'))
    assert not w.problems, w.problems
    w.close()


def test_checks_catch_a_broken_page(site, browser):
    "Negative control: raw TeX, a missing image and an off-machine request are each reported."
    _, base = site
    w = Watched(browser, base)
    w.page.goto(base + 'index.html', wait_until='load')
    w.page.evaluate("""() => { const a = document.querySelector('article');
        a.insertAdjacentHTML('beforeend', '<p>$\\\\frac{a}{b}$</p><img src="missing.png"><img src="https://example.org/x.png">'); }""")
    w.page.wait_for_timeout(500)
    info = w.page.evaluate(INSPECT)
    found = problems_of(info)
    assert any('raw TeX' in p for p in found) and sum('image not loaded' in p for p in found) == 2, found
    assert any(p.startswith('HTTP 404') and 'missing.png' in p for p in w.problems), w.problems
    assert any('off this machine' in p for p in w.problems), w.problems
    w.close()
