"""Decide, for every legacy call in a module, what happens to it: one combined pass.

The planner asks each rule module the one question it owns (LC001 binds the arguments, LC002
spreads ``inference_params``, LC003 moves routing, LC004/LC005 rewrite the response reads,
LC006 reports unknown receivers) and turns the answers into node edits and findings. It
changes nothing itself: :mod:`codemods.rewrite` applies the edits.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Optional, Union

import libcst as cst
from libcst.metadata.scope_provider import Assignment

from codemods.analysis import LEGACY_COMPAT_MODEL_NAMES, ModuleFacts, ReceiverResolver, Resolved
from codemods.findings import Finding, Outcome
from codemods.flow import helper_parameter, reached_reads
from codemods.legacy_api import (
    DATA_TYPE_MODULE,
    INPUTS_MODULE,
    LEGACY_METHODS,
    CallKind,
    LegacyMethod,
    Source,
    choose_input_parameter,
    conventional_parameter,
)
from codemods.options import MigrateOptions
from codemods.rules.lc001_legacy_call import (
    OUTPUT_CONFIG_MARKER,
    RUNTIME_INPUT_TYPE_MARKER,
    BoundCall,
    ProtoOnly,
    bind_call,
    render_input,
    render_proto,
    text_url_marker,
)
from codemods.rules.lc002_inference_params import keyword_arguments
from codemods.rules.lc003_routing import constructor_keywords
from codemods.rules.lc004_response_access import (
    RETURN_TYPES,
    ReadEdit,
    ReadPlan,
    ResponseReads,
    build_read_edit,
)
from codemods.rules.lc005_status_check import plan_status_check
from codemods.rules.lc006_unresolved_receiver import method_reference_finding, unresolved
from codemods.rules.marker import Marker, marker_points_at_shim, todo_comment
from codemods.signature_file import MethodSignature, model_key

__all__ = ["ImportNames", "ModulePlan", "NodeEdit", "plan_module"]


@dataclass(frozen=True)
class ImportNames:
    """How the rewritten code spells the names it needs, given what the file already binds."""

    data_type_prefix: str = ""  # "" -> Image(...); "data_types." -> data_types.Image(...)
    path_prefix: str = ""  # "" -> Path(...); "pathlib." -> pathlib.Path(...)


@dataclass
class NodeEdit:
    """Replace ``node`` with ``build(updated_node)``; ``build`` may return a sentinel."""

    build: Callable[[cst.CSTNode], Union[cst.CSTNode, cst.RemovalSentinel, cst.FlattenSentinel]]


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
class _Site:
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
    proto: bool = False  # the proto form: model.predict(inputs=[Input protos], ...)
    text_type: str = "STR"  # the signature type of the text parameter, if any


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def _literal(node: Optional[cst.BaseExpression]) -> Optional[str]:
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def model_reference(
    constructor: cst.Call,
    constant_of: Callable[[cst.BaseExpression], Optional[str]] = lambda node: None,
) -> Optional[str]:
    """The model URL or ``USER/APP/MODEL`` a constructor call names with literals (or with
    constants ``constant_of`` knows the value of)."""

    def value(node: Optional[cst.BaseExpression]) -> Optional[str]:
        return None if node is None else (_literal(node) or constant_of(node))

    keywords = {a.keyword.value: a.value for a in constructor.args if a.keyword is not None}
    positional = [a.value for a in constructor.args if a.keyword is None and not a.star]
    url = value(keywords.get("url")) or (value(positional[0]) if positional else None)
    if url:
        return url
    parts = [value(keywords.get(k)) for k in ("user_id", "app_id", "model_id")]
    if all(parts):
        return "/".join(p for p in parts if p)
    return None


class _Planner:
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

    # -- per site --------------------------------------------------------------------------
    def run(self) -> ModulePlan:
        sites: list[_Site] = []
        for call in self.facts.legacy_calls:
            assert isinstance(call.func, cst.Attribute)
            method = LEGACY_METHODS[call.func.attr.value]
            resolution = self.resolver.resolve(call.func.value)
            if resolution.status is Resolved.OTHER:
                continue
            if resolution.status is Resolved.UNKNOWN:
                if self.imports_model and self.options.enabled("LC006"):
                    self._finding(call, unresolved(resolution.reason, method.name), [])
                continue
            if not self.options.enabled("LC001"):
                continue
            site = _Site(call, method, resolution.constructors)
            self._plan_site(site)
            sites.append(site)
        self._plan_routing(sites)
        for site in sites:
            self._apply(site)
        self._report_method_references()
        return self.plan

    def _report_method_references(self) -> None:
        """``functools.partial(m.predict_by_url, ...)``, ``asyncio.to_thread(m.generate_by_url,
        ...)``: the legacy method is called later, by code the codemod cannot rewrite, so it is
        reported with what to write instead (never left without a finding)."""
        if not self.options.enabled("LC006"):
            return
        for reference in self.facts.legacy_references:
            resolution = self.resolver.resolve(reference.value)
            if resolution.status is Resolved.OTHER:
                continue
            if resolution.status is Resolved.UNKNOWN and not self.imports_model:
                continue
            self.plan.findings.append(
                (reference, method_reference_finding(reference, resolution, self.path))
            )

    def _disabled(self, code: str, what: str) -> Marker:
        return Marker(
            code,
            f"{what} needs rule {code}, which is disabled: enable it or migrate by hand",
            keep_legacy=False,
        )

    def _signature(self, site: _Site) -> tuple[Optional[MethodSignature], Optional[Marker]]:
        references = {model_reference(c, self._constant_string) for c in site.constructors}
        if len(references) != 1 or None in references:
            return None, None
        reference = references.pop()
        assert reference is not None
        new_method = site.method.new_method
        signature = self.options.signatures.method(reference, new_method)
        if (
            signature is None
            and self.options.signatures.has_model(reference)
            and self.options.signatures.models.get(model_key(reference) or "")
        ):
            return None, Marker(
                "LC001",
                f"the signatures file has no {new_method} method for {reference}: check which "
                "method the model serves and call it by hand, then drop legacy_compat.Model",
            )
        return signature, None

    def _plan_site(self, site: _Site) -> None:
        bound = bind_call(site.call, site.method.name, self._constant_string)
        if isinstance(bound, Marker):
            site.marker = bound
            return
        site.bound = bound
        if bound.method.source is Source.FILEPATH and self._handles_user_error(site.call):
            site.marker = Marker(
                "LC001",
                "a missing file raises the SDK's UserError here, and the new code would raise "
                "FileNotFoundError past this except clause: check os.path.isfile(path) and "
                "raise UserError yourself before calling the new method, then drop "
                "legacy_compat.Model",
            )
            return
        signature, problem = self._signature(site)
        if problem is not None:
            site.marker = problem
            return
        pythonic = self._model_kind_evidence(site, signature)
        if bound.input_type_node is not None:
            self._plan_proto_or_mark(
                site,
                "input_type is known only at run time, so the call keeps the proto form, which "
                "picks the input field from it as the legacy method did (it must be one of "
                "image/text/audio/video: another value raises TypeError, not UserError)",
                None,
                known_pythonic=pythonic is not None and pythonic.startswith("pythonic"),
            )
            return
        if pythonic is not None and not pythonic.startswith("pythonic"):
            self._plan_proto_or_mark(site, pythonic, None)
            return
        assert pythonic is not None
        marker = self._plan_value_form(site, signature)
        if marker is None:
            if signature is None:
                site.assumptions.append(pythonic)
            return
        if isinstance(marker, ProtoOnly) or (
            marker.keep_legacy and marker.code in ("LC004", "LC005")
        ):
            fallback = _Site(site.call, site.method, site.constructors, bound=bound)
            self._plan_proto_or_mark(
                fallback,
                "the response is kept in the legacy shape: the proto form works on models of "
                f"both kinds ({marker.todo.split(':')[0]})",
                marker,
                known_pythonic=True,
            )
            site.__dict__.update(fallback.__dict__)
            return
        site.marker = marker

    def _model_kind_evidence(
        self, site: _Site, signature: Optional[MethodSignature]
    ) -> Optional[str]:
        """Why the model is (or may not be) pythonic; starts with "pythonic" when it is.

        The value form works only on models that declare method signatures; an older model
        raises "This model is a non-pythonic model" for it. The proto form works on both.
        """
        if signature is not None:
            return "pythonic: the signatures file gives the model's methods"
        if self._known_non_pythonic(site):
            return "the signatures file says the model has no methods (non-pythonic)"
        if site.method.kind is not CallKind.PREDICT:
            return (
                "pythonic: generate_by_*/stream_by_* exist only on models with streaming "
                "methods (no signature)"
            )
        return (
            "the model's kind is unknown, so the call keeps the proto form, which works on "
            "models with and without method signatures: add the model to a signatures file "
            "(legacy-compat signatures MODEL_URL) to get model.predict(<parameter>=...)"
        )

    def _known_non_pythonic(self, site: _Site) -> bool:
        """The signatures file lists the model with no methods: an older model."""
        reference = self._model_reference(site)
        return (
            reference is not None
            and self.options.signatures.has_model(reference)
            and not self.options.signatures.models.get(model_key(reference) or "")
        )

    def _model_reference(self, site: _Site) -> Optional[str]:
        references = {model_reference(c, self._constant_string) for c in site.constructors}
        if len(references) != 1:
            return None
        return references.pop()

    def _proto_obstacle(self, site: _Site, known_pythonic: bool) -> Optional[Marker]:
        """Why the proto form cannot do what the call did, checked on clarifai 11.8.5 and
        12.5.0 against LocalEndpoint; None when it can."""
        bound = site.bound
        assert bound is not None
        kind = site.method.kind
        if bound.output_config is not None and kind is not CallKind.PREDICT:
            return OUTPUT_CONFIG_MARKER
        known_old = self._known_non_pythonic(site)
        if bound.input_type_node is not None and (
            kind is CallKind.STREAM or (site.method.source is Source.URL and not known_old)
        ):
            # A text URL or a text stream, if that is what the value turns out to be, is not
            # sent by the proto form the way legacy_compat sends it to a pythonic model.
            return RUNTIME_INPUT_TYPE_MARKER
        if bound.inference_params is not None and not self.options.enabled("LC002"):
            return self._disabled("LC002", "inference_params")
        if bound.inference_params is not None and not known_old:
            # Checked against LocalEndpoint: a pythonic model's runner does not apply
            # output_info.params to an old-format request, while legacy_compat passes them
            # as the method's keyword arguments.
            return Marker(
                "LC002",
                "inference_params reach a pythonic model only as keyword arguments of the new "
                "method, and an older model only in the proto form; the model's kind is not "
                "known here: add it to a signatures file (legacy-compat signatures MODEL_URL) "
                "and run migrate again, then drop legacy_compat.Model",
            )
        text = bound.input_type == "text"
        # legacy_compat sends a text URL to a str parameter as an error (UserError); the proto
        # form would succeed where the original failed, unless the model is known to be older.
        if text and site.method.source is Source.URL and not known_old:
            return text_url_marker(site.method)
        if text and kind is CallKind.STREAM and not _single_item_stream(bound):
            return Marker(
                "LC001",
                "a text stream of more than one item: the proto form sends old-format text "
                "that a pythonic model reads only in the first request, and the value form "
                "needs the reads rewritten: rewrite the reads by hand and call "
                "model.stream(<parameter>=(text for text in ...)), then drop legacy_compat.Model",
            )
        return None

    def _plan_proto_or_mark(
        self,
        site: _Site,
        reason: str,
        value_marker: Optional[Marker],
        *,
        known_pythonic: bool = False,
    ) -> None:
        obstacle = self._proto_obstacle(site, known_pythonic)
        if obstacle is not None:
            site.marker = (
                value_marker
                if value_marker is not None and not isinstance(value_marker, ProtoOnly)
                else obstacle
            )
            return
        assert site.bound is not None
        rendered = render_proto(site.bound, _code)
        if isinstance(rendered, Marker):
            site.marker = rendered
            return
        site.proto = True
        site.parameter = "inputs"
        site.input_text = self._spell(rendered)
        if site.bound.inference_params is not None:
            site.keywords.append(("inference_params", site.bound.inference_params))
        if site.bound.output_config is not None:
            site.keywords.append(("output_config", site.bound.output_config))
        site.reads = ReadPlan()
        site.assumptions.append(reason)

    def _constant_string(self, node: cst.BaseExpression) -> Optional[str]:
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
            return _literal(statement.value)
        return None

    def _keys_not_accepted(
        self, spread: Optional[cst.BaseExpression], accepted: Optional[list[str]]
    ) -> list[str]:
        """Keys of a spread dict that the signature does not take, where the dict is a
        literal assigned once in the scope and never changed (otherwise nothing is known)."""
        if spread is None or accepted is None or not isinstance(spread, cst.Name):
            return []
        scope = self.resolver.scope_of(spread)
        assignments = [] if scope is None else list(scope[spread.value])
        if len(assignments) != 1 or not isinstance(assignments[0], Assignment):
            return []
        target = self.facts.parent.get(assignments[0].node)
        statement = None if target is None else self.facts.parent.get(target)
        if not isinstance(statement, cst.Assign) or not isinstance(statement.value, cst.Dict):
            return []
        for reference in assignments[0].references:
            parent = self.facts.parent.get(reference.node)
            if not isinstance(parent, cst.Arg) and not (
                isinstance(parent, cst.Element) and parent.value is reference.node
            ):
                return []  # read in another way (d["k"] = v, d.update(...)): keys unknown
        keys = []
        for element in statement.value.elements:
            key = element.key if isinstance(element, cst.DictElement) else None
            value = key.evaluated_value if isinstance(key, cst.SimpleString) else None
            if not isinstance(value, str):
                return []
            keys.append(value)
        return [k for k in keys if k not in accepted]

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

    def _handles_user_error(self, call: cst.Call) -> bool:
        """Whether an enclosing ``try`` catches the SDK's UserError by name."""
        for ancestor in self.facts.ancestors(call):
            if isinstance(ancestor, cst.Try) and self.facts.is_within(call, ancestor.body):
                for handler in ancestor.handlers:
                    if handler.type is not None and "UserError" in _code(handler.type):
                        return True
        return False

    def _plan_value_form(
        self, site: _Site, signature: Optional[MethodSignature]
    ) -> Optional[Marker]:
        """Plan ``model.predict(<parameter>=<value>, **params)``; a marker when it cannot."""
        bound = site.bound
        assert bound is not None
        if bound.output_config is not None:
            return OUTPUT_CONFIG_MARKER
        kind = site.method.kind
        if signature is not None:
            chosen = choose_input_parameter(kind, bound.input_type, signature.parameters)
            if chosen is None:
                return Marker(
                    "LC001",
                    f"the model's {kind.value} signature has no parameter that accepts "
                    f"{bound.input_type}: check the model and pass the input by hand",
                )
            site.parameter = chosen.name
            site.text_type = chosen.type_name
        else:
            site.parameter = conventional_parameter(kind, bound.input_type)
            site.assumptions.append(
                f"parameter name {site.parameter!r} is the convention for {bound.input_type} "
                "input (no signature for this model)"
            )
        rendered = render_input(bound, _code, site.text_type)
        if isinstance(rendered, Marker):
            return rendered
        site.input_text = self._spell(rendered)
        if bound.inference_params is not None:
            if not self.options.enabled("LC002"):
                return self._disabled("LC002", "inference_params")
            accepted = None if signature is None else [p.name for p in signature.parameters]
            pairs = keyword_arguments(bound.inference_params, kind.value, site.parameter, accepted)
            if isinstance(pairs, Marker):
                return pairs
            site.keywords = pairs
            spread = next((value for name, value in pairs if name == "**"), None)
            unknown = self._keys_not_accepted(spread, accepted)
            if unknown:
                return Marker(
                    "LC002",
                    f"the model's {kind.value} signature has no parameter {unknown[0]!r} (a key "
                    f"of {_code(bound.inference_params)}): rename or drop it, then drop "
                    "legacy_compat.Model",
                )
            if spread is not None:
                site.assumptions.append(
                    f"{_code(bound.inference_params)} is a dict whose keys are parameters of "
                    f"the model's {kind.value} method (spread with **)"
                )
        return self._plan_reads(site, signature)

    def _plan_reads(self, site: _Site, signature: Optional[MethodSignature]) -> Optional[Marker]:
        new_method = site.method.new_method
        parent = self.facts.parent.get(site.call)
        if not self.options.enabled("LC004"):
            if isinstance(parent, cst.Expr):
                site.reads = ReadPlan()
                return None
            return self._disabled("LC004", "the response read")

        def status_check(statement: Union[cst.If, cst.Assert], plan: ReadPlan) -> Optional[Marker]:
            if not self.options.enabled("LC005"):
                return self._disabled("LC005", "the status check")
            return plan_status_check(statement, plan, new_method)

        reads = ResponseReads(
            self.facts, self._references, status_check, new_method, self._helper_parameter
        )
        plan = reads.plan(site.call, streams=site.method.kind.streams_output)
        if isinstance(plan, Marker):
            return plan
        site.reads = plan
        for value_kind in sorted(plan.kinds):
            if signature is not None and signature.returns is not None:
                returned = signature.returns.type_name
                if signature.returns.item_type:
                    returned = f"{returned}:{signature.returns.item_type}"
                if returned not in RETURN_TYPES[value_kind]:
                    return Marker(
                        "LC004",
                        f"the response is read as {value_kind} but the model's {new_method} "
                        f"returns {returned}: adapt the reads by hand",
                    )
                site.assumptions.append(f"return value is {value_kind} (from the signature)")
            else:
                site.assumptions.append(
                    f"return value is {value_kind} (by convention from how the response is "
                    "read; no signature)"
                )
        return None

    def _references(self, target: cst.Name) -> Optional[list[cst.Name]]:
        """The reads that see the value bound at ``target`` (see :mod:`codemods.flow`)."""
        return reached_reads(target, self.facts, self.resolver.scope_of)

    def _helper_parameter(self, call: cst.Call, arg: cst.Arg) -> Optional[cst.Name]:
        """The parameter that receives ``arg`` when ``call`` calls a function of this module
        that nothing else calls or refers to (so rewriting its body affects this call only)."""
        return helper_parameter(call, arg, self.resolver.scope_of)

    def _spell(self, text: str) -> str:
        if self.names.data_type_prefix:
            text = re.sub(
                r"(?<![.\w])(Image|Audio|Video|Text)\(", rf"{self.names.data_type_prefix}\1(", text
            )
        if self.names.path_prefix:
            text = re.sub(r"(?<![.\w])Path\(", f"{self.names.path_prefix}Path(", text)
        return text

    # -- per model ---------------------------------------------------------------------------
    def _plan_routing(self, sites: list[_Site]) -> None:
        groups: dict[tuple[int, ...], list[_Site]] = {}
        for site in sites:
            groups.setdefault(tuple(sorted(id(c) for c in site.constructors)), []).append(site)
        for group in groups.values():
            routed = [s for s in group if s.bound is not None and s.bound.routing]
            if not routed:
                continue
            if not self.options.enabled("LC003"):
                for site in routed:
                    site.marker = site.marker or self._disabled("LC003", "per-call routing")
                continue
            new_method = routed[0].method.new_method
            if self._routing_would_reroute(group):
                for site in routed:
                    site.marker = site.marker or Marker(
                        "LC003",
                        "other code uses this model without per-call routing, and routing "
                        "moved to its Model(...) constructor would send those calls to the "
                        "deployment too: create a second Model(..., deployment_id=...) for the "
                        f"routed calls and call {new_method} on it, then drop legacy_compat.Model",
                    )
                continue
            if any(s.marker is not None and s.marker.keep_legacy for s in routed):
                additions: Union[list[tuple[str, cst.BaseExpression]], Marker] = Marker(
                    "LC003",
                    "another call on this model cannot be migrated yet, so its routing stays "
                    "per call: migrate that call first, then run migrate again",
                )
            else:
                additions = constructor_keywords(
                    group[0].constructors,
                    [s.bound.routing if s.bound is not None else {} for s in group],
                    new_method,
                )
            if isinstance(additions, Marker):
                for site in routed:
                    if site.marker is None:
                        site.marker = additions
                continue
            if additions:
                self.plan.add(group[0].constructors[0], NodeEdit(_add_keywords(additions)))

    def _routing_would_reroute(self, group: list[_Site]) -> bool:
        """Whether the model's variable is used anywhere but as the receiver of these calls.

        A ``Model`` routes all its calls one way since 11.3.0, so per-call routing can move to
        the constructor only when nothing else (a new-style call, a helper it is passed to)
        shares that constructor. ``self.x`` receivers keep the older rule (all the class's
        legacy calls agree).
        """
        constructors = group[0].constructors
        if len(constructors) != 1:
            return False
        statement = self.facts.parent.get(constructors[0])
        if not isinstance(statement, cst.Assign) or len(statement.targets) != 1:
            return False
        target = statement.targets[0].target
        if not isinstance(target, cst.Name):
            return False
        references = self._references(target)
        if references is None:
            return True
        receivers = {id(s.call.func.value) for s in group if isinstance(s.call.func, cst.Attribute)}
        return any(id(reference) not in receivers for reference in references)

    # -- edits and findings ------------------------------------------------------------------
    def _apply(self, site: _Site) -> None:
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
        assert site.reads is not None
        new_call = self._new_call(site)
        self.plan.add(site.call, NodeEdit(new_call))
        for edit in site.reads.edits:
            self.plan.add(edit.node, NodeEdit(self._read_edit(edit, site.call)))
        self.plan.maybe_unused |= site.reads.removed_names
        self._note_imports(site.input_text)
        summary = f"{site.method.name}(...) -> {site.method.new_method}({site.parameter}=...)"
        self.plan.findings.append(
            (
                site.call,
                Finding(
                    "LC001", 0, 0, Outcome.REWRITTEN, summary, self.path, tuple(site.assumptions)
                ),
            )
        )

    def _finding(self, call: cst.Call, marker: Marker, assumptions: list[str]) -> None:
        outcome = Outcome.MARKED if marker.keep_legacy else Outcome.REPORTED
        self.plan.findings.append(
            (call, Finding(marker.code, 0, 0, outcome, marker.todo, self.path, tuple(assumptions)))
        )

    def _point_at_legacy_compat(self, site: _Site) -> None:
        if not marker_points_at_shim(self.path):
            return
        for constructor in site.constructors:
            if self.resolver.qualified_names(constructor.func) & LEGACY_COMPAT_MODEL_NAMES:
                continue
            if any(
                getattr(e.build, "switches_constructor", False)
                for e in self.plan.edits.get(constructor, [])
            ):
                continue
            head = constructor.func
            while isinstance(head, cst.Attribute):
                head = head.value
            if isinstance(head, cst.Name):
                self.plan.maybe_unused.add(head.value)
            self.plan.add(constructor, NodeEdit(_switch_constructor()))
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

    def _input_after_inner_rewrites(self, site: _Site, updated: cst.Call) -> str:
        """The input text rendered from the *updated* argument, so a legacy call nested in the
        input (already rewritten, inner nodes leave first) is not rendered from the old tree."""
        assert site.bound is not None
        index = next(
            (i for i, a in enumerate(site.call.args) if a.value is site.bound.source), None
        )
        if index is None or index >= len(updated.args):
            return site.input_text
        source = updated.args[index].value
        if source is site.bound.source:
            return site.input_text
        moved = replace(site.bound, source=source)
        rendered = (
            render_proto(moved, _code) if site.proto else render_input(moved, _code, site.text_type)
        )
        return site.input_text if isinstance(rendered, Marker) else self._spell(rendered)

    def _new_call(self, site: _Site) -> Callable[[cst.CSTNode], cst.CSTNode]:
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


def _single_item_stream(bound: BoundCall) -> bool:
    """A stream call whose source is visibly one item (one path, a one-element list)."""
    source = bound.source
    if isinstance(source, (cst.List, cst.Tuple)):
        return len(source.elements) == 1
    return bound.method.source is Source.FILEPATH and not isinstance(
        source, (cst.GeneratorExp, cst.ListComp, cst.Name, cst.Attribute, cst.Subscript)
    )


def _switch_constructor() -> Callable[[cst.CSTNode], cst.CSTNode]:
    def build(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.Call)
        return updated.with_changes(
            func=cst.Attribute(value=cst.Name("legacy_compat"), attr=cst.Name("Model"))
        )

    build.switches_constructor = True  # type: ignore[attr-defined]
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
    return _Planner(facts, resolver, options, names, imports_model, path).run()
