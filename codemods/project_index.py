"""What the rest of a project says about its Clarifai models: a cheap pass before rewriting.

A file often uses a model it did not build: ``from .models import llm``, ``make_model()``
from a helpers module, ``class Captioner(Model)`` defined elsewhere. Looking at one file at
a time, the codemod cannot tell those receivers from any other object, and a legacy call on
them would go unreported. :class:`ProjectIndex` is built once per run from every Python file
being migrated, with the standard library's :mod:`ast` only (no libcst, no imports of user
code), and answers one question for the resolver: does this dotted name make a ``Model``?

Recorded, per module (dotted name from the file's path):

- top-level ``NAME = Model(...)`` (also ``App(...).model(...)``, ``app.create_model(...)``);
- top-level functions whose ``return`` gives such a value or a local variable holding one;
- classes that subclass ``Model`` (directly or through another indexed class).

It is a fixed point over the whole project, so a factory that returns another module's
factory's model is found too. Names it does not know stay unknown: the resolver reports them.

Also the same question inside one file: which top-level functions a legacy call's response
may be handed to (:func:`called_definitions`), so the engine keeps their definitions in the
module it analyses.
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Sequence

from codemods.legacy_api import LEGACY_METHOD_NAMES, MODEL_MODULES, MODEL_QUALIFIED_NAMES

__all__ = [
    "APP_QUALIFIED_NAMES",
    "MODEL_QUALIFIED_NAMES",
    "USER_QUALIFIED_NAMES",
    "ProjectIndex",
    "called_definitions",
    "indexes_models",
    "module_name",
    "reaches_models",
    "receives_imported_name",
    "import_root",
    "imported_module_files",
]

#: The SDK's ``App`` (``.model(...)``, ``.create_model(...)`` return a ``Model``) and
#: ``User`` (``.app(...)``, ``.create_app(...)`` return an ``App``).
APP_QUALIFIED_NAMES = frozenset({"clarifai.client.app.App", "clarifai.client.App"})
USER_QUALIFIED_NAMES = frozenset({"clarifai.client.user.User", "clarifai.client.User"})
_APP_MODEL_METHODS = frozenset({"model", "create_model"})
_USER_APP_METHODS = frozenset({"app", "create_app"})
_MAX_ROUNDS = 8


def called_definitions(statements: Iterable[ast.stmt], definitions: Sequence[ast.stmt]) -> set[str]:
    """Names of the top-level functions in ``definitions`` that ``statements`` call."""
    defined = {
        d.name for d in definitions if isinstance(d, (ast.FunctionDef, ast.AsyncFunctionDef))
    }
    called: set[str] = set()
    for statement in statements:
        for node in ast.walk(statement):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in defined
            ):
                called.add(node.func.id)
    return called


def indexes_models(path: Path, data: bytes) -> bool:
    """The pre-filter of the index: Python files that can build or subclass a model."""
    return path.suffix == ".py" and (b"Model" in data or b"model(" in data)


def import_root(paths: Sequence[Path]) -> Path:
    """The folder module names are relative to: the current directory when every path is
    under it (where ``import pkg.models`` resolves when the program runs from there), else
    the paths' common folder."""
    cwd = Path.cwd().resolve()
    resolved = [p.resolve() for p in paths]
    if all(cwd in p.parents for p in resolved):
        return cwd
    return Path(os.path.commonpath([str(p.parent) for p in resolved])) if resolved else cwd


def module_name(path: Path, root: Path) -> str:
    """``root/pkg/models.py`` -> ``pkg.models`` (``__init__.py`` names its package)."""
    try:
        relative = path.resolve().relative_to(root.resolve())
    except ValueError:
        relative = Path(path.name)
    parts = list(relative.with_suffix("").parts)
    if parts and parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@dataclass
class _Module:
    name: str
    is_package: bool
    imports: dict[str, str] = field(default_factory=dict)  # local name -> absolute dotted name
    values: dict[str, ast.expr] = field(default_factory=dict)  # top-level NAME = value
    functions: dict[str, list[ast.expr]] = field(default_factory=dict)  # name -> returns
    locals_of: dict[str, dict[str, ast.expr]] = field(default_factory=dict)
    classes: dict[str, list[ast.expr]] = field(default_factory=dict)  # name -> bases


@dataclass(frozen=True)
class ProjectIndex:
    """Dotted names (``pkg.models.llm``) that are, return or construct a Clarifai ``Model``."""

    models: frozenset[str] = frozenset()
    modules: frozenset[str] = frozenset()  # every indexed module, for relative imports
    packages: frozenset[str] = frozenset()
    root: str = ""  # the folder module names are relative to
    #: (dotted name, model URL) for the names whose every constructor spells one literal URL:
    #: the signatures file is looked up with it, as for a model built in the same file.
    references: tuple[tuple[str, str], ...] = ()

    def makes_model(self, dotted: str) -> bool:
        return dotted in self.models

    def reference_of(self, dotted: str) -> Optional[str]:
        """The literal model URL (or ``USER/APP/MODEL``) the model named ``dotted`` is built
        with, when the index saw exactly one."""
        return dict(self.references).get(dotted)

    def _knows(self, dotted: str) -> bool:
        return (
            dotted in self.models
            or dotted in self.modules
            or any(m.startswith(dotted + ".") for m in (*self.models, *self.modules))
        )

    def module_for(self, path: str) -> str:
        """The dotted module name of a file of the project (``""`` for a path-less snippet)."""
        if not path or not path.endswith(".py"):
            return ""
        name = module_name(Path(path), Path(self.root))
        # A package's own module keeps ``__init__`` so relative imports start from it.
        return f"{name}.__init__" if Path(path).name == "__init__.py" else name

    def absolute(self, name: str, module: str) -> str:
        """A libcst qualified name (``.models.llm`` for a relative import) made absolute."""
        if not name.startswith("."):
            # ``python pkg/app.py`` puts ``pkg/`` on sys.path: ``from models import llm`` in
            # ``pkg.app`` may mean ``pkg.models.llm`` when no top-level ``models`` is indexed.
            folder = module.rpartition(".")[0]
            sibling = f"{folder}.{name}" if folder else name
            if not self._knows(name) and self._knows(sibling):
                return sibling
            return name
        level = len(name) - len(name.lstrip("."))
        package = module.rpartition(".")[0]
        for _ in range(level - 1):
            package = package.rpartition(".")[0]
        rest = name[level:]
        return f"{package}.{rest}" if package else rest

    @classmethod
    def build(
        cls, files: Iterable[tuple[Path, bytes]], root: Optional[Path] = None
    ) -> ProjectIndex:
        """Index ``files`` (path, content); files that do not parse are left out.

        Module names are relative to ``root``: by default the current directory (where
        ``import pkg.models`` resolves when the program runs from it), else the files'
        common folder.
        """
        files = list(files)
        if root is None:
            root = import_root([p for p, _ in files])
        modules: list[_Module] = []
        for path, data in files:
            if not indexes_models(path, data):
                continue
            try:
                tree = ast.parse(data)
            except (SyntaxError, ValueError):
                continue
            name = module_name(path, root)
            module = _collect(tree, name, path.name == "__init__.py")
            modules.append(module)
        models = _fixed_point(modules)
        return cls(
            frozenset(models),
            frozenset(m.name for m in modules),
            frozenset(m.name for m in modules if m.is_package),
            str(root),
            tuple(sorted(_references(modules).items())),
        )


def _absolute(module: _Module, level: int, target: Optional[str]) -> str:
    package = module.name if module.is_package else module.name.rpartition(".")[0]
    for _ in range(max(level - 1, 0)):
        package = package.rpartition(".")[0]
    if not level:
        return target or ""
    return ".".join(p for p in (package, target or "") if p)


def _collect(tree: ast.Module, name: str, is_package: bool) -> _Module:
    module = _Module(name, is_package)
    for statement in tree.body:
        if isinstance(statement, ast.ImportFrom):
            source = _absolute(module, statement.level, statement.module)
            for alias in statement.names:
                module.imports[alias.asname or alias.name] = f"{source}.{alias.name}"
        elif isinstance(statement, ast.Import):
            for alias in statement.names:
                bound = alias.asname or alias.name.split(".")[0]
                module.imports[bound] = alias.name if alias.asname else bound
        elif isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name):
                module.values[target.id] = statement.value
        elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            returns: list[ast.expr] = []
            local: dict[str, ast.expr] = {}
            for node in ast.walk(statement):
                if isinstance(node, ast.Return) and node.value is not None:
                    returns.append(node.value)
                elif (
                    isinstance(node, ast.Assign)
                    and len(node.targets) == 1
                    and isinstance(node.targets[0], ast.Name)
                ):
                    local[node.targets[0].id] = node.value
            module.functions[statement.name] = returns
            module.locals_of[statement.name] = local
        elif isinstance(statement, ast.ClassDef):
            module.classes[statement.name] = list(statement.bases)
    return module


def _dotted(node: ast.expr, module: _Module) -> Optional[str]:
    """The absolute dotted name an expression spells (``cm.Model`` -> ``clarifai...Model``)."""
    if isinstance(node, ast.Name):
        if node.id in module.imports:
            return module.imports[node.id]
        if node.id in module.values or node.id in module.functions or node.id in module.classes:
            return f"{module.name}.{node.id}" if module.name else node.id
        return None
    if isinstance(node, ast.Attribute):
        head = _dotted(node.value, module)
        return f"{head}.{node.attr}" if head else None
    return None


def _fixed_point(modules: Sequence[_Module]) -> set[str]:
    models: set[str] = set()
    for _ in range(_MAX_ROUNDS):
        before = len(models)
        for module in modules:
            prefix = f"{module.name}." if module.name else ""
            for name, bases in module.classes.items():
                if any(_is_model_class(b, module, models) for b in bases):
                    models.add(prefix + name)
            for name, value in module.values.items():
                if _makes_model(value, module, models, {}):
                    models.add(prefix + name)
            for name, returns in module.functions.items():
                local = module.locals_of.get(name, {})
                if returns and all(_makes_model(r, module, models, local) for r in returns):
                    models.add(prefix + name)
        if len(models) == before:
            break
    return models


def _references(modules: Sequence[_Module]) -> dict[str, str]:
    """Dotted name -> model URL for module variables and factories built by ``Model(...)``
    with one literal URL (``Model(url="...")`` or ``Model("...")``, or the three ids)."""
    found: dict[str, str] = {}
    for module in modules:
        prefix = f"{module.name}." if module.name else ""
        for name, value in module.values.items():
            reference = _constructor_reference(value, module, {})
            if reference:
                found[prefix + name] = reference
        for name, returns in module.functions.items():
            local = module.locals_of.get(name, {})
            seen = {_constructor_reference(r, module, local) for r in returns}
            if len(seen) == 1 and None not in seen:
                found[prefix + name] = str(seen.pop())
    return found


def _constructor_reference(
    node: ast.expr, module: _Module, local: dict[str, ast.expr]
) -> Optional[str]:
    if isinstance(node, ast.Name) and node.id in local:
        node = local[node.id]
    if not isinstance(node, ast.Call) or _dotted(node.func, module) not in MODEL_QUALIFIED_NAMES:
        return None

    def literal(value: Optional[ast.expr]) -> Optional[str]:
        if isinstance(value, ast.Constant) and isinstance(value.value, str) and value.value:
            return value.value
        return None

    keywords = {k.arg: k.value for k in node.keywords if k.arg is not None}
    if any(k.arg is None for k in node.keywords):
        return None  # ``Model(**settings)``: the URL may come from there
    url = literal(keywords.get("url")) or (literal(node.args[0]) if node.args else None)
    if url:
        return url
    ids = [literal(keywords.get(k)) for k in ("user_id", "app_id", "model_id")]
    return "/".join(i for i in ids if i) if all(ids) else None


def _is_model_class(node: ast.expr, module: _Module, models: set[str]) -> bool:
    dotted = _dotted(node, module)
    return dotted is not None and (dotted in MODEL_QUALIFIED_NAMES or dotted in models)


def _makes_model(
    node: ast.expr, module: _Module, models: set[str], local: dict[str, ast.expr], depth: int = 0
) -> bool:
    """Is ``node`` a Model: a constructor call, a factory call, a known variable?"""
    if depth > _MAX_ROUNDS:
        return False
    if isinstance(node, ast.Name) and node.id in local:
        return _makes_model(local[node.id], module, models, {}, depth + 1)
    if isinstance(node, ast.Call):
        dotted = _dotted(node.func, module)
        if dotted is not None and (dotted in MODEL_QUALIFIED_NAMES or dotted in models):
            return True
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in _APP_MODEL_METHODS:
            return _sdk_kind(func.value, module, local) == "App"
        return False
    dotted = _dotted(node, module)
    return dotted is not None and dotted in models


def _sdk_kind(node: ast.expr, module: _Module, local: dict[str, ast.expr]) -> Optional[str]:
    if isinstance(node, ast.Name):
        value = local.get(node.id) or module.values.get(node.id)
        return _sdk_kind(value, module, {}) if value is not None else None
    if isinstance(node, ast.Call):
        dotted = _dotted(node.func, module)
        if dotted in APP_QUALIFIED_NAMES:
            return "App"
        if dotted in USER_QUALIFIED_NAMES:
            return "User"
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in _USER_APP_METHODS:
            return "App" if _sdk_kind(func.value, module, local) == "User" else None
    return None


_MODEL_MODULES = frozenset(MODEL_MODULES)


def reaches_models(tree: ast.Module, project: Optional[ProjectIndex], module: str) -> bool:
    """Whether a module that does not import ``Model`` itself can still hold one: it imports
    the SDK's ``App``/``User``, star-imports a Model module, or imports a name (or a module)
    that the project index knows makes models."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            level_module = node.module or ""
            for alias in node.names:
                if alias.name == "*" and level_module in _MODEL_MODULES:
                    return True
                qualified = f"{level_module}.{alias.name}"
                if qualified in APP_QUALIFIED_NAMES | USER_QUALIFIED_NAMES:
                    return True
                if project is not None and _known(project, node.level, qualified, module):
                    return True
        elif (
            isinstance(node, ast.Import)
            and project is not None
            and any(_known(project, 0, alias.name, module) for alias in node.names)
        ):
            return True
    return False


def _known(project: ProjectIndex, level: int, qualified: str, module: str) -> bool:
    dotted = project.absolute("." * level + qualified, module)
    return project.makes_model(dotted) or any(m.startswith(dotted + ".") for m in project.models)


def uses_unimported_model(tree: ast.Module) -> bool:
    """``Model(...)`` read but never bound in the module: a README snippet that skips its
    import (or a file that fails with NameError). Its legacy calls still deserve a finding."""
    bound = False
    read = False
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == "Model":
            if isinstance(node.ctx, ast.Load):
                read = True
            else:
                bound = True
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound = bound or any((a.asname or a.name) in ("Model", "*") for a in node.names)
        elif isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            bound = bound or node.name == "Model"
    return read and not bound


def receives_imported_name(tree: ast.Module) -> bool:
    """Whether a legacy method is used on something this module imports (``CAPTIONER`` of
    ``from models import CAPTIONER``, ``get_llm()`` of ``from models import get_llm``).

    Such a receiver may be a Clarifai ``Model`` built in a module this run did not read (or
    one the index could not follow), so its calls must be analysed and, when unresolved,
    reported, even though this file never imports clarifai.
    """
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                if alias.name != "*":
                    imported.add(alias.asname or alias.name.split(".")[0])
    if not imported:
        return False
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in LEGACY_METHOD_NAMES:
            root: ast.expr = node.value
            while isinstance(root, (ast.Attribute, ast.Call, ast.Subscript)):
                root = root.func if isinstance(root, ast.Call) else root.value
            if isinstance(root, ast.Name) and root.id in imported:
                return True
    return False


_IMPORTED_MODULE = re.compile(
    rb"^[ \t]*(?:from[ \t]+(\.*[\w.]*)[ \t]+import"
    rb"|import[ \t]+([\w.]+(?:[ \t]+as[ \t]+\w+)?(?:[ \t]*,[ \t]*[\w.]+(?:[ \t]+as[ \t]+\w+)?)*))",
    re.M,
)


def imported_module_files(path: Path, data: bytes, root: Path) -> list[Path]:
    """The project files ``path`` imports from (``from models import X`` ->
    ``root/models.py``), found with a regex, so a run given one file still learns what its
    sibling modules build. A package comes back as its folder (``import pkg``,
    ``from . import models``: its modules may be reached as attributes). Only what exists is
    returned; imports of installed packages resolve to nothing under ``root`` and are ignored."""
    found: list[Path] = []
    for match in _IMPORTED_MODULE.finditer(data):
        if match.group(1) is not None:
            spelled_names = [match.group(1)]
        else:  # ``import a.b as c, d``: each module, without its alias
            spelled_names = [name.split()[0] for name in match.group(2).split(b",")]
        for spelled_name in spelled_names:
            spelled = spelled_name.decode("ascii", "replace")
            level = len(spelled) - len(spelled.lstrip("."))
            found.extend(_module_paths(path, root, level, spelled[level:]))
    return found


def _module_paths(path: Path, root: Path, level: int, dotted: str) -> list[Path]:
    # A top-level name is looked up where the program runs from and, as Python does for a
    # script, next to the file itself.
    bases = [path.parent] if level else [root, path.parent]
    for _ in range(level - 1):
        bases = [b.parent for b in bases]
    found: list[Path] = []
    for base in bases:
        folder = base.joinpath(*dotted.split(".")) if dotted else base
        if dotted and folder.with_suffix(".py").is_file():
            found.append(folder.with_suffix(".py"))
        elif (dotted or level) and folder.is_dir():
            found.append(folder)
    return found
