"""The migration engine: source text in, migrated text and findings out.

:func:`migrate_python` is the one entry point for Python source, used for ``.py`` files and,
through :mod:`codemods.formats`, for Python embedded in notebooks and docs. It never raises on
bad input: code that does not parse comes back unchanged with a ``skipped`` finding.

Cost is spent only where a legacy call can be (issue 5 section 6): a bytes search rejects most
files before any parsing; the cheap :mod:`ast` parser finds the top-level statements that can
matter; libcst parses and scope-analyses only those (:mod:`codemods.source`), once, for all
rules together; rewritten top-level statements are spliced back into the original text, so
everything else in the file stays byte-for-byte the same.
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional, Sequence

from codemods.findings import Finding, Outcome
from codemods.legacy_api import DATA_TYPE_MODULE, LEGACY_METHOD_NAMES
from codemods.options import MigrateOptions
from codemods.source import (
    LEGACY_CALL_PATTERN,
    Chunk,
    ReducedSource,
    detect_newline,
    split_lines,
    split_top_level,
)

if TYPE_CHECKING:
    import libcst as cst

    from codemods.planner import ImportNames, ModulePlan

__all__ = ["MigrationResult", "migrate_python", "might_contain_legacy_calls"]

_MODEL_QUALIFIED = frozenset(
    f"{module}.Model"
    for module in (
        "clarifai.client.model",
        "clarifai.client",
        "legacy_compat",
        "legacy_compat.model",
    )
)
_MODEL_MODULES = (
    "clarifai.client.model",
    "clarifai.client",
    "legacy_compat",
    "legacy_compat.model",
)


def might_contain_legacy_calls(data: bytes) -> bool:
    """The textual pre-filter: False means the file certainly has no legacy call."""
    # A substring test is memchr-fast; the regex alone costs 30x more on a large tree.
    return b"_by_" in data and LEGACY_CALL_PATTERN.search(data) is not None


@dataclass
class MigrationResult:
    text: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.findings) and any(
            f.outcome in (Outcome.REWRITTEN, Outcome.MARKED) for f in self.findings
        )


def migrate_python(
    source: str, options: Optional[MigrateOptions] = None, *, path: str = ""
) -> tuple[str, list[Finding]]:
    """Migrate the legacy calls in one piece of Python source.

    Returns the new source (the same object if nothing changed) and one finding per site.
    Never raises for bad input: unparseable code gives a ``skipped`` finding.

    >>> new, findings = migrate_python("print('no legacy calls here')\\n")
    >>> findings
    []
    """
    options = options or MigrateOptions()
    if "_by_" not in source or not _LEGACY_TEXT.search(source):
        return source, []
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError) as exc:
        return source, [_skipped(exc, path, source)]
    try:
        return _Migration(source, tree, options, path).run()
    except Exception as exc:  # never lose the user's file to a bug of ours
        line = getattr(exc, "raw_line", 0) or 0
        return source, [
            Finding(
                "",
                line,
                0,
                Outcome.SKIPPED,
                f"left unchanged: the codemod failed on this code ({type(exc).__name__}: {exc}); "
                "please report it",
                path,
            )
        ]


def _skipped(exc: Exception, path: str, source: str) -> Finding:
    line = getattr(exc, "lineno", None) or 0
    column = getattr(exc, "offset", None) or 0
    message = getattr(exc, "msg", None) or str(exc)
    reason = f"does not parse ({message}); left unchanged"
    if isinstance(exc, SyntaxError):
        from codemods.syntax import newer_python_needed, python_version_text

        needed = newer_python_needed(source, exc)
        if needed is not None:  # valid Python, just newer than this interpreter
            version = python_version_text(needed)
            running = python_version_text(sys.version_info[:2])
            reason = f"needs Python {version} syntax; run with {version} (this is {running})"
    return Finding("", line, column, Outcome.SKIPPED, reason, path)


_LEGACY_TEXT = re.compile(LEGACY_CALL_PATTERN.pattern.decode("ascii"))
_NESTED_IMPORT = re.compile(r"^[ \t]+(?:from|import)[ \t]+(?:clarifai|legacy_compat)\b", re.M)
_BLOCKS = (ast.If, ast.Try, ast.With)


def _import_nodes(tree: ast.Module, source: str) -> list[ast.stmt]:
    """The import statements that can bind the Clarifai Model: all of them when one is indented
    (inside a function), else the top-level ones (a full ``ast.walk`` costs more than a parse)."""
    if _NESTED_IMPORT.search(source):
        return [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
    found: list[ast.stmt] = []
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        elif isinstance(node, _BLOCKS):
            for name in ("body", "orelse", "finalbody"):
                pending.extend(getattr(node, name, ()))
            for handler in getattr(node, "handlers", ()):
                pending.extend(handler.body)
    return found


def _legacy_attributes(chunks: Sequence[Chunk]) -> list[ast.Attribute]:
    """``receiver.<legacy method>`` attributes of called methods, in source order, looking only
    inside the chunks whose text names a legacy method."""
    found: list[ast.Attribute] = []

    def visit(node: ast.AST) -> None:
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in LEGACY_METHOD_NAMES
        ):
            found.append(node.func)
        for child in ast.iter_child_nodes(node):
            visit(child)

    for chunk in chunks:
        if chunk.mentions_legacy:
            for statement in chunk.statements:
                visit(statement)
    return found


def _model_words(tree: ast.Module, source: str = "") -> tuple[re.Pattern[str], bool]:
    """Names under which the module can reach the Clarifai Model, and whether it imports it."""
    words = {"Model", "legacy_compat", "clarifai"}
    imports_model = False
    for node in _import_nodes(tree, source):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                qualified = f"{node.module}.{alias.name}"
                if qualified in _MODEL_QUALIFIED or qualified in _MODEL_MODULES:
                    imports_model = True
                    words.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in ("clarifai", "legacy_compat"):
                    imports_model = imports_model or alias.name in (*_MODEL_MODULES, "clarifai")
                    words.add(alias.asname or alias.name.split(".")[0])
    pattern = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words))) + r")\b")
    return pattern, imports_model


class _Migration:
    def __init__(self, source: str, tree: ast.Module, options: MigrateOptions, path: str) -> None:
        self.source = source
        self.tree = tree
        self.options = options
        self.path = path
        self.lines = split_lines(source)
        self.newline = detect_newline(source)

    def run(self) -> tuple[str, list[Finding]]:
        words, imports_model = _model_words(self.tree, self.source)
        if not imports_model:
            # Receivers resolve to a Clarifai Model only through an import of it in this
            # module, and unknown receivers are reported only in files that import it.
            return self.source, []
        chunks = split_top_level(self.tree, self.lines, words)
        self.legacy_attributes = _legacy_attributes(chunks)
        if not self.legacy_attributes:
            return self.source, []
        result = self._attempt(ReducedSource.build(self.lines, chunks), imports_model, chunks)
        if result is None:  # the reduced module could not be spliced back: use the whole file
            result = self._attempt(ReducedSource.build(self.lines, None), imports_model, None)
        if result is None:
            return self.source, [
                Finding(
                    "",
                    1,
                    0,
                    Outcome.SKIPPED,
                    "left unchanged: the rewritten statements could not be placed back "
                    "exactly; please report it",
                    self.path,
                )
            ]
        return result

    def _attempt(
        self, reduced: ReducedSource, imports_model: bool, chunks: Optional[Sequence[Chunk]]
    ) -> Optional[tuple[str, list[Finding]]]:
        import libcst as cst
        from libcst.metadata import MetadataWrapper, ScopeProvider

        from codemods.analysis import ModuleFacts, ReceiverResolver
        from codemods.planner import plan_module
        from codemods.rewrite import apply_to_statement

        module = cst.parse_module(reduced.text)
        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        scopes = wrapper.resolve(ScopeProvider)
        facts = ModuleFacts()
        module.visit(facts)
        resolver = ReceiverResolver(facts, scopes)
        names = self._import_names()
        plan = plan_module(
            facts, resolver, self.options, names, imports_model=imports_model, path=self.path
        )
        lines = self._call_lines(facts.legacy_calls, reduced, module)
        findings = [_at(finding, *lines.get(call, (0, 0))) for call, finding in plan.findings]
        if not plan.changes:
            return self.source, findings
        statement_lines = self._statement_starts(module, reduced, chunks)
        if statement_lines is None:
            return None
        affected: dict[cst.BaseStatement, None] = {}
        for node in [*plan.edits, *plan.comments]:
            affected[facts.top_level_statement_of(node)] = None
        replacements: list[tuple[int, int, str]] = []
        for statement in affected:
            first_line = statement_lines[statement]
            old = module.code_for_node(statement)
            new = "".join(module.code_for_node(s) for s in apply_to_statement(statement, plan))
            leading = len(getattr(statement, "leading_lines", ()))
            start = first_line - leading
            end = start + len(split_lines(old))
            original = "".join(self.lines[start:end])
            if original != old:
                if original + self.newline == old and new.endswith(self.newline):
                    new = new[: -len(self.newline)]
                else:
                    return None
            replacements.append((start, end, new))
        text = self._splice(replacements, self._import_lines(plan, names))
        text = self._remove_unused_imports(text, plan)
        return text, findings

    # -- positions -----------------------------------------------------------------------------
    def _call_lines(
        self, calls: Sequence[cst.Call], reduced: ReducedSource, module: cst.Module
    ) -> dict[cst.CSTNode, tuple[int, int]]:
        """1-based line and column of each legacy call, matched in order with the ast calls."""
        import libcst as cst

        ast_methods = self.legacy_attributes
        names = [c.func.attr.value for c in calls if isinstance(c.func, cst.Attribute)]
        if [m.attr for m in ast_methods] == names:
            return {
                call: (method.end_lineno or method.lineno, _attribute_column(method))
                for call, method in zip(calls, ast_methods)
            }
        from libcst.metadata import MetadataWrapper, PositionProvider

        positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
        return {
            c: (reduced.original_line(positions[c].start.line), positions[c].start.column + 1)
            for c in calls
        }

    def _statement_starts(
        self, module: cst.Module, reduced: ReducedSource, chunks: Optional[Sequence[Chunk]]
    ) -> Optional[dict[cst.CSTNode, int]]:
        """0-based file line where each top-level statement's code (after comments) starts."""
        if chunks is None:
            chunks = split_top_level(self.tree, self.lines, re.compile(r"(?!)"))
            kept = list(chunks)
        else:
            kept = [c for c in chunks if c.keep]
        if len(kept) != len(module.body):
            return None
        return {statement: chunk.first_code_line for statement, chunk in zip(module.body, kept)}

    # -- imports -------------------------------------------------------------------------------
    def _bound_names(self) -> dict[str, str]:
        """Top-level imported name -> what it is bound to (``module.name`` or ``module``)."""
        bound: dict[str, str] = {}
        for node in self.tree.body:
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:
                    bound[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    bound[alias.asname or alias.name.split(".")[0]] = (
                        alias.name if alias.asname else alias.name.split(".")[0]
                    )
        return bound

    def _import_names(self) -> ImportNames:
        from codemods.planner import ImportNames

        bound = self._bound_names()

        def clashes(name: str, qualified: str) -> bool:
            if bound.get(name) == qualified:
                return False
            return re.search(rf"(?<![.\w]){name}\b", self.source) is not None

        data_types = any(
            clashes(n, f"{DATA_TYPE_MODULE}.{n}") for n in ("Image", "Audio", "Video", "Text")
        )
        return ImportNames(
            data_type_prefix="data_types." if data_types else "",
            path_prefix="pathlib." if clashes("Path", "pathlib.Path") else "",
        )

    def _import_lines(self, plan: ModulePlan, names: ImportNames) -> tuple[int, str]:
        bound = self._bound_names()
        statements: list[str] = []
        data_types = sorted(
            s.rsplit(" ", 1)[1]
            for s in plan.needed_imports
            if s.startswith(f"from {DATA_TYPE_MODULE} ")
        )
        data_types = [n for n in data_types if bound.get(n) != f"{DATA_TYPE_MODULE}.{n}"]
        if data_types:
            statements.append(f"from {DATA_TYPE_MODULE} import {', '.join(data_types)}")
        for statement, name, qualified in (
            (
                "from clarifai.runners.utils import data_types",
                "data_types",
                "clarifai.runners.utils.data_types",
            ),
            ("from pathlib import Path", "Path", "pathlib.Path"),
            ("import pathlib", "pathlib", "pathlib"),
            ("import legacy_compat", "legacy_compat", "legacy_compat"),
        ):
            if statement in plan.needed_imports and bound.get(name) != qualified:
                statements.append(statement)
        text = "".join(s + self.newline for s in statements)
        return self._import_position(), text

    def _import_position(self) -> int:
        """0-based line after the last top-level import (or the docstring), for new imports."""
        position = 0
        for index, node in enumerate(self.tree.body):
            docstring = (
                index == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
            )
            if isinstance(node, (ast.Import, ast.ImportFrom)) or docstring:
                position = node.end_lineno or node.lineno
        return position

    def _splice(self, replacements: list[tuple[int, int, str]], insertion: tuple[int, str]) -> str:
        lines = list(self.lines)
        if lines and not lines[-1].endswith(("\n", "\r")) and insertion[0] >= len(lines):
            lines[-1] += self.newline
        edits = sorted(
            [*replacements, (insertion[0], insertion[0], insertion[1])], key=lambda e: (e[0], e[1])
        )
        for start, end, text in reversed(edits):
            if start == end and not text:
                continue
            lines[start:end] = [text]
        return "".join(lines)

    def _remove_unused_imports(self, text: str, plan: ModulePlan) -> str:
        if not plan.maybe_unused:
            return text
        try:
            tree = ast.parse(text)
        except SyntaxError:
            return text
        lines = split_lines(text)
        removals: list[tuple[int, int, str]] = []
        for node in tree.body:
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            names = [a.asname or a.name.split(".")[0] for a in node.names]
            unused = [
                n
                for n in names
                if n in plan.maybe_unused
                and len(re.findall(rf"(?<![.\w]){re.escape(n)}\b", text))
                == len(
                    re.findall(
                        rf"(?<![.\w]){re.escape(n)}\b",
                        "".join(lines[node.lineno - 1 : node.end_lineno]),
                    )
                )
            ]
            if not unused:
                continue
            start, end = node.lineno - 1, node.end_lineno or node.lineno
            segment = "".join(lines[start:end])
            if len(unused) == len(names):
                if segment.strip().count(";") == 0 and not segment.lstrip().startswith(
                    ("if", "try")
                ):
                    removals.append((start, end, ""))
                continue
            removals.append((start, end, _drop_aliases(segment, set(unused))))
        for start, end, new in reversed(removals):
            lines[start:end] = [new]
        return "".join(lines)


def _drop_aliases(segment: str, unused: set[str]) -> str:
    import libcst as cst

    try:
        module = cst.parse_module(segment)
    except cst.ParserSyntaxError:
        return segment
    statement = module.body[0] if len(module.body) == 1 else None
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return segment
    small = statement.body[0]
    if not isinstance(small, (cst.Import, cst.ImportFrom)) or isinstance(
        small.names, cst.ImportStar
    ):
        return segment
    kept = [
        a
        for a in small.names
        if (a.evaluated_alias or a.evaluated_name.split(".")[0]) not in unused
    ]
    kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    new_small = small.with_changes(names=kept)
    return module.with_changes(body=[statement.with_changes(body=[new_small])]).code


def _attribute_column(node: ast.Attribute) -> int:
    """1-based column of the method name in ``receiver.method`` (what an editor jumps to)."""
    if node.end_col_offset is None:
        return node.col_offset + 1
    return node.end_col_offset - len(node.attr) + 1


def _at(finding: Finding, line: int, column: int) -> Finding:
    from dataclasses import replace

    return replace(finding, line=line, column=column)
