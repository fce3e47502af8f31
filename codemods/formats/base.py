"""What every carrier format shares: the handler interface and the cheap textual pre-filters.

A carrier module (``notebook``, ``markdown``, ``rst``, ``shell``) implements :class:`Handler`,
usually by subclassing :class:`CarrierHandler`; :mod:`codemods.formats` (the package) only
dispatches a path to the right one. Kept apart so a carrier imports its base class without
importing the dispatcher that, in turn, knows every carrier.
"""

from __future__ import annotations

import re
from typing import Callable, List, Optional, Protocol, Tuple

from codemods.findings import Finding
from codemods.legacy_api import LEGACY_METHOD_PATTERN

__all__ = ["CarrierHandler", "Handler", "MigratePython", "RuleFilter", "may_contain_legacy_python"]

#: The engine's Python migration: source in, (new source, findings) out; it never raises.
MigratePython = Callable[[str], Tuple[str, List[Finding]]]
#: Which rule codes are on (``MigrateOptions.enabled``); None means all of them.
RuleFilter = Optional[Callable[[str], bool]]

_LEGACY_CALL = re.compile(LEGACY_METHOD_PATTERN)


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
