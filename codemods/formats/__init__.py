"""Carriers: files that are not Python but carry code the migration must reach.

Legacy calls live in notebooks, in the Python blocks of Markdown and reStructuredText docs, and
(as ``clarifai model predict --model_id ...`` command lines) in shell scripts, Makefiles and the
shell blocks of docs. Each carrier is one module with one :class:`Handler`; the engine asks
:func:`handler_for` which one applies to a path and hands it the engine's own Python migration,
so every embedded Python block goes through exactly the rules a ``.py`` file does.

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

import re
from pathlib import Path
from typing import Callable, List, Mapping, Optional, Protocol, Tuple

from codemods.findings import Finding
from codemods.legacy_api import LEGACY_METHOD_NAMES

__all__ = [
    "CarrierHandler",
    "HANDLED_NAMES",
    "HANDLED_SUFFIXES",
    "carrier_rule_codes",
    "Handler",
    "MigratePython",
    "RuleFilter",
    "handler_for",
    "may_contain_legacy_python",
]

#: The engine's Python migration: source in, (new source, findings) out; it never raises.
MigratePython = Callable[[str], Tuple[str, List[Finding]]]
#: Which rule codes are on (``MigrateOptions.enabled``); None means all of them.
RuleFilter = Optional[Callable[[str], bool]]

_LEGACY_CALL = re.compile(r"\b(?:{})\b".format("|".join(sorted(LEGACY_METHOD_NAMES))))


def may_contain_legacy_python(code: str) -> bool:
    """Cheap textual test: could ``code`` hold a legacy by_* call at all?

    Blocks that fail it are never parsed, so a doc full of pseudo-code that mentions nothing
    legacy produces no noise.
    """
    return _LEGACY_CALL.search(code) is not None


class Handler(Protocol):
    """One carrier format."""

    #: Short name used in reports (``notebook``, ``markdown``, ``rst``, ``shell``).
    name: str

    def may_contain_legacy(self, text: str) -> bool:
        """Cheap textual pre-filter: False means ``migrate`` would return ``text`` unchanged."""
        ...

    def might_match(self, data: bytes) -> bool:
        """:meth:`may_contain_legacy` on the file's raw bytes (the engine's pre-filter)."""
        ...

    def migrate(
        self, text: str, migrate_python: MigratePython, *, enabled: RuleFilter = None
    ) -> tuple[str, list[Finding]]:
        """The migrated text and the findings, lines counted in ``text``.

        ``enabled`` selects the carrier's own rules (the LC1xx shell rules); the Python rules
        are the business of ``migrate_python``.
        """
        ...


class CarrierHandler:
    """What every carrier shares: the bytes-level pre-filter derived from the text-level one."""

    name = "carrier"

    def may_contain_legacy(self, text: str) -> bool:
        """Documents and notebooks can hold both Python and shell; a shell file overrides."""
        from codemods.formats.shell import may_contain_legacy_cli  # shell imports this module

        return may_contain_legacy_python(text) or may_contain_legacy_cli(text)

    def might_match(self, data: bytes) -> bool:
        # Every pattern the carriers look for is ASCII, so any decoding that keeps ASCII works.
        return self.may_contain_legacy(data.decode("latin-1"))


def _handlers() -> tuple[Mapping[str, Handler], Mapping[str, Handler]]:
    # Imported here so `import codemods.formats` stays cheap for engines that never see a
    # carrier file; each carrier module is small and pure Python.
    from codemods.formats.markdown import MarkdownHandler
    from codemods.formats.notebook import NotebookHandler
    from codemods.formats.rst import RstHandler
    from codemods.formats.shell import ShellHandler

    markdown, shell, makefile = MarkdownHandler(), ShellHandler(), ShellHandler("makefile")
    by_suffix: Mapping[str, Handler] = {
        ".ipynb": NotebookHandler(),
        ".md": markdown,
        ".markdown": markdown,
        ".mdx": markdown,  # Docusaurus docs (Clarifai's own) use Markdown code fences
        ".rst": RstHandler(),
        ".sh": shell,
        ".bash": shell,
        ".mk": makefile,
    }
    by_name: Mapping[str, Handler] = {
        "Makefile": makefile,
        "makefile": makefile,
        "GNUmakefile": makefile,
    }
    return by_suffix, by_name


#: File suffixes and exact file names that have a carrier (for the engine's file discovery).
HANDLED_SUFFIXES: frozenset[str] = frozenset(
    {".ipynb", ".md", ".markdown", ".mdx", ".rst", ".sh", ".bash", ".mk"}
)
HANDLED_NAMES: frozenset[str] = frozenset({"Makefile", "makefile", "GNUmakefile"})

_REGISTRY: Optional[tuple[Mapping[str, Handler], Mapping[str, Handler]]] = None


def carrier_rule_codes() -> tuple[str, ...]:
    """The codes of the carriers' own rules (LC101+), for ``--select``/``--ignore`` checks."""
    from codemods.formats.predict_command import SHELL_RULES

    return tuple(SHELL_RULES)


def handler_for(path: Path) -> Optional[Handler]:
    """The carrier for ``path``, or None (Python files and everything unknown)."""
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = _handlers()
    by_suffix, by_name = _REGISTRY
    return by_name.get(path.name) or by_suffix.get(path.suffix.lower())
