"""Every example in docstrings, docs/ and the README runs as written."""

import doctest
import importlib
import os
import pkgutil
import re
import shlex
import subprocess
import sys
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
CONSOLE = re.compile(r"^```console\n(.*?)^```", re.MULTILINE | re.DOTALL)
TOML = re.compile(r"^```toml\n(.*?)^```", re.MULTILINE | re.DOTALL)
CONSOLE_PAGES = [p for p in PAGES if CONSOLE.search(p.read_text(encoding="utf-8"))]
PYCON_PAGES = [p for p in PAGES if PYCON.search(p.read_text(encoding="utf-8"))]


def test_every_guide_has_runnable_examples():
    without = {p.name for p in PAGES} - {p.name for p in PYCON_PAGES}
    assert without == {"api.md", "cli.md", "design.md"}  # the CLI page's examples are console


@pytest.mark.parametrize("name", MODULES)
def test_module_docstrings(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=FLAGS)
    assert result.failed == 0


@pytest.mark.parametrize("page", PYCON_PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_page_examples(page, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # examples that write files write them here
    text = "\n".join(block for block in PYCON.findall(page.read_text(encoding="utf-8")))
    test = doctest.DocTestParser().get_doctest(text, {}, page.name, str(page), 0)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    runner.run(test)
    assert runner.tries > 0 and runner.failures == 0


@pytest.mark.parametrize("page", CONSOLE_PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_console_examples(page, tmp_path):
    """Each `$ wsiot ...` line runs through the real entry point; its output must match."""
    for block in CONSOLE.findall(page.read_text(encoding="utf-8")):
        command, *expected = block.rstrip("\n").split("\n")
        assert command.startswith("$ wsiot ")
        args = shlex.split(command.removeprefix("$ wsiot "))
        done = subprocess.run([sys.executable, "-m", "wsiot", *args], capture_output=True,
                              text=True, timeout=60, env={**os.environ, "NO_COLOR": "1"},
                              cwd=tmp_path)  # an example that writes a file writes it here
        shown = done.stdout if done.returncode in (0, 1, 3, 4, 5) else done.stderr
        assert shown.rstrip("\n").split("\n") == expected, command


def test_profile_examples_in_the_docs_load(tmp_path):
    """The full profile is eligible; the declared-applications fragment gives its verdicts."""
    from wsiot.io import load_appliance

    page = ROOT / "docs" / "qualification.md"
    fragment, profile = TOML.findall(page.read_text(encoding="utf-8"))
    path = tmp_path / "nas.toml"
    path.write_text(profile)
    assert wsiot.qualify(load_appliance(path)).eligible
    path.write_text('name = "Till"\n' + fragment)
    matches = load_appliance(path).application_matches()
    assert [(m.outcome.value, m.declared) for m in matches] == [
        ("allowed", False), ("forbidden", True), ("allowed", True)]
    assert matches[1].categories == (wsiot.Application.ACCOUNTING,)


def test_every_code_fence_closes_cleanly():
    """A line of three backticks followed by text opens a block; it never closes one."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    for page in [root / "README.md", *sorted((root / "docs").glob("*.md"))]:
        inside = False
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("```"):
                if inside:
                    assert line.strip() == "```", f"{page.name}:{number}: {line!r} closes no block"
                inside = not inside
        assert not inside, f"{page.name}: a code block is never closed"
