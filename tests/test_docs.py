"""Every example in docstrings, docs/ and the README runs as written."""

import doctest
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import wsiot

ROOT = Path(__file__).resolve().parent.parent
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
MODULES = sorted(
    name for _, name, _ in pkgutil.walk_packages(wsiot.__path__, "wsiot.")
    if name not in {"wsiot.__main__"}
)
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
PYCON = re.compile(r"^```pycon\n(.*?)^```", re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("name", MODULES)
def test_module_docstrings(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=FLAGS)
    assert result.failed == 0


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_page_examples(page, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # examples that write files write them here
    text = "\n".join(block for block in PYCON.findall(page.read_text(encoding="utf-8")))
    if not text:
        pytest.skip("no pycon examples on this page")
    test = doctest.DocTestParser().get_doctest(text, {}, page.name, str(page), 0)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    runner.run(test)
    assert runner.tries > 0 and runner.failures == 0
