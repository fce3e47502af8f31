"""Decide, for every legacy call in a module, what happens to it: one combined pass.

The planner asks each rule module the one question it owns (LC001 binds the arguments, LC002
spreads ``inference_params``, LC003 moves routing, LC004/LC005 rewrite the response reads,
LC006 reports unknown receivers) and turns the answers into node edits and findings. It
changes nothing itself: :mod:`codemods.rewrite` applies the edits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Optional, Union

import libcst as cst
from libcst.metadata.scope_provider import Assignment

from codemods.analysis import LEGACY_COMPAT_MODEL_NAMES, ModuleFacts, ReceiverResolver, Resolved
from codemods.findings import Finding, Outcome
from codemods.flow import helper_parameter, reached_reads
from codemods.legacy_api import DATA_TYPE_MODULE, INPUTS_MODULE, LEGACY_METHODS, LegacyMethod
from codemods.nodes import string_value
from codemods.options import MigrateOptions
from codemods.read_plan import ReadEdit, ReadPlan, build_read_edit
from codemods.rules import Rule, all_rules
from codemods.rules.marker import Marker, marker_points_at_shim, todo_comment

if TYPE_CHECKING:
    from codemods.rules.lc001_legacy_call import BoundCall
    from codemods.signature_file import MethodSignature

__all__ = ["CallSite", "ImportNames", "ModulePlan", "NodeEdit", "Planner", "plan_module"]


@dataclass(frozen=True)
class ImportNames:
    """How the rewritten code spells the names it needs, given what the file already binds."""

    data_type_prefix: str = ""  # "" -> Image(...); "data_types." -> data_types.Image(...)
    path_prefix: str = ""  # "" -> Path(...); "pathlib." -> pathlib.Path(...)


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
    needed_imports: set[str] = field(default_factory=set)  # import statements to add
    maybe_unused: set[str] = field(default_factory=set)  # names whose import may now be unused
    rewritten_calls: dict[cst.CSTNode, cst.CSTNode] = field(default_factory=dict)

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
    marker: Optional[Marker] = None
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
    ) -> None:
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
            if resolution.status is Resolved.UNKNOWN:
                self._plan_unresolved(site, resolution.reason)
                continue
            if not rewriting:
                continue
            site.marker = self._plan_site(site)
            sites.append(site)
        self._plan_models(sites)
        for site in sites:
            self._apply(site)
        for rule in self.rules:
            if self.enabled(rule):
                rule.finish_module(self)
        return self.plan

    def report(self, node: cst.CSTNode, finding: Finding) -> None:
        """Add a rule's own finding about ``node`` (its line is filled in by the engine)."""
        self.plan.findings.append((node, finding))

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
        target = self.facts.parent.get(assignments[0].node)
        statement = None if target is None else self.facts.parent.get(target)
        if (
            isinstance(statement, cst.Assign)
            and len(statement.targets) == 1
            and statement.targets[0].target is assignments[0].node
        ):
            return string_value(statement.value)
        return None

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
        if self.names.data_type_prefix:
            text = re.sub(
                r"(?<![.\w])(Image|Audio|Video|Text)\(", rf"{self.names.data_type_prefix}\1(", text
            )
        if self.names.path_prefix:
            text = re.sub(r"(?<![.\w])Path\(", f"{self.names.path_prefix}Path(", text)
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
                if self.enabled(rule):
                    rule.plan_model(group, self)
                    continue
                for site in group:
                    if rule.needed_by(site, self):
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
                self.plan.comments.setdefault(statement, [])
                comment = todo_comment(site.marker, on_shim=marker_points_at_shim(self.path))
                if comment not in self.plan.comments[statement]:
                    self.plan.comments[statement].append(comment)
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
        summary = f"{site.method.name}(...) -> {site.method.new_method}({site.parameter}=...)"
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
            self.plan.needed_imports.add("import legacy_compat")

    def _note_imports(self, text: str) -> None:
        for name in ("Image", "Audio", "Video", "Text"):
            if re.search(rf"(?<![.\w]){name}\(", text):
                self.plan.needed_imports.add(f"from {DATA_TYPE_MODULE} import {name}")
            if self.names.data_type_prefix and f"{self.names.data_type_prefix}{name}(" in text:
                self.plan.needed_imports.add("from clarifai.runners.utils import data_types")
        if re.search(r"(?<![.\w])Inputs\.", text):
            self.plan.needed_imports.add(f"from {INPUTS_MODULE} import Inputs")
        if re.search(r"(?<![.\w])Path\(", text):
            self.plan.needed_imports.add("from pathlib import Path")
        if self.names.path_prefix and "pathlib.Path(" in text:
            self.plan.needed_imports.add("import pathlib")

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

        def build(updated: cst.CSTNode) -> cst.CSTNode:
            assert isinstance(updated, cst.Call) and isinstance(updated.func, cst.Attribute)
            input_text = self._input_after_inner_rewrites(site, updated)
            arguments = [(site.parameter, cst.parse_expression(input_text)), *site.keywords]
            old_args = list(updated.args)
            new_args = []
            for index, (name, value) in enumerate(arguments):
                last = index == len(arguments) - 1
                after: cst.BaseParenthesizableWhitespace = cst.SimpleWhitespace("")
                if last:
                    comma = old_args[-1].comma if old_args else cst.MaybeSentinel.DEFAULT
                    after = old_args[-1].whitespace_after_arg if old_args else after
                elif index < len(old_args) - 1:
                    comma = old_args[index].comma
                    after = old_args[index].whitespace_after_arg
                else:
                    comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
                new_args.append(
                    cst.Arg(value=value, star="**", comma=comma, whitespace_after_arg=after)
                    if name == "**"
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
    """Append keyword arguments, following the call's layout (one per line if it is so)."""

    def build(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.Call)
        args = list(updated.args)
        trailing = args[-1].comma if args else cst.MaybeSentinel.DEFAULT
        multiline = isinstance(trailing, cst.Comma) and isinstance(
            trailing.whitespace_after, cst.ParenthesizedWhitespace
        )
        separator = cst.Comma(
            whitespace_after=updated.whitespace_before_args
            if multiline
            else cst.SimpleWhitespace(" ")
        )
        if args:
            args[-1] = args[-1].with_changes(comma=separator)
        for index, (name, value) in enumerate(additions):
            last = index == len(additions) - 1
            args.append(
                cst.Arg(
                    value=value,
                    keyword=cst.Name(name),
                    equal=cst.AssignEqual(
                        whitespace_before=cst.SimpleWhitespace(""),
                        whitespace_after=cst.SimpleWhitespace(""),
                    ),
                    comma=(trailing if multiline else cst.MaybeSentinel.DEFAULT)
                    if last
                    else separator,
                )
            )
        return updated.with_changes(args=args)

    return build


def plan_module(
    facts: ModuleFacts,
    resolver: ReceiverResolver,
    options: MigrateOptions,
    names: ImportNames,
    *,
    imports_model: bool,
    path: str = "",
) -> ModulePlan:
    """Plan every legacy call in the module (see the module docstring)."""
    return Planner(facts, resolver, options, names, imports_model, path).run()
