PYTHON ?= $(if $(wildcard .venv/bin/python),.venv/bin/python,python3)

.PHONY: docs
# The documentation site, offline, into _site/ (Sphinx + MyST-NB + Furo over nbdev's processed notebooks;
# MathJax from package.json). Users with Quarto can run nbdev-docs instead.
docs:
	$(PYTHON) tools/site.py --out _site
