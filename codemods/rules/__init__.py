"""The rule registry: every rewrite rule, found by code.

Each rule lives in its own module in this package and registers itself with
:func:`register`; :func:`all_rules` imports the package's modules once (``pkgutil``), so adding
a rule is adding a module, never editing a list. A rule carries its stable code (``LC001``...),
a one-line message, and its own ``VALID`` (left alone) and ``INVALID`` examples (each with its
outcome: rewritten, marked or reported, and its output), which are its documentation and,
through ``tests/codemods/test_rule_examples.py``, its tests.

Example:
    >>> sorted(all_rules())[:2]
    ['LC001', 'LC002']
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import ClassVar, Mapping, Optional, TypeVar

from codemods.findings import Outcome

__all__ = ["Invalid", "Rule", "all_rules", "register", "rule_codes"]


#: The marker a ``marked`` example's output carries (see :mod:`codemods.rules.marker`).
_MARKER_TEXT = "TODO(legacy-compat"


@dataclass(frozen=True)
class Invalid:
    """A legacy example and what the rule makes of it: the complete specification of one case.

    ``after`` is the expected output (for a ``reported`` site, omit it: the code stays as it
    is). ``outcome`` says which of the three a site gets: ``rewritten`` (to the new form),
    ``marked`` (kept on ``legacy_compat`` with a TODO for a human) or ``reported`` (listed and
    left alone). When not given it follows from the output: a TODO marker means marked, an
    unchanged output means reported, anything else rewritten. ``message`` is, when given, a
    part of the finding's message the user must see (what to do by hand).

    >>> Invalid("m.predict_by_url(u)", outcome=Outcome.REPORTED).output
    'm.predict_by_url(u)'
    """

    before: str
    after: Optional[str] = None
    outcome: Optional[Outcome] = None
    message: str = ""

    @property
    def output(self) -> str:
        """The expected text after migration."""
        return self.before if self.after is None else self.after

    @property
    def expected_outcome(self) -> Outcome:
        if self.outcome is not None:
            return self.outcome
        if self.output == self.before:
            return Outcome.REPORTED
        return Outcome.MARKED if _MARKER_TEXT in self.output else Outcome.REWRITTEN


class Rule:
    """Metadata shared by every rule; the behaviour lives in each rule's module."""

    CODE: ClassVar[str]
    NAME: ClassVar[str]
    MESSAGE: ClassVar[str]
    VALID: ClassVar[tuple[str, ...]] = ()
    INVALID: ClassVar[tuple[Invalid, ...]] = ()


_REGISTRY: dict[str, type[Rule]] = {}
_LOADED = False
RuleT = TypeVar("RuleT", bound=type[Rule])


def register(rule: RuleT) -> RuleT:
    """Class decorator: add ``rule`` to the registry under its code (codes are unique)."""
    existing = _REGISTRY.get(rule.CODE)
    if existing is not None and existing is not rule:
        raise ValueError(
            f"rule code {rule.CODE} is used by both {existing.__module__} and {rule.__module__}; "
            "give the new rule the next free code"
        )
    _REGISTRY[rule.CODE] = rule
    return rule


def all_rules() -> Mapping[str, type[Rule]]:
    """Every registered rule by code, importing the rule modules on first use."""
    global _LOADED
    if not _LOADED:
        for info in pkgutil.iter_modules(__path__):
            importlib.import_module(f"{__name__}.{info.name}")
        _LOADED = True
    return dict(sorted(_REGISTRY.items()))


def rule_codes() -> tuple[str, ...]:
    return tuple(all_rules())
