"""The rule registry: every rewrite rule, found by code.

Each rule lives in its own module in this package and registers itself with
:func:`register`; :func:`all_rules` imports the package's modules once (``pkgutil``), so adding
a rule is adding a module, never editing a list. A rule carries its stable code (``LC001``...),
a one-line message, and its own ``VALID`` (left alone) and ``INVALID`` (rewritten) examples,
which are its documentation and, through ``tests/codemods/test_rule_examples.py``, its tests.

Example:
    >>> sorted(all_rules())[:2]
    ['LC001', 'LC002']
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Any, ClassVar, Mapping, Optional, TypeVar

__all__ = ["Invalid", "Rule", "all_rules", "register", "rule_codes"]


@dataclass(frozen=True)
class Invalid:
    """A before/after example: ``before`` is legacy code, ``after`` what the rule makes of it.

    ``signatures`` is the ``models`` object of a signatures file the example is migrated with
    (``--signatures``): the value form needs one, since without evidence of the model's kind
    a predict call keeps the proto form.
    """

    before: str
    after: str
    signatures: Optional[Mapping[str, Any]] = None


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
