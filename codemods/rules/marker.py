"""Why a site cannot be rewritten safely, in words a person can act on.

A :class:`Marker` becomes a ``# TODO(legacy-compat LCxxx): ...`` comment above the call and a
``marked`` (or ``reported``) finding. Rule modules return one instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Marker", "todo_comment"]


@dataclass(frozen=True)
class Marker:
    """``code`` is the rule that gave up; ``todo`` says exactly what to do by hand."""

    code: str
    todo: str
    keep_legacy: bool = True  # False: the site is only reported, the code is left as it is


def todo_comment(marker: Marker) -> str:
    return f"# TODO(legacy-compat {marker.code}): {marker.todo}"
