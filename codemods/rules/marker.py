"""Why a site cannot be rewritten safely, in words a person can act on.

A :class:`Marker` becomes a ``# TODO(legacy-compat LCxxx): ...`` comment above the call and a
``marked`` (or ``reported``) finding. Rule modules return one instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

__all__ = ["Marker", "marker_points_at_shim", "todo_comment", "todo_line"]

#: Carriers people read and copy from rather than run: documentation and templates that a
#: generator renders into other projects. Their readers do not have ``legacy_compat``.
_DOCUMENT_SUFFIXES = frozenset({".md", ".markdown", ".mdx", ".rst", ".txt"})
_TEMPLATE_FOLDERS = frozenset({"template", "templates", "_templates"})
_TEMPLATE_SUFFIXES = frozenset({".j2", ".jinja", ".jinja2", ".tmpl", ".tpl", ".template"})


@dataclass(frozen=True)
class Marker:
    """``code`` is the rule that gave up; ``todo`` says exactly what to do by hand."""

    code: str
    todo: str
    keep_legacy: bool = True  # False: the site is only reported, the code is left as it is


_SHIM_STEPS = (", then drop legacy_compat.Model", " and drop legacy_compat.Model")


def todo_comment(marker: Marker, *, on_shim: bool = True) -> str:
    """The comment above a marked call; without the shim (``on_shim`` False: documentation,
    templates) it does not tell the reader to drop a ``legacy_compat.Model`` that is not there."""
    todo = marker.todo
    if not on_shim:
        for step in _SHIM_STEPS:
            todo = todo.replace(step, "")
    return todo_line(marker.code, todo)


def todo_line(code: str, text: str) -> str:
    """The one spelling of a marker comment, for Python and shell alike (``migrate --check``
    and readers search for ``TODO(legacy-compat``)."""
    return f"# TODO(legacy-compat {code}): {text}"


def marker_points_at_shim(path: str) -> bool:
    """Whether a marked call's ``Model(...)`` becomes ``legacy_compat.Model(...)`` here.

    In code that runs (modules, notebooks) it does, so the marked call keeps working. In
    documentation and templates it does not: the page or the generated project would tell its
    readers to use a shim they never installed; the TODO comment alone says what to change.

    >>> marker_points_at_shim("app/main.py"), marker_points_at_shim("README.md")
    (True, False)
    """
    if not path:
        return True
    pure = PurePath(path)
    suffixes = {s.lower() for s in pure.suffixes}
    if suffixes & (_DOCUMENT_SUFFIXES | _TEMPLATE_SUFFIXES):
        return False
    return not any(part.lower() in _TEMPLATE_FOLDERS for part in pure.parts[:-1])
