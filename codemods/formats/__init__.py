"""Carriers: files that are not Python but carry code the migration must reach.

Legacy calls live in notebooks, in the Python blocks of Markdown and reStructuredText docs, and
(as ``clarifai model predict --model_id ...`` command lines) in shell scripts, Makefiles and the
shell blocks of docs. Each carrier is one module with one handler (the interface is in
:mod:`codemods.formats.base`); this package only dispatches: :func:`handler_for` says which
carrier applies to a path, and the engine hands it its own Python migration, so every embedded
Python block goes through exactly the rules a ``.py`` file does.

A handler returns the new text and the findings, with line numbers already moved to the
carrier file's lines. Text that needs no change comes back identical, byte for byte.

Example:
    >>> from pathlib import Path
    >>> handler_for(Path("docs/usage.md")).name
    'markdown'
    >>> handler_for(Path("app.py")) is None
    True
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from codemods.formats.base import (
    CarrierHandler,
    Handler,
    MigratePython,
    RuleFilter,
    may_contain_legacy_python,
)

__all__ = [
    "CARRIERS",
    "HANDLED_NAMES",
    "HANDLED_SUFFIXES",
    "Carrier",
    "CarrierHandler",
    "Handler",
    "MigratePython",
    "RuleFilter",
    "carrier_rule_codes",
    "handler_for",
    "may_contain_legacy_python",
]


@dataclass(frozen=True)
class Carrier:
    """One row of the dispatch table: which files go to which handler.

    The handler is named, not imported, so ``import codemods.formats`` stays cheap for runs
    that never meet a carrier file; it is built on first use.
    """

    module: str  # the carrier module in this package, e.g. "markdown"
    handler: str  # its handler class
    suffixes: tuple[str, ...] = ()  # lower-case file suffixes
    file_names: tuple[str, ...] = ()  # exact file names (Makefiles have no suffix)
    flavour: Optional[str] = None  # passed to the handler's constructor when given

    def build(self) -> Handler:
        handler_class = getattr(importlib.import_module(f"{__name__}.{self.module}"), self.handler)
        built: Handler = handler_class() if self.flavour is None else handler_class(self.flavour)
        return built


CARRIERS: tuple[Carrier, ...] = (
    Carrier("notebook", "NotebookHandler", suffixes=(".ipynb",)),
    # Docusaurus docs (Clarifai's own) use Markdown code fences in .mdx files.
    Carrier("markdown", "MarkdownHandler", suffixes=(".md", ".markdown", ".mdx")),
    Carrier("rst", "RstHandler", suffixes=(".rst",)),
    Carrier("shell", "ShellHandler", suffixes=(".sh", ".bash")),
    Carrier(
        "shell",
        "ShellHandler",
        suffixes=(".mk",),
        file_names=("Makefile", "makefile", "GNUmakefile"),
        flavour="makefile",
    ),
)

#: File suffixes and exact file names that have a carrier (for the engine's file discovery).
HANDLED_SUFFIXES: frozenset[str] = frozenset(s for c in CARRIERS for s in c.suffixes)
HANDLED_NAMES: frozenset[str] = frozenset(n for c in CARRIERS for n in c.file_names)

_BUILT: dict[Carrier, Handler] = {}


def carrier_rule_codes() -> tuple[str, ...]:
    """The codes of the carriers' own rules (LC101+), for ``--select``/``--ignore`` checks."""
    from codemods.rules import Family, every_rule

    return tuple(code for code, rule in every_rule().items() if rule.family is Family.SHELL)


def _carrier_for(path: Path) -> Optional[Carrier]:
    suffix = path.suffix.lower()
    by_name = next((c for c in CARRIERS if path.name in c.file_names), None)
    return by_name or next((c for c in CARRIERS if suffix in c.suffixes), None)


def handler_for(path: Path) -> Optional[Handler]:
    """The carrier for ``path``, or None (Python files and everything unknown)."""
    carrier = _carrier_for(path)
    if carrier is None:
        return None
    if carrier not in _BUILT:
        _BUILT[carrier] = carrier.build()
    return _BUILT[carrier]
