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

import enum
import importlib
import pkgutil
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Mapping, Optional, Sequence, TypeVar, Union

from codemods.findings import Outcome

if TYPE_CHECKING:
    import libcst as cst

    from codemods.planner import CallSite, Planner
    from codemods.read_plan import ReadPlan
    from codemods.rules.marker import Marker

__all__ = [
    "Family",
    "Invalid",
    "Rule",
    "RuleSummary",
    "all_rules",
    "every_rule",
    "register",
    "register_summary",
    "rule_codes",
]


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

    ``signatures`` is the ``models`` object of a signatures file the example is migrated with
    (``--signatures``): the value form needs one, since without evidence of the model's kind
    a predict call keeps the proto form.

    >>> Invalid("m.predict_by_url(u)", outcome=Outcome.REPORTED).output
    'm.predict_by_url(u)'
    """

    before: str
    after: Optional[str] = None
    outcome: Optional[Outcome] = None
    message: str = ""
    signatures: Optional[Mapping[str, Any]] = None

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
    """A Python rule: its metadata, its examples, and the hooks through which it does its work.

    The planner (:mod:`codemods.planner`) knows no rule by name. For every legacy call it
    builds a :class:`~codemods.planner.CallSite` and calls the hooks of every registered rule,
    in code order; a rule overrides only the hooks it needs (as a Fixit rule defines only the
    visitors it needs). A hook that returns a :class:`~codemods.rules.marker.Marker` stops the
    site there: it is marked (or reported) instead of rewritten. When a rule is disabled
    (``--ignore``) and :meth:`needed_by` says a site needs it, the site gets a marker saying so.
    """

    CODE: ClassVar[str]
    NAME: ClassVar[str]
    MESSAGE: ClassVar[str]
    VALID: ClassVar[tuple[str, ...]] = ()
    INVALID: ClassVar[tuple[Invalid, ...]] = ()
    #: True for the rule that rewrites the call itself; the other rules refine its rewrite, so
    #: with it disabled call sites are left alone, unreported.
    REWRITES_CALLS: ClassVar[bool] = False
    #: What of a site needs this rule, for the marker a site gets while the rule is disabled.
    NEEDED_FOR: ClassVar[str] = ""
    #: True for the rules that rewrite reads of the legacy response: where they give up, the
    #: call can still keep the legacy response shape (see :meth:`replan`).
    REWRITES_RESPONSE_READS: ClassVar[bool] = False

    def needed_by(self, site: CallSite, context: Planner) -> bool:
        """Would ``site`` be left half-migrated without this rule?"""
        return False

    def plan_unresolved(self, site: CallSite, reason: str, context: Planner) -> Optional[Marker]:
        """A call whose receiver may not be a Clarifai Model (``reason`` says why not known)."""
        return None

    def plan_site(self, site: CallSite, context: Planner) -> Optional[Marker]:
        """Plan this rule's part of one call whose receiver is a Clarifai Model."""
        return None

    def replan(self, site: CallSite, marker: Marker, context: Planner) -> Optional[Marker]:
        """The rule that rewrites calls may answer ``marker`` (from any rule) with another form
        of the call; it returns the marker that stands, or None when the site is planned."""
        return marker

    def complete_site(self, site: CallSite, context: Planner) -> None:
        """Every rule planned ``site`` without a marker: add what only then holds."""

    def plan_model(self, sites: Sequence[CallSite], context: Planner) -> None:
        """Plan this rule's part of all calls on one model, after every site is planned."""

    def plan_status_check(
        self, statement: Union[cst.If, cst.Assert], plan: ReadPlan, new_method: str
    ) -> Optional[Marker]:
        """An ``if``/``assert`` on the response's status, met while its reads are planned (see
        :attr:`HANDLES_STATUS_CHECKS`)."""
        return None

    def finish_module(self, context: Planner) -> None:
        """After every call is planned: report what is not a call (a method passed on)."""

    #: True for the rule whose :meth:`plan_status_check` handles status checks.
    HANDLES_STATUS_CHECKS: ClassVar[bool] = False

    def render_input(
        self, site: CallSite, source: cst.BaseExpression, context: Planner
    ) -> Optional[str]:
        """The rewrite rule's input text for ``source`` (the argument after inner rewrites)."""
        return None


class Family(str, enum.Enum):
    """Which code a rule reads: the registry holds both, under one set of codes."""

    PYTHON = "python"  # LC0xx: Python code, in .py files, notebook cells and doc blocks
    SHELL = "shell"  # LC1xx: `clarifai model predict` command lines (codemods.formats)


@dataclass(frozen=True)
class RuleSummary:
    """What ``--list-rules``, ``--select``/``--ignore`` and the guide need of any rule."""

    code: str
    name: str
    message: str
    family: Family
    module: str


_SUMMARIES: dict[str, RuleSummary] = {}
_PYTHON_RULES: dict[str, type[Rule]] = {}
_LOADED = False
RuleT = TypeVar("RuleT", bound=type[Rule])


def _claim(summary: RuleSummary) -> None:
    existing = _SUMMARIES.get(summary.code)
    if existing is not None and existing != summary:
        raise ValueError(
            f"rule code {summary.code} is used by both {existing.module} and {summary.module}; "
            "give the new rule the next free code"
        )
    _SUMMARIES[summary.code] = summary


def register(rule: RuleT) -> RuleT:
    """Class decorator: add the Python rule ``rule`` to the registry under its code."""
    _claim(RuleSummary(rule.CODE, rule.NAME, rule.MESSAGE, Family.PYTHON, rule.__module__))
    _PYTHON_RULES[rule.CODE] = rule
    return rule


def register_summary(summary: RuleSummary) -> None:
    """Add a rule whose behaviour lives elsewhere (the shell rules' table) to the registry."""
    _claim(summary)


def _load() -> None:
    global _LOADED
    if not _LOADED:
        for info in pkgutil.iter_modules(__path__):
            importlib.import_module(f"{__name__}.{info.name}")
        _LOADED = True


def all_rules() -> Mapping[str, type[Rule]]:
    """Every registered Python rule by code, importing the rule modules on first use."""
    _load()
    return dict(sorted(_PYTHON_RULES.items()))


def every_rule() -> Mapping[str, RuleSummary]:
    """Every registered rule of both families by code (Python LC0xx first, then shell LC1xx)."""
    _load()
    return dict(sorted(_SUMMARIES.items()))


def rule_codes() -> tuple[str, ...]:
    """Every rule code a user may ``--select`` or ``--ignore``."""
    return tuple(every_rule())
