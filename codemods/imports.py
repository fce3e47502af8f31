"""The imports a rewrite adds and the ones it leaves unused, placed as a formatter would.

A rewrite that needs ``Image`` or ``Path`` must import it where the name exists before its
first use, without moving what must stay first (a shebang, an encoding declaration, the module
docstring, ``from __future__`` imports), without shadowing a name the file already uses for
something else, and in the order isort and ruff (I001) keep: standard library first, then
third-party, each section sorted, plain ``import x`` before ``from x import y``. An import the
rewrite made unused goes away (ruff F401), decided by the names the code really references,
never by words in comments or strings.

Everything here works on the :mod:`ast` of the file and on line numbers, because the engine
splices text by line and leaves every other line as it was.
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, Sequence

from codemods.planner import ALIASES, LEGACY_COMPAT, NEW_CODE_NAMES, ImportNames
from codemods.source import split_lines

__all__ = ["Insertion", "import_names", "import_insertions", "remove_unused_imports"]

# The names a ``match`` statement's patterns bind (Python 3.10+); the ``ast`` of 3.9 has no
# such classes, and no tree it parses has such nodes, so there the tuples are empty.
_CAPTURE_PATTERNS: tuple[type, ...] = tuple(
    getattr(ast, name) for name in ("MatchAs", "MatchStar") if hasattr(ast, name)
)
_MAPPING_PATTERNS: tuple[type, ...] = tuple(
    getattr(ast, name) for name in ("MatchMapping",) if hasattr(ast, name)
)


def _standard_library_names() -> frozenset[str]:
    """Top-level module names of the standard library, on every supported Python.

    ``sys.stdlib_module_names`` exists from 3.10; on 3.9 the standard library's own folder and
    the built-in modules give the same answer for what users import, so the output (which
    import section an existing ``import argparse`` is in) does not depend on the interpreter.
    """
    names = getattr(sys, "stdlib_module_names", None)
    if names is None:
        import pkgutil
        import sysconfig

        folder = sysconfig.get_paths()["stdlib"]
        names = {module.name for module in pkgutil.iter_modules([folder])}
        names |= set(sys.builtin_module_names)
    return frozenset(names) | {"pathlib", "io", "os"}


_STDLIB = _standard_library_names()
_SHEBANG_OR_CODING = re.compile(r"^(?:#!|[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+)")

# isort sections, in file order.
_FUTURE, _STANDARD_LIBRARY, _THIRD_PARTY, _LOCAL = range(4)


def _bindings(tree: ast.Module) -> dict[str, list[Optional[str]]]:
    """:func:`_module_bindings` of ``tree``, walked once: the engine asks for the same tree's
    bindings to spell the new names and again to leave out the imports already there."""
    last_tree, last_bindings = _last_bindings[0]
    if last_tree is not tree:
        last_tree, last_bindings = tree, _module_bindings(tree)
        _last_bindings[0] = (last_tree, last_bindings)
    return last_bindings


_last_bindings: list[tuple[Optional[ast.Module], dict[str, list[Optional[str]]]]] = [(None, {})]


def _module_bindings(tree: ast.Module) -> dict[str, list[Optional[str]]]:
    """Every name bound anywhere in the module -> what each binding is: the qualified import
    target (``pathlib.Path``) for an import, None for anything else (an assignment, a
    parameter, a ``def``, a loop variable...). A star import binds ``*``."""
    found: dict[str, list[Optional[str]]] = {}
    for node in _all_nodes(tree):
        kind = type(node)
        if isinstance(node, ast.Name):
            if type(node.ctx) is ast.Load:
                found.setdefault(node.id, [])  # used: a builtin or a star import's name
            else:
                found.setdefault(node.id, []).append(None)
        elif kind in _BINDERS:
            for name, target in _BINDERS[kind](node):
                found.setdefault(name, []).append(target)
    return found


def _all_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node of ``tree``, in no particular order: ``ast.walk`` without its generator per
    node, which made walking a long module cost about as much as parsing it."""
    pending = [tree]
    while pending:
        node = pending.pop()
        yield node
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, ast.AST):
                pending.append(value)
            elif type(value) is list:
                pending.extend(item for item in value if isinstance(item, ast.AST))


def _from_import(node: ast.ImportFrom) -> Iterator[tuple[str, Optional[str]]]:
    module = "." * node.level + (node.module or "")
    for alias in node.names:
        if alias.name == "*":
            yield "*", module
        else:
            yield alias.asname or alias.name, f"{module}.{alias.name}"


def _import(node: ast.Import) -> Iterator[tuple[str, Optional[str]]]:
    for alias in node.names:
        if alias.asname:
            yield alias.asname, alias.name
        else:
            yield alias.name.split(".")[0], alias.name.split(".")[0]


def _named(attribute: str) -> Callable[[ast.AST], Iterator[tuple[str, Optional[str]]]]:
    """A binder for a node that binds the name in its ``attribute`` (if it has one)."""

    def binds(node: ast.AST) -> Iterator[tuple[str, Optional[str]]]:
        name = getattr(node, attribute, None)
        if name:
            yield name, None

    return binds


def _declared(node: ast.AST) -> Iterator[tuple[str, Optional[str]]]:
    for name in getattr(node, "names", ()):
        yield name, None


#: Node type -> the (name, import target) pairs it binds; a ``Name`` is handled inline.
_BINDERS: dict[type, Callable[[Any], Iterator[tuple[str, Optional[str]]]]] = {
    ast.ImportFrom: _from_import,
    ast.Import: _import,
    ast.FunctionDef: _named("name"),
    ast.AsyncFunctionDef: _named("name"),
    ast.ClassDef: _named("name"),
    ast.arg: _named("arg"),
    ast.ExceptHandler: _named("name"),
    ast.Global: _declared,
    ast.Nonlocal: _declared,
    **{pattern: _named("name") for pattern in _CAPTURE_PATTERNS},
    **{pattern: _named("rest") for pattern in _MAPPING_PATTERNS},
}


def import_names(tree: ast.Module) -> ImportNames:
    """How to spell each name the rewrites may need, never reusing a name of the user's.

    A name bound only by the very import the rewrite needs is reused; an alias of that import
    (``from ... import Image as CImage``) is reused; a name the file binds to anything else, or
    reads without binding (a builtin, a star import), gets an alias (``ClarifaiImage``).
    """
    return ImportNames(_SpellingsOnDemand(tree))


class _SpellingsOnDemand(Mapping[str, str]):
    """The spellings of :func:`import_names`, worked out when first read: a module whose plan
    renders no new code (the verifying second pass, mostly) never walks its bindings."""

    def __init__(self, tree: ast.Module) -> None:
        self._tree = tree
        self._spellings: Optional[dict[str, str]] = None

    def _resolved(self) -> dict[str, str]:
        if self._spellings is None:
            self._spellings = _spellings(self._tree)
        return self._spellings

    def __getitem__(self, name: str) -> str:
        return self._resolved()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._resolved())

    def __len__(self) -> int:
        return len(self._resolved())


def _spellings(tree: ast.Module) -> dict[str, str]:
    bindings = _bindings(tree)
    star = any(target is not None for target in bindings.get("*", ()))
    spellings: dict[str, str] = {}
    for name, (module, attribute) in NEW_CODE_NAMES.items():
        qualified = f"{module}.{attribute}"
        own = [
            local
            for local, targets in bindings.items()
            if targets and all(t == qualified for t in targets) and local != "*"
        ]
        if name in own or (not own and _free(name, bindings, star)):
            continue
        if own:
            spellings[name] = sorted(own)[0]
            continue
        alias = ALIASES[name]
        candidate, number = alias, 1
        while not _free(candidate, bindings, star=False):
            number += 1
            candidate = f"{alias}{number}"
        spellings[name] = candidate
    return spellings


def _free(name: str, bindings: dict[str, list[Optional[str]]], star: bool) -> bool:
    return name not in bindings and not star


@dataclass(frozen=True)
class _Import:
    start: int  # 0-based first line
    end: int  # 0-based line after the statement
    section: int
    key: tuple[int, str]
    top: str = ""  # top-level module name


#: Modules a new third-party import belongs next to (the file's own modules may be
#: third-party to this classifier, but they sit in a group of their own).
_CLARIFAI_MODULES = frozenset({"clarifai", "clarifai_grpc", "legacy_compat"})


def _section_group(
    existing: Sequence[_Import], section: int, lines: Sequence[str]
) -> list[_Import]:
    """The imports of ``section`` in the group (a run of import lines with no blank line
    between) a new import of that section joins: the one holding a Clarifai import, else the
    first. The file's own packages, which this module cannot tell from third-party ones,
    usually form a later group, and a new Clarifai import does not belong there."""
    groups: list[list[_Import]] = []
    for item in existing:
        if groups and all(lines[n].strip() for n in range(groups[-1][-1].end, item.start)):
            groups[-1].append(item)
        else:
            groups.append([item])
    candidates = [[i for i in group if i.section == section] for group in groups]
    candidates = [group for group in candidates if group]
    if not candidates:
        return []
    for group in candidates:
        if any(i.top in _CLARIFAI_MODULES for i in group):
            return group
    return candidates[0]


@dataclass(frozen=True)
class Insertion:
    """Text to insert before 0-based ``line`` of the file."""

    line: int
    text: str


def _section(module: str, level: int = 0) -> int:
    if level:
        return _LOCAL
    top = module.split(".")[0]
    if top == "__future__":
        return _FUTURE
    return _STANDARD_LIBRARY if top in _STDLIB else _THIRD_PARTY


def _sort_key(statement: ast.stmt) -> tuple[int, str]:
    """isort's default order inside a section: ``import x`` lines, then ``from x import``."""
    if isinstance(statement, ast.Import):
        return 0, statement.names[0].name.lower()
    assert isinstance(statement, ast.ImportFrom)
    return 1, ("." * statement.level + (statement.module or "")).lower()


def _header_end(tree: ast.Module, lines: Sequence[str]) -> int:
    """The first line new imports may go on: after a shebang and an encoding declaration
    (which only count on lines 1-2), the module docstring and ``from __future__`` imports."""
    position = 0
    for index in range(min(2, len(lines))):
        if _SHEBANG_OR_CODING.match(lines[index]):
            position = index + 1
    for index, node in enumerate(tree.body):
        docstring = (
            index == 0
            and isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        )
        future = isinstance(node, ast.ImportFrom) and node.module == "__future__"
        if not (docstring or future):
            break
        position = max(position, node.end_lineno or node.lineno)
    return position


def import_insertions(
    tree: ast.Module,
    lines: Sequence[str],
    statements: Iterable[str],
    first_use: int,
    newline: str,
) -> list[Insertion]:
    """Where each new import statement goes: among the top-level imports of its section that
    come before ``first_use`` (0-based line of the first statement that uses a new name), at
    its sorted place; a section the file does not have yet starts its own group, apart from
    the others by a blank line."""
    floor = _header_end(tree, lines)
    existing: list[_Import] = []
    for node in tree.body:
        start = node.lineno - 1
        end = node.end_lineno or node.lineno
        if end > first_use:
            break
        if isinstance(node, (ast.Import, ast.ImportFrom)) and start >= floor:
            if isinstance(node, ast.ImportFrom):
                section = _section(node.module or "", node.level)
            else:
                section = _section(node.names[0].name)
            top = (node.module or "") if isinstance(node, ast.ImportFrom) else node.names[0].name
            existing.append(_Import(start, end, section, _sort_key(node), top.split(".")[0]))
    placed: dict[int, list[tuple[int, tuple[int, str], str]]] = {}
    for statement in statements:
        parsed = ast.parse(statement).body[0]
        assert isinstance(parsed, (ast.Import, ast.ImportFrom))
        module = parsed.names[0].name if isinstance(parsed, ast.Import) else parsed.module or ""
        section, key = _section(module), _sort_key(parsed)
        line, blank_before, blank_after = _place(existing, section, key, floor, lines)
        text = statement + newline
        if blank_before:
            text = newline + text
        if blank_after:
            text += newline
        placed.setdefault(line, []).append((section, key, text))
    insertions = []
    for line, group in placed.items():
        group.sort(key=lambda item: (item[0], item[1]))
        # Sections that land on one line are still apart by a blank line (isort, ruff I001).
        texts = [
            (newline if index and section != group[index - 1][0] else "") + text
            for index, (section, _, text) in enumerate(group)
        ]
        insertions.append(Insertion(line, _join_group(texts, newline)))
    if not existing and insertions:
        # The file has no import section yet (its imports are local to a function): the new
        # one is framed by blank lines as a formatter frames it.
        [only] = insertions
        insertions = [_framed_section(only, lines, newline)]
    return sorted(insertions, key=lambda insertion: insertion.line)


_DEFINITION = re.compile(r"(?:async[ \t]+def|def|class)\b|@")


def _framed_section(insertion: Insertion, lines: Sequence[str], newline: str) -> Insertion:
    """A new import section at the top of a file, with the blank lines isort and ruff put
    around it: one after a module docstring or ``from __future__`` import (none after a
    shebang or an encoding line), and two before a top-level ``def``/``class``/decorator (one
    before other code), counting the blank lines already there."""
    # The insertion stays on its line: the blank lines under it may belong to the statement
    # the engine replaces next, so the blank lines wanted are written around the new ones.
    line = insertion.line
    before = newline if line and not _SHEBANG_OR_CODING.match(lines[line - 1]) else ""
    blanks = 0
    while line + blanks < len(lines) and not lines[line + blanks].strip():
        blanks += 1
    following = line + blanks
    while following < len(lines) and lines[following].lstrip().startswith("#"):
        following += 1  # comments belong to the definition under them
    wanted = 1  # blank lines after the imports: 2 before a definition, none at the end
    if following >= len(lines):
        wanted = 0
    elif _DEFINITION.match(lines[following]):
        wanted = 2
    after = newline * max(0, wanted - blanks)
    return Insertion(line, before + insertion.text + after)


def _join_group(texts: list[str], newline: str) -> str:
    """Statements that land on the same line, without doubled blank lines between them."""
    joined = "".join(texts)
    doubled = newline * 3
    while doubled in joined:
        joined = joined.replace(doubled, newline * 2)
    return joined


def _place(
    existing: Sequence[_Import],
    section: int,
    key: tuple[int, str],
    floor: int,
    lines: Sequence[str],
) -> tuple[int, bool, bool]:
    """(line to insert before, blank line before, blank line after) for one new import."""
    same = _section_group(existing, section, lines)
    if same:
        later = [i for i in same if i.key > key]
        return (later[0].start if later else same[-1].end), False, False
    after = [i for i in existing if i.section > section]
    if after:
        return after[0].start, False, True
    before = [i for i in existing if i.section < section]
    if before:
        return before[-1].end, True, False
    return floor, False, False


def remove_unused_imports(text: str, candidates: set[str]) -> str:
    """Drop the top-level imports of ``candidates`` that nothing in ``text`` references any
    more (ruff F401). A name counts as used when the code reads it (any scope) or lists it in
    ``__all__``; comments and other strings do not count. A comment at the end of a removed
    import line stays, on its own line."""
    if not candidates:
        return text
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return text
    used = _referenced_names(tree)
    lines = split_lines(text)
    removals: list[tuple[int, int, str]] = []
    for node in tree.body:
        if not isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        names = [a.asname or a.name.split(".")[0] for a in node.names]
        unused = {n for n in names if n in candidates and n not in used}
        if not unused:
            continue
        start, end = node.lineno - 1, node.end_lineno or node.lineno
        segment = "".join(lines[start:end])
        if _shares_its_line(lines, node):
            continue
        if len(unused) == len(names):
            removals.append((start, end, _comments_only(segment)))
        else:
            kept = _drop_aliases(segment, unused)
            lost = [c for c in _comments_only(segment).splitlines(keepends=True)]
            lost = [c for c in lost if c.rstrip("\r\n") not in kept]
            removals.append((start, end, "".join(lost) + kept))
    for start, end, new in reversed(removals):
        lines[start:end] = [new]
    return "".join(lines)


def _shares_its_line(lines: Sequence[str], node: ast.stmt) -> bool:
    """True for ``import x; y = 1`` and the like, where removing lines would remove code."""
    first = lines[node.lineno - 1]
    last = lines[(node.end_lineno or node.lineno) - 1]
    before = first[: node.col_offset].strip()
    after = last[node.end_col_offset :].strip() if node.end_col_offset is not None else ""
    return bool(before) or (bool(after) and not after.startswith("#"))


def _comments_only(segment: str) -> str:
    """The comments of a removed import statement, each on its own line (or nothing)."""
    import io
    import tokenize

    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(segment).readline))
    except (tokenize.TokenError, SyntaxError):
        return segment
    newline = "\r\n" if segment.endswith("\r\n") else "\r" if segment.endswith("\r") else "\n"
    return "".join(t.string + newline for t in tokens if t.type == tokenize.COMMENT)


def _referenced_names(tree: ast.Module) -> set[str]:
    used = {
        node.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Store)
    }
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            value = getattr(node, "value", None)
            for element in ast.walk(value) if value is not None else ():
                if isinstance(element, ast.Constant) and isinstance(element.value, str):
                    used.add(element.value)
    return used


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
    if kept[-1] is not small.names[-1]:  # the old last name's comma holds what closes the list
        kept[-1] = kept[-1].with_changes(comma=small.names[-1].comma)
    new_small = small.with_changes(names=kept)
    return module.with_changes(body=[statement.with_changes(body=[new_small])]).code


def new_import_statements(needed: Iterable[str], names: ImportNames, tree: ast.Module) -> list[str]:
    """The import statements for the names a plan needs, leaving out those already imported
    under the spelling the rewrite uses. Names from one module share one statement."""
    bindings = _bindings(tree)
    by_module: dict[str, list[str]] = {}
    statements: list[str] = []
    for name in sorted(needed):
        if name == LEGACY_COMPAT:
            if bindings.get(LEGACY_COMPAT) != [LEGACY_COMPAT]:
                statements.append(f"import {LEGACY_COMPAT}")
            continue
        module, attribute = NEW_CODE_NAMES[name]
        local = names.local(name)
        targets = bindings.get(local)
        if targets and all(t == f"{module}.{attribute}" for t in targets):
            continue
        by_module.setdefault(module, []).append(
            attribute if local == attribute else f"{attribute} as {local}"
        )
    for module, imported in by_module.items():
        statements.append(f"from {module} import {', '.join(sorted(imported))}")
    return statements
