# Configuration lives in pyproject.toml; this stub is for tools that still call setup.py.
from setuptools import setup

setup()
