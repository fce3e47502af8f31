"""The migration engine: source text in, migrated text and findings out.

:func:`migrate_python` is the one entry point for Python source, used for ``.py`` files and,
through :mod:`codemods.formats`, for Python embedded in notebooks and docs. It never raises on
bad input: code that does not parse comes back unchanged with a ``skipped`` finding.

Cost is spent only where a legacy call can be: a bytes search rejects most
files before any parsing; the cheap :mod:`ast` parser finds the top-level statements that can
matter; libcst parses and scope-analyses only those (:mod:`codemods.source`), once, for all
rules together; rewritten top-level statements are spliced back into the original text, so
everything else in the file stays byte-for-byte the same.
"""

from __future__ import annotations

import ast
import re
import sys
from typing import TYPE_CHECKING, Callable, Mapping, Optional, Sequence

from codemods.findings import Finding, Outcome
from codemods.legacy_api import (
    LEGACY_METHOD_NAMES,
    LEGACY_METHOD_PATTERN,
    MODEL_MODULES,
    MODEL_QUALIFIED_NAMES,
)
from codemods.options import MigrateOptions
from codemods.project_index import (
    called_definitions,
    reaches_models,
    receives_imported_name,
    uses_unimported_model,
)
from codemods.results import MigrationResult
from codemods.source import (
    LEGACY_CALL_PATTERN,
    Chunk,
    ReducedSource,
    detect_newline,
    split_lines,
    split_top_level,
)
from codemods.verified import comment_tokens, python_failure, skipped_finding

if TYPE_CHECKING:
    import libcst as cst
    from libcst.metadata.scope_provider import Scope

    from codemods.analysis import ModuleFacts
    from codemods.imports import Insertion
    from codemods.planner import ImportNames, ModulePlan

__all__ = ["MigrationResult", "migrate_python", "might_contain_legacy_calls"]


def might_contain_legacy_calls(data: bytes) -> bool:
    """The textual pre-filter: False means the file certainly has no legacy call."""
    # A substring test is memchr-fast; the regex alone costs 30x more on a large tree.
    return b"_by_" in data and LEGACY_CALL_PATTERN.search(data) is not None


def migrate_python(
    source: str,
    options: Optional[MigrateOptions] = None,
    *,
    path: str = "",
    encode: Optional[Callable[[str], bytes]] = None,
) -> MigrationResult:
    """Migrate the legacy calls in one piece of Python source, and verify the result.

    Returns the new source (the same object if nothing changed) and one finding per site.
    Never raises for bad input: unparseable code gives a ``skipped`` finding. Output that fails
    a check of :mod:`codemods.verified` (compiles, keeps every comment and the header lines,
    is a fixed point) is never returned: the source comes back with one ``skipped`` finding
    naming the check. ``encode`` says how the text will be written (a file's encoding), so the
    compile check compiles those bytes.

    >>> new, findings = migrate_python("print('no legacy calls here')\\n")
    >>> findings
    []
    """
    options = options or MigrateOptions()
    new, findings = _migrate_unverified(source, options, path)
    if new == source:
        return MigrationResult(source, findings)

    def again(text: str) -> str:
        return _migrate_unverified(text, options, path)[0]

    failure = python_failure(source, new, again=again, path=path, encode=encode)
    if failure is not None:
        return MigrationResult(source, [skipped_finding(failure, path)])
    return MigrationResult(new, findings)


def _migrate_unverified(source: str, options: MigrateOptions, path: str) -> MigrationResult:
    """The migration itself; its output is not yet checked (see :func:`migrate_python`)."""
    if "_by_" not in source or not _LEGACY_TEXT.search(source):
        return MigrationResult(source, [])
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError) as exc:
        return MigrationResult(source, [_skipped(exc, path, source)])
    try:
        return MigrationResult(*_Migration(source, tree, options, path).run())
    except Exception as exc:  # never lose the user's file to a bug of ours
        line = getattr(exc, "raw_line", 0) or 0
        failure = Finding(
            "",
            line,
            0,
            Outcome.SKIPPED,
            f"left unchanged: the codemod failed on this code ({type(exc).__name__}: {exc}); "
            "please report it",
            path,
        )
        return MigrationResult(source, [failure])


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


_LEGACY_TEXT = re.compile(LEGACY_METHOD_PATTERN)
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
                if qualified in MODEL_QUALIFIED_NAMES or qualified in MODEL_MODULES:
                    imports_model = True
                    words.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in ("clarifai", "legacy_compat"):
                    imports_model = imports_model or alias.name in (*MODEL_MODULES, "clarifai")
                    words.add(alias.asname or alias.name.split(".")[0])
    pattern = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words))) + r")\b")
    return pattern, imports_model


class _Migration:
    def __init__(
        self,
        source: str,
        tree: ast.Module,
        options: MigrateOptions,
        path: str,
        *,
        defer_nested: bool = True,
    ) -> None:
        self.defer_nested = defer_nested
        self.deferred = False
        self.source = source
        self.tree = tree
        self.options = options
        self.path = path
        self.lines = split_lines(source)
        self.newline = detect_newline(source)

    def run(self) -> tuple[str, list[Finding]]:
        words, imports_model = _model_words(self.tree, self.source)
        project = self.options.project
        self.module = project.module_for(self.path) if project is not None else ""
        imports_model = (
            imports_model
            or reaches_models(self.tree, project, self.module)
            or uses_unimported_model(self.tree)
            or receives_imported_name(self.tree)
        )
        if not imports_model:
            # Receivers resolve to a Clarifai Model only through an import (of it, or of a
            # name another module binds), and unknown receivers are reported only then.
            return self.source, []
        chunks = split_top_level(self.tree, self.lines, words)
        helpers = called_definitions(
            [s for c in chunks if c.keep for s in c.statements], self.tree.body
        )
        if helpers:  # a response handed to a helper is read in the helper's body
            words = re.compile(f"{words.pattern}|\\b(?:{'|'.join(sorted(helpers))})\\b")
            chunks = split_top_level(self.tree, self.lines, words)
        self.legacy_attributes = _legacy_attributes(chunks)
        if not self.legacy_attributes and not any(c.mentions_legacy for c in chunks):
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
        if self.deferred:
            return self._settle_nested(*result)
        return result

    def _settle_nested(self, text: str, findings: list[Finding]) -> tuple[str, list[Finding]]:
        """Migrate the output once more for the calls the planner deferred (nested in a call
        it rewrote), so a single run reaches the fixed point. The second pass reports every
        call still legacy after the first; its lines are mapped back to this file's."""
        try:
            tree = ast.parse(text)
        except SyntaxError:
            return text, findings
        again = _Migration(text, tree, self.options, self.path, defer_nested=False)
        final, second = again.run()
        if any(f.outcome is Outcome.SKIPPED for f in second):
            return text, findings
        kept = [f for f in findings if f.outcome is Outcome.REWRITTEN]
        to_original = _line_map(split_lines(text), self.lines)
        moved = [_at(f, to_original(f.line), f.column) for f in second]
        return final, sorted([*kept, *moved], key=lambda f: (f.line, f.column))

    def _attempt(
        self, reduced: ReducedSource, imports_model: bool, chunks: Optional[Sequence[Chunk]]
    ) -> Optional[tuple[str, list[Finding]]]:
        import libcst as cst
        from libcst.metadata import MetadataWrapper

        from codemods.analysis import ModuleFacts, ReceiverResolver, module_scopes
        from codemods.imports import import_names, remove_unused_imports
        from codemods.planner import plan_module
        from codemods.rewrite import apply_to_statement

        module = cst.parse_module(reduced.text)
        scopes = module_scopes(module)
        facts = ModuleFacts()
        module.visit(facts)
        resolver = ReceiverResolver(facts, scopes, self.options.project, self.module)
        names = import_names(self.tree)
        plan = plan_module(
            facts,
            resolver,
            self.options,
            names,
            imports_model=imports_model,
            path=self.path,
            defer_nested=self.defer_nested,
        )
        self.deferred = bool(plan.deferred)
        lines = self._call_lines(facts.legacy_calls, reduced, module)
        unplaced = [node for node, _ in plan.findings if node not in lines]
        if unplaced:  # findings on method references (``partial(m.predict_by_url, ...)``)
            from libcst.metadata import PositionProvider

            places = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
            for node in unplaced:
                where = places[node].start
                lines[node] = (reduced.original_line(where.line), where.column + 1)
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
            new = "".join(
                module.code_for_node(s)
                for s in apply_to_statement(statement, plan, repair_comments=False)
            )
            if comment_tokens(old) - comment_tokens(new):  # an edit dropped a comment
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
        first_use = min(start for start, _, _ in replacements)
        text = self._splice(replacements, self._import_lines(plan, names, first_use))
        unused = {n for n in plan.maybe_unused if not _read_outside(n, plan, facts, scopes)}
        text = remove_unused_imports(text, unused)
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
    def _import_lines(
        self, plan: ModulePlan, names: ImportNames, first_use: int
    ) -> list[Insertion]:
        """The new import statements and where they go (see :mod:`codemods.imports`)."""
        from codemods.imports import import_insertions, new_import_statements

        statements = new_import_statements(plan.needed_imports, names, self.tree)
        return import_insertions(self.tree, self.lines, statements, first_use, self.newline)

    def _splice(
        self, replacements: list[tuple[int, int, str]], insertions: Sequence[Insertion]
    ) -> str:
        """The file with whole lines replaced and new lines inserted; every other line stays
        byte for byte. An insertion at a replaced statement's first line goes before it."""
        lines = list(self.lines)
        last = max((i.line for i in insertions), default=0)
        if lines and not lines[-1].endswith(("\n", "\r")) and last >= len(lines):
            lines[-1] += self.newline
        edits = sorted(
            [*replacements, *((i.line, i.line, i.text) for i in insertions)],
            key=lambda e: (e[0], e[1]),
        )
        for start, end, text in reversed(edits):
            if start == end and not text:
                continue
            lines[start:end] = [text]
        return "".join(lines)


def _read_outside(
    name: str, plan: ModulePlan, facts: ModuleFacts, scopes: Mapping[cst.CSTNode, Optional[Scope]]
) -> bool:
    """Whether code no edit touches reads ``name``: then its import stays, and the rewritten
    file need not be parsed again to find out (:func:`codemods.imports.remove_unused_imports`
    decides the rest the same way, by the names the code reads)."""
    for node in facts.names.get(name, ()):
        scope = scopes.get(node)
        if scope is None or not any(a.node is node for a in scope.accesses[name]):
            continue  # an assignment or an attribute's name, not a read
        if node not in plan.edits and not any(a in plan.edits for a in facts.ancestors(node)):
            return True
    return False


def _line_map(new_lines: Sequence[str], old_lines: Sequence[str]) -> Callable[[int], int]:
    """1-based line in ``new_lines`` -> the line of ``old_lines`` it came from (a changed or
    inserted line maps to the first old line of its change)."""
    from difflib import SequenceMatcher

    opcodes = SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes()

    def old_line(line: int) -> int:
        index = line - 1
        for tag, i1, i2, j1, j2 in opcodes:
            if j1 <= index < j2:
                offset = index - j1 if tag == "equal" else min(index - j1, max(i2 - i1 - 1, 0))
                return i1 + offset + 1
        return line

    return old_line


def _attribute_column(node: ast.Attribute) -> int:
    """1-based column of the method name in ``receiver.method`` (what an editor jumps to)."""
    if node.end_col_offset is None:
        return node.col_offset + 1
    return node.end_col_offset - len(node.attr) + 1


def _at(finding: Finding, line: int, column: int) -> Finding:
    from dataclasses import replace

    return replace(finding, line=line, column=column)
