"""MkDocs hook: show bare doctest examples (in docstrings) as Python console code blocks.

Docstring examples are written as plain ``>>>`` lines so that doctest runs them; as
Markdown they would read as paragraphs, and ``[...][:3]`` as a link. This hook adds a
Markdown preprocessor that fences every run of ``>>>`` lines and their output.
"""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from mkdocs.plugins import event_priority


class _DoctestFences(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        fenced = False
        in_example = False
        for line in lines:
            stripped = line.lstrip()
            if not in_example and stripped.startswith(("```", "~~~")):
                fenced = not fenced
            if not fenced and not in_example and stripped.startswith(">>>"):
                indent = line[: len(line) - len(stripped)]
                out += ["", f"{indent}```pycon"]
                in_example = True
            elif in_example and not stripped:
                out.append(f"{indent}```")
                in_example = False
            out.append(line)
        if in_example:
            out.append(f"{indent}```")
        return out


class DoctestFences(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API
        md.preprocessors.register(_DoctestFences(md), "doctest_fences", 35)


@event_priority(100)  # before mkdocstrings reads the extensions
def on_config(config: Any) -> Any:
    config.markdown_extensions.append(DoctestFences())
    return config
