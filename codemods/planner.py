"""Decide, for every legacy call in a module, what happens to it: one combined pass.

The planner asks each rule module the one question it owns (LC001 binds the arguments, LC002
spreads ``inference_params``, LC003 moves routing, LC004/LC005 rewrite the response reads,
LC006 reports unknown receivers) and turns the answers into node edits and findings. It
changes nothing itself: :mod:`codemods.rewrite` applies the edits.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Mapping, Optional, TypeVar, Union

import libcst as cst
from libcst.metadata.scope_provider import Assignment

from codemods.analysis import ModuleFacts, ReceiverResolver, Resolved
from codemods.findings import Finding, Outcome
from codemods.flow import helper_parameter, reached_reads
from codemods.legacy_api import (
    DATA_TYPE_MODULE,
    INPUTS_MODULE,
    LEGACY_COMPAT_MODEL_NAMES,
    LEGACY_METHODS,
    LegacyMethod,
)
from codemods.nodes import parse_in_brackets, string_value
from codemods.options import MigrateOptions
from codemods.read_plan import ReadEdit, ReadPlan, build_read_edit
from codemods.rules import Rule, all_rules
from codemods.rules.marker import Marker, marker_points_at_shim, todo_comment

if TYPE_CHECKING:
    from codemods.rules.lc001_legacy_call import BoundCall
    from codemods.signature_file import MethodSignature

__all__ = [
    "ALIASES",
    "LEGACY_COMPAT",
    "NEW_CODE_NAMES",
    "CallSite",
    "ImportNames",
    "ModulePlan",
    "NodeEdit",
    "Planner",
    "plan_module",
]


#: Names the rewritten code may use -> (module, attribute) they are imported from. A name the
#: file already binds to something else is imported under :data:`ALIASES`' spelling instead.
NEW_CODE_NAMES: dict[str, tuple[str, str]] = {
    "Image": (DATA_TYPE_MODULE, "Image"),
    "Audio": (DATA_TYPE_MODULE, "Audio"),
    "Video": (DATA_TYPE_MODULE, "Video"),
    "Text": (DATA_TYPE_MODULE, "Text"),
    "Path": ("pathlib", "Path"),
    "Inputs": (INPUTS_MODULE, "Inputs"),  # the proto form: Inputs.get_input_from_url(...)
}
#: The alias a new name takes when the file already uses the plain name for something else.
ALIASES: dict[str, str] = {
    "Image": "ClarifaiImage",
    "Audio": "ClarifaiAudio",
    "Video": "ClarifaiVideo",
    "Text": "ClarifaiText",
    "Path": "PathlibPath",
    "Inputs": "ClarifaiInputs",
}
#: The module the marked calls fall back on (``legacy_compat.Model``).
LEGACY_COMPAT = "legacy_compat"


@dataclass(frozen=True)
class ImportNames:
    """How the rewritten code spells the names it needs, given what the file already binds:
    ``{"Image": "ClarifaiImage"}`` when the file's own ``Image`` is PIL's. A name not listed is
    spelled as itself."""

    spellings: Mapping[str, str] = field(default_factory=dict)

    def local(self, name: str) -> str:
        return self.spellings.get(name, name)


@dataclass
class NodeEdit:
    """Replace ``node`` with ``build(updated_node)``; ``build`` may return a sentinel."""

    build: Callable[[cst.CSTNode], Union[cst.CSTNode, cst.RemovalSentinel, cst.FlattenSentinel]]
    #: The edit turns the constructor into ``legacy_compat.Model(...)`` (applied once per call).
    switches_constructor: bool = False


@dataclass
class ModulePlan:
    edits: dict[cst.CSTNode, list[NodeEdit]] = field(default_factory=dict)
    comments: dict[cst.CSTNode, list[str]] = field(default_factory=dict)
    findings: list[tuple[cst.CSTNode, Finding]] = field(default_factory=list)
    needed_imports: set[str] = field(default_factory=set)  # NEW_CODE_NAMES keys, LEGACY_COMPAT
    maybe_unused: set[str] = field(default_factory=set)  # names whose import may now be unused
    rewritten_calls: dict[cst.CSTNode, cst.CSTNode] = field(default_factory=dict)
    # Marked calls inside the arguments of a call that is rewritten, left for a second pass.
    deferred: list[cst.Call] = field(default_factory=list)

    def add(self, node: cst.CSTNode, edit: NodeEdit) -> None:
        self.edits.setdefault(node, []).append(edit)

    @property
    def changes(self) -> bool:
        return bool(self.edits or self.comments)


@dataclass
class CallSite:
    """One legacy call on a Clarifai Model, as the rules plan it (each fills in its part)."""

    call: cst.Call
    method: LegacyMethod
    constructors: tuple[cst.Call, ...]
    bound: Optional[BoundCall] = None
    #: The model URLs of a model built in another module (codemods.project_index), "" for an
    #: origin whose URL is unknown; empty when the model is built by ``constructors``.
    references: tuple[str, ...] = ()
    marker: Optional[Marker] = None
    #: The new method's parameter that receives the input; "" passes it positionally (first).
    parameter: str = ""
    input_text: str = ""
    keywords: list[tuple[str, cst.BaseExpression]] = field(default_factory=list)
    reads: Optional[ReadPlan] = None
    assumptions: list[str] = field(default_factory=list)
    signature: Optional[MethodSignature] = None  # the new method's, when the model is known
    proto: bool = False  # the proto form: model.predict(inputs=[Input protos], ...)
    text_type: str = "STR"  # the signature type of the text parameter, if any
    pythonic: str = ""  # why the model is taken to be pythonic (an assumption without signature)
    #: The rule that rewrites the call planned all of it (the proto form keeps the legacy
    #: response and arguments), so the rules that refine a value-form call have nothing to do.
    complete: bool = False


def _overrides(rule: Rule, hook: str) -> bool:
    return getattr(type(rule), hook) is not getattr(Rule, hook)


class Planner:
    """One module's plan; the rules' hooks get it as their context (see :class:`Rule`)."""

    def __init__(
        self,
        facts: ModuleFacts,
        resolver: ReceiverResolver,
        options: MigrateOptions,
        names: ImportNames,
        imports_model: bool,
        path: str,
        defer_nested: bool = False,
    ) -> None:
        self.defer_nested = defer_nested
        self.facts = facts
        self.resolver = resolver
        self.options = options
        self.names = names
        self.imports_model = imports_model
        self.path = path
        self.plan = ModulePlan()
        self.rules = [rule() for rule in all_rules().values()]
        self.call_rule = next((r for r in self.rules if r.REWRITES_CALLS), None)

    def enabled(self, rule: Rule) -> bool:
        return self.options.enabled(rule.CODE)

    # -- per site --------------------------------------------------------------------------
    def run(self) -> ModulePlan:
        sites: list[CallSite] = []
        rewriting = self.call_rule is not None and self.enabled(self.call_rule)
        for call in self.facts.legacy_calls:
            assert isinstance(call.func, cst.Attribute)
            method = LEGACY_METHODS[call.func.attr.value]
            resolution = self.resolver.resolve(call.func.value)
            if resolution.status is Resolved.OTHER:
                continue
            site = CallSite(call, method, resolution.constructors)
            site.references = resolution.references
            if resolution.status is Resolved.UNKNOWN:
                self._plan_unresolved(site, resolution.reason)
                continue
            if not rewriting:
                continue
            site.marker = self._plan_site(site)
            sites.append(site)
        self._plan_models(sites)
        deferred = self._deferred(sites)
        for site in sites:
            if site.call in deferred:
                self.plan.deferred.append(site.call)
            else:
                self._apply(site)
        for rule in self.rules:
            if self.enabled(rule):
                rule.finish_module(self)
        return self.plan

    def report(self, node: cst.CSTNode, finding: Finding) -> None:
        """Add a rule's own finding about ``node`` (its line is filled in by the engine)."""
        self.plan.findings.append((node, finding))

    def _deferred(self, sites: list[CallSite]) -> set[cst.Call]:
        """Marked calls nested in the arguments of a call that is rewritten.

        The outer rewrite changes the code around the inner call (``x.encode()`` given as text
        becomes ``x``), and a second look at the inner call in its new surroundings may
        rewrite it after all. Marking it now would leave a stale TODO and a
        ``legacy_compat.Model`` behind, so it is left untouched and the engine migrates the
        output once more (one run reaches the fixed point)."""
        if not self.defer_nested:
            return set()
        rewritten = {s.call for s in sites if s.marker is None}
        deferred: set[cst.Call] = set()
        for site in sites:
            if site.marker is None or not site.marker.keep_legacy:
                continue
            ancestor = self.facts.parent.get(site.call)
            while ancestor is not None and ancestor not in rewritten:
                ancestor = self.facts.parent.get(ancestor)
            if ancestor is not None:
                deferred.add(site.call)
        return deferred

    def _plan_unresolved(self, site: CallSite, reason: str) -> None:
        for rule in self.rules:
            marker = rule.plan_unresolved(site, reason, self) if self.enabled(rule) else None
            if marker is not None:
                self._finding(site.call, marker, [])
                return

    def _plan_site(self, site: CallSite) -> Optional[Marker]:
        for rule in self.rules:
            if site.complete:
                break
            if not _overrides(rule, "plan_site"):
                continue
            if self.enabled(rule):
                marker = rule.plan_site(site, self)
            else:
                marker = self.disabled(rule) if rule.needed_by(site, self) else None
            if marker is not None:
                assert self.call_rule is not None
                return self.call_rule.replan(site, marker, self)
        for rule in self.rules:
            rule.complete_site(site, self)
        return None

    def rule_needed_for(self, site: CallSite, need: str) -> Optional[Rule]:
        """The rule whose :attr:`Rule.NEEDED_FOR` is ``need``, if ``site`` needs it."""
        return next(
            (r for r in self.rules if need == r.NEEDED_FOR and r.needed_by(site, self)), None
        )

    def rewrites_response_reads(self, code: str) -> bool:
        """Whether the rule ``code`` rewrites reads of the legacy response."""
        return any(code == r.CODE and r.REWRITES_RESPONSE_READS for r in self.rules)

    @staticmethod
    def no_reads() -> ReadPlan:
        """The read plan of a call whose response keeps its legacy shape."""
        return ReadPlan()

    def constant_string(self, node: cst.BaseExpression) -> Optional[str]:
        """The string a name always holds: one assignment of a string literal in its scope."""
        if not isinstance(node, cst.Name):
            return None
        scope = self.resolver.scope_of(node)
        if scope is None:
            return None
        assignments = list(scope[node.value])
        if len(assignments) != 1 or not isinstance(assignments[0], Assignment):
            return None
        if isinstance(assignments[0].node, (cst.Import, cst.ImportFrom)):
            return self._imported_constant(node)
        target = self.facts.parent.get(assignments[0].node)
        statement = None if target is None else self.facts.parent.get(target)
        if (
            isinstance(statement, cst.Assign)
            and len(statement.targets) == 1
            and statement.targets[0].target is assignments[0].node
        ):
            return string_value(statement.value)
        if (
            isinstance(target, cst.AnnAssign)
            and target.target is assignments[0].node
            and target.value is not None
        ):
            return string_value(target.value)  # MODEL_URL: str = "https://..."
        return None

    def _imported_constant(self, node: cst.Name) -> Optional[str]:
        """The string a name imported from a sibling module (``from settings import URL``)
        is assigned once at that module's top level; None when that is not visible."""
        if not self.path:
            return None
        names = self.resolver.qualified_names(node)
        if len(names) != 1:
            return None
        module, _, name = names.pop().rpartition(".")
        if not module or module.startswith("."):
            return None
        return _module_constant(Path(self.path).parent / (module.replace(".", "/") + ".py"), name)

    def disabled(self, rule: Rule) -> Marker:
        """The marker of a site that needs ``rule`` while it is disabled."""
        return Marker(
            rule.CODE,
            f"{rule.NEEDED_FOR} needs rule {rule.CODE}, which is disabled: enable it or "
            "migrate by hand",
            keep_legacy=False,
        )

    def status_check(
        self, new_method: str, *, asked_by: str
    ) -> Callable[[Union[cst.If, cst.Assert], ReadPlan], Optional[Marker]]:
        """How the rule that handles status checks plans one, for the rule ``asked_by``."""

        def plan(statement: Union[cst.If, cst.Assert], reads: ReadPlan) -> Optional[Marker]:
            for rule in self.rules:
                if rule.HANDLES_STATUS_CHECKS:
                    if not self.enabled(rule):
                        return self.disabled(rule)
                    return rule.plan_status_check(statement, reads, new_method)
            return Marker(asked_by, "no rule migrates this status check: migrate it by hand")

        return plan

    def references(self, target: cst.Name) -> Optional[list[cst.Name]]:
        """The reads that see the value bound at ``target`` (see :mod:`codemods.flow`)."""
        return reached_reads(target, self.facts, self.resolver.scope_of)

    def helper_parameter(self, call: cst.Call, arg: cst.Arg) -> Optional[cst.Name]:
        """The parameter that receives ``arg`` when ``call`` calls a function of this module
        that nothing else calls or refers to (so rewriting its body affects this call only)."""
        return helper_parameter(call, arg, self.resolver.scope_of)

    def spell(self, text: str) -> str:
        """The new code's names as this file imports them (``ClarifaiImage`` beside PIL's)."""
        for name in NEW_CODE_NAMES:
            local = self.names.local(name)
            if local != name:
                text = re.sub(rf"(?<![.\w]){name}(?=[(.])", local, text)
        return text

    # -- per model ---------------------------------------------------------------------------
    def _plan_models(self, sites: list[CallSite]) -> None:
        groups: dict[tuple[int, ...], list[CallSite]] = {}
        for site in sites:
            groups.setdefault(tuple(sorted(id(c) for c in site.constructors)), []).append(site)
        for rule in self.rules:
            if not _overrides(rule, "plan_model"):
                continue
            for group in groups.values():
                needing = [s for s in group if rule.needed_by(s, self)]
                if not needing or _blocked_by_a_disabled_rule(group, needing):
                    continue
                if self.enabled(rule):
                    rule.plan_model(group, self)
                    continue
                for site in needing:
                    site.marker = site.marker or self.disabled(rule)

    def add_keywords(
        self, constructor: cst.Call, additions: list[tuple[str, cst.BaseExpression]]
    ) -> None:
        """Append keyword arguments to a model's constructor call."""
        self.plan.add(constructor, NodeEdit(_add_keywords(additions)))

    # -- edits and findings ------------------------------------------------------------------
    def _apply(self, site: CallSite) -> None:
        if site.marker is not None:
            if site.marker.keep_legacy:
                self._point_at_legacy_compat(site)
                statement = self.facts.statement_of(site.call)
                comment = todo_comment(site.marker, on_shim=marker_points_at_shim(self.path))
                # A statement that already carries the marker (a second run, or the verified
                # write's idempotence pass) is not a change: nothing is re-rendered for it.
                if comment not in _leading_comments(statement):
                    comments = self.plan.comments.setdefault(statement, [])
                    if comment not in comments:
                        comments.append(comment)
            self._finding(site.call, site.marker, [])
            return
        assert self.call_rule is not None  # no site is planned without the rule that rewrites
        new_call = self._new_call(site)
        self.plan.add(site.call, NodeEdit(new_call))
        if site.reads is not None:
            for edit in site.reads.edits:
                self.plan.add(edit.node, NodeEdit(self._read_edit(edit, site.call)))
            self.plan.maybe_unused |= site.reads.removed_names
        self._note_imports(site.input_text)
        passed = f"{site.parameter}=..." if site.parameter else "..."
        summary = f"{site.method.name}(...) -> {site.method.new_method}({passed})"
        rewritten = Finding(
            self.call_rule.CODE,
            0,
            0,
            Outcome.REWRITTEN,
            summary,
            self.path,
            tuple(site.assumptions),
        )
        self.plan.findings.append((site.call, rewritten))

    def _finding(self, call: cst.Call, marker: Marker, assumptions: list[str]) -> None:
        outcome = Outcome.MARKED if marker.keep_legacy else Outcome.REPORTED
        self.plan.findings.append(
            (call, Finding(marker.code, 0, 0, outcome, marker.todo, self.path, tuple(assumptions)))
        )

    def _point_at_legacy_compat(self, site: CallSite) -> None:
        if not marker_points_at_shim(self.path):
            return
        for constructor in site.constructors:
            if self.resolver.qualified_names(constructor.func) & LEGACY_COMPAT_MODEL_NAMES:
                continue
            if any(e.switches_constructor for e in self.plan.edits.get(constructor, [])):
                continue
            head = constructor.func
            while isinstance(head, cst.Attribute):
                head = head.value
            if isinstance(head, cst.Name):
                self.plan.maybe_unused.add(head.value)
            self.plan.add(constructor, NodeEdit(_switch_constructor(), switches_constructor=True))
            self.plan.needed_imports.add(LEGACY_COMPAT)

    def _note_imports(self, text: str) -> None:
        for name in NEW_CODE_NAMES:
            if re.search(rf"(?<![.\w]){re.escape(self.names.local(name))}(?=[(.])", text):
                self.plan.needed_imports.add(name)

    def _input_after_inner_rewrites(self, site: CallSite, updated: cst.Call) -> str:
        """The input text rendered from the *updated* argument, so a legacy call nested in the
        input (already rewritten, inner nodes leave first) is not rendered from the old tree."""
        assert site.bound is not None
        index = next(
            (i for i, a in enumerate(site.call.args) if a.value is site.bound.source), None
        )
        if index is None or index >= len(updated.args):
            return site.input_text
        source = updated.args[index].value
        if source is site.bound.source or self.call_rule is None:
            return site.input_text
        rendered = self.call_rule.render_input(site, source, self)
        return site.input_text if rendered is None else rendered

    def _new_call(self, site: CallSite) -> Callable[[cst.CSTNode], cst.CSTNode]:
        new_method = site.method.new_method
        entry_comments = _entry_comments(site.bound.inference_params if site.bound else None)

        def build(updated: cst.CSTNode) -> cst.CSTNode:
            assert isinstance(updated, cst.Call) and isinstance(updated.func, cst.Attribute)
            input_text = self._input_after_inner_rewrites(site, updated)
            originals = [None, *(v for _, v in site.keywords)]
            keywords = [(k, _counterpart(site.call, updated, v)) for k, v in site.keywords]
            value = parse_in_brackets(input_text)
            closing_comma = bool(updated.args) and isinstance(updated.args[-1].comma, cst.Comma)
            if (
                not site.parameter
                and not keywords
                and not closing_comma  # f(x for x in xs,) does not compile
                and isinstance(value, cst.GeneratorExp)
            ):
                value = value.with_changes(lpar=[], rpar=[])  # model.stream(x for x in xs)
            arguments = [(site.parameter, value), *keywords]
            old_args = list(updated.args)
            separator = _argument_separator(updated)
            indent = _indent_of(separator)
            source = next(
                (
                    i
                    for i, a in enumerate(site.call.args)
                    if site.bound and a.value is site.bound.source
                ),
                0,
            )
            # The comments after arguments that go (all but the input) follow the input, in
            # their order; the old last argument's line break still closes the call.
            dropped = _comment_lines_of(a for i, a in enumerate(old_args) if i != source)
            if old_args and source != len(old_args) - 1:
                old_args[-1] = old_args[-1].with_changes(
                    comma=_without_comment(old_args[-1].comma),
                    whitespace_after_arg=_without_comment(old_args[-1].whitespace_after_arg),
                )
            new_args = []
            for index, (name, value) in enumerate(arguments):
                last = index == len(arguments) - 1
                after: cst.BaseParenthesizableWhitespace = cst.SimpleWhitespace("")
                comma: Union[cst.Comma, cst.MaybeSentinel]
                if last:
                    comma = old_args[-1].comma if old_args else cst.MaybeSentinel.DEFAULT
                    after = old_args[-1].whitespace_after_arg if old_args else after
                elif index == 0 and source < len(old_args) - 1:
                    comma = old_args[source].comma
                    after = old_args[source].whitespace_after_arg
                else:
                    comma = separator
                comma, after = _with_entry_comment(
                    comma, after, entry_comments.get(id(originals[index])), indent
                )
                if index == 0 and dropped is not None:
                    # comments of the arguments that are gone follow the input argument
                    comma, after = _with_entry_comment(comma, after, dropped, indent)
                new_args.append(
                    cst.Arg(value=value, star="**", comma=comma, whitespace_after_arg=after)
                    if name == "**"
                    else cst.Arg(value=value, comma=comma, whitespace_after_arg=after)
                    if not name
                    else cst.Arg(
                        value=value,
                        keyword=cst.Name(name),
                        equal=cst.AssignEqual(
                            whitespace_before=cst.SimpleWhitespace(""),
                            whitespace_after=cst.SimpleWhitespace(""),
                        ),
                        comma=comma,
                        whitespace_after_arg=after,
                    )
                )
            result = updated.with_changes(
                func=updated.func.with_changes(attr=cst.Name(new_method)), args=new_args
            )
            self.plan.rewritten_calls[site.call] = result
            return result

        return build

    def _read_edit(
        self, edit: ReadEdit, call: cst.Call
    ) -> Callable[[cst.CSTNode], Union[cst.CSTNode, cst.RemovalSentinel, cst.FlattenSentinel]]:
        plan = self.plan

        def build(
            updated: cst.CSTNode,
        ) -> Union[cst.CSTNode, cst.RemovalSentinel, cst.FlattenSentinel]:
            return build_read_edit(edit, updated, lambda: plan.rewritten_calls[call])

        return build


def _switch_constructor() -> Callable[[cst.CSTNode], cst.CSTNode]:
    def build(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.Call)
        return updated.with_changes(
            func=cst.Attribute(value=cst.Name("legacy_compat"), attr=cst.Name("Model"))
        )

    return build


def _add_keywords(
    additions: list[tuple[str, cst.BaseExpression]],
) -> Callable[[cst.CSTNode], cst.CSTNode]:
    """Append keyword arguments the way the call already lays out its arguments.

    The separator between the last two arguments (or after the opening bracket, for a single
    argument) says whether arguments go one per line and how far they are indented; the old
    last argument's trailing comma and the whitespace before the closing bracket move to the
    new last argument, so the bracket stays where it was. Comments never move to another
    argument: a comment after the old last argument stays on its line.
    """

    def build(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.Call)
        args = list(updated.args)
        separator = _argument_separator(updated)
        new_args = [
            cst.Arg(
                value=value,
                keyword=cst.Name(name),
                equal=cst.AssignEqual(
                    whitespace_before=cst.SimpleWhitespace(""),
                    whitespace_after=cst.SimpleWhitespace(""),
                ),
                comma=separator,
            )
            for name, value in additions
        ]
        if args:
            last = args[-1]
            args[-1] = last.with_changes(
                comma=_separator_keeping_comment(last, separator),
                whitespace_after_arg=cst.SimpleWhitespace(""),
            )
            new_args[-1] = new_args[-1].with_changes(
                comma=_without_comment(last.comma),
                whitespace_after_arg=_without_comment(last.whitespace_after_arg),
            )
        else:
            new_args[-1] = new_args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return updated.with_changes(args=[*args, *new_args])

    return build


def _module_constant(module_file: Path, name: str) -> Optional[str]:
    """``NAME = "literal"``, assigned exactly once at the top level of ``module_file``."""
    try:
        tree = ast.parse(module_file.read_bytes())
    except (OSError, SyntaxError, ValueError):
        return None
    values = [
        statement.value
        for statement in tree.body
        if isinstance(statement, (ast.Assign, ast.AnnAssign))
        for target in (
            statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        )
        if isinstance(target, ast.Name) and target.id == name
    ]
    if len(values) == 1 and isinstance(values[0], ast.Constant):
        found = values[0].value
        return found if isinstance(found, str) else None
    return None


def _blocked_by_a_disabled_rule(group: list[CallSite], routed: list[CallSite]) -> bool:
    """A call left alone because a rule it needs is switched off keeps every piece of itself,
    and the routing of a model is a piece of every call on it: moving the routing to the
    shared constructor would half-apply that call's rewrite (its ``deployment_id=`` stays
    per call while the constructor changes). So the other routed calls are left alone too,
    reported with the same reason."""
    disabled = next(
        (s.marker for s in group if s.marker is not None and not s.marker.keep_legacy), None
    )
    if disabled is None:
        return False
    for site in routed:
        if site.marker is None:
            site.marker = Marker(
                disabled.code,
                f"another call on this model is left alone ({disabled.todo}), so the routing "
                "cannot move to the shared Model(...) constructor",
                keep_legacy=False,
            )
    return True


def _entry_comments(
    params: Optional[cst.BaseExpression],
) -> dict[int, cst.ParenthesizedWhitespace]:
    """For each entry of a literal ``inference_params`` (by ``id`` of its value), the line break
    after it when that holds a comment or commented-out entries, so they follow the keyword
    argument the entry becomes."""
    entries: list[Union[cst.BaseDictElement, cst.Arg]] = []
    if isinstance(params, cst.Dict):
        entries = list(params.elements)
    elif isinstance(params, cst.Call):
        entries = list(params.args)
    found: dict[int, cst.ParenthesizedWhitespace] = {}
    for index, entry in enumerate(entries):
        candidates = [entry.comma.whitespace_after] if isinstance(entry.comma, cst.Comma) else []
        if index == len(entries) - 1:  # what follows the last entry belongs to the bracket
            if isinstance(params, cst.Dict):
                candidates.append(params.rbrace.whitespace_before)
            elif isinstance(entry, cst.Arg):
                candidates.append(entry.whitespace_after_arg)
        for whitespace in candidates:
            if isinstance(whitespace, cst.ParenthesizedWhitespace) and _has_comment(whitespace):
                found[id(entry.value)] = whitespace
                break
    return found


def _indent_of(separator: cst.Comma) -> cst.SimpleWhitespace:
    after = separator.whitespace_after
    if isinstance(after, cst.ParenthesizedWhitespace):
        return after.last_line
    return cst.SimpleWhitespace("")


def _comment_lines_of(arguments: Iterable[cst.Arg]) -> Optional[cst.ParenthesizedWhitespace]:
    """The comments that followed ``arguments`` (after each one's comma), to carry over, or
    None when there are none. The first end-of-line comment of a dropped argument
    (``input_type="text",  # text model``) described the input, so it is the first line's
    comment: it ends the input argument's line unless that line has a comment of its own
    (:func:`_merge_comment_lines`); the others stay comment lines, in their order."""
    trailing: Optional[cst.TrailingWhitespace] = None
    lines: list[cst.EmptyLine] = []
    for argument in arguments:
        candidates = [argument.whitespace_after_arg]
        if isinstance(argument.comma, cst.Comma):
            candidates.append(argument.comma.whitespace_after)
        for whitespace in candidates:
            if isinstance(whitespace, cst.ParenthesizedWhitespace):
                first = whitespace.first_line.comment
                if first is not None and trailing is None:
                    trailing = whitespace.first_line
                elif first is not None:
                    lines.append(cst.EmptyLine(comment=first))
                lines.extend(line for line in whitespace.empty_lines if line.comment is not None)
    if trailing is None and not lines:
        return None
    if trailing is None:
        return cst.ParenthesizedWhitespace(empty_lines=lines)
    return cst.ParenthesizedWhitespace(first_line=trailing, empty_lines=lines)


def _has_comment(whitespace: cst.BaseParenthesizableWhitespace) -> bool:
    return isinstance(whitespace, cst.ParenthesizedWhitespace) and (
        whitespace.first_line.comment is not None
        or any(line.comment is not None for line in whitespace.empty_lines)
    )


def _with_entry_comment(
    comma: Union[cst.Comma, cst.MaybeSentinel],
    after: cst.BaseParenthesizableWhitespace,
    comment: Optional[cst.ParenthesizedWhitespace],
    indent: cst.SimpleWhitespace,
) -> tuple[Union[cst.Comma, cst.MaybeSentinel], cst.BaseParenthesizableWhitespace]:
    """Put an entry's comment lines on the line break that follows the new argument. Only
    where the call already breaks the line there; elsewhere :mod:`codemods.rewrite` puts the
    comment above the statement."""
    if comment is None:
        return comma, after
    if isinstance(comma, cst.Comma) and isinstance(
        comma.whitespace_after, cst.ParenthesizedWhitespace
    ):
        merged = _merge_comment_lines(comma.whitespace_after, comment, indent)
        return comma.with_changes(whitespace_after=merged), after
    if isinstance(after, cst.ParenthesizedWhitespace):
        return comma, _merge_comment_lines(after, comment, indent)
    return comma, after


def _merge_comment_lines(
    target: cst.ParenthesizedWhitespace,
    comment: cst.ParenthesizedWhitespace,
    indent: cst.SimpleWhitespace,
) -> cst.ParenthesizedWhitespace:
    """``target``'s line break and indentation, carrying its own comments and then
    ``comment``'s (comment lines indented as the arguments are)."""
    if target.first_line.comment is None:
        first, moved = comment.first_line, []
    else:
        first = target.first_line
        moved = (
            [cst.EmptyLine(comment=comment.first_line.comment)]
            if comment.first_line.comment is not None
            else []
        )
    lines = [
        line.with_changes(whitespace=indent)
        for line in [*moved, *comment.empty_lines]
        if line.comment is not None
    ]
    return target.with_changes(first_line=first, empty_lines=[*target.empty_lines, *lines])


def _counterpart(
    original: cst.CSTNode, updated: cst.CSTNode, node: cst.BaseExpression
) -> cst.BaseExpression:
    """``node`` (inside ``original``) as it is in ``updated``, the same call after the calls
    nested in it were rewritten (inner nodes are left first), found by its path of child
    positions; the node itself when the path does not lead to an expression."""
    path: list[int] = []

    def find(current: cst.CSTNode) -> bool:
        if current is node:
            return True
        for index, child in enumerate(current.children):
            path.append(index)
            if find(child):
                return True
            path.pop()
        return False

    if not find(original):
        return node
    current = updated
    for index in path:
        children = current.children
        if index >= len(children):
            return node
        current = children[index]
    return current if isinstance(current, cst.BaseExpression) else node


def _argument_separator(call: cst.Call) -> cst.Comma:
    """A comma (without comments) like the one that separates this call's arguments."""
    args = call.args
    if len(args) >= 2 and isinstance(args[-2].comma, cst.Comma):
        comma = args[-2].comma
        return comma.with_changes(whitespace_after=_line_break_only(comma.whitespace_after))
    opening = call.whitespace_before_args
    if isinstance(opening, cst.ParenthesizedWhitespace):
        return cst.Comma(whitespace_after=_line_break_only(opening))
    return cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))


_Whitespace = TypeVar("_Whitespace", bound=Union[cst.BaseParenthesizableWhitespace, cst.Comma])


def _without_comment(
    node: Union[_Whitespace, cst.MaybeSentinel],
) -> Union[_Whitespace, cst.MaybeSentinel]:
    """The same line break and indentation, with any comment and blank lines left out."""
    if isinstance(node, cst.Comma):
        return node.with_changes(whitespace_after=_without_comment(node.whitespace_after))
    if isinstance(node, cst.ParenthesizedWhitespace) and _has_comment(node):
        return node.with_changes(first_line=cst.TrailingWhitespace(), empty_lines=[])
    return node


def _line_break_only(
    whitespace: cst.BaseParenthesizableWhitespace,
) -> cst.BaseParenthesizableWhitespace:
    """The same line break and indentation with nothing else (no comment, no trailing
    spaces, no blank lines): what a new separator between arguments copies."""
    if isinstance(whitespace, cst.ParenthesizedWhitespace):
        return whitespace.with_changes(first_line=cst.TrailingWhitespace(), empty_lines=[])
    return whitespace


def _separator_keeping_comment(last: cst.Arg, separator: cst.Comma) -> cst.Comma:
    """The comma after the old last argument: the separator's layout, plus the comment (and
    comment lines) that followed that argument, so they stay next to it."""
    for whitespace in (
        last.comma.whitespace_after if isinstance(last.comma, cst.Comma) else None,
        last.whitespace_after_arg,
    ):
        if isinstance(whitespace, cst.ParenthesizedWhitespace) and (
            whitespace.first_line.comment is not None or whitespace.empty_lines
        ):
            after = separator.whitespace_after
            if isinstance(after, cst.ParenthesizedWhitespace):
                indent = after.last_line
            else:  # arguments on one line, closed on the next: indent one level past the bracket
                indent = cst.SimpleWhitespace(whitespace.last_line.value + "    ")
            return separator.with_changes(
                whitespace_after=whitespace.with_changes(last_line=indent)
            )
    return separator


def _leading_comments(statement: cst.CSTNode) -> set[str]:
    """The comments on the lines just above ``statement`` (where its markers go)."""
    leading = getattr(statement, "leading_lines", ())
    return {line.comment.value for line in leading if line.comment is not None}


def plan_module(
    facts: ModuleFacts,
    resolver: ReceiverResolver,
    options: MigrateOptions,
    names: ImportNames,
    *,
    imports_model: bool,
    path: str = "",
    defer_nested: bool = False,
) -> ModulePlan:
    """Plan every legacy call in the module (see the module docstring). ``defer_nested``
    leaves marked calls nested in rewritten calls for another pass (``plan.deferred``)."""
    return Planner(facts, resolver, options, names, imports_model, path, defer_nested).run()
