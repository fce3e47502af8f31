"""The edits that carry the reads of a legacy response over to the new return value.

The response-access rule (LC004) and the status-check rule (LC005) decide them; the planner
turns them into node edits. They live here, apart from both rules, because they are the
vocabulary the rules and the planner share: the planner applies them without knowing which
rule made them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

import libcst as cst

__all__ = ["EditKind", "ReadEdit", "ReadPlan"]


class EditKind(str, enum.Enum):
    """How a read of the response changes."""

    REPLACE_WITH_CALL = "call"  # the chain on the call itself -> new call + suffix
    REPLACE_WITH_TEXT = "text"  # a read -> an expression
    UNWRAP = "unwrap"  # an ``if x.outputs:`` guard -> its body
    REMOVE = "remove"  # a statement that only guarded or reported


@dataclass(frozen=True)
class ReadEdit:
    node: cst.CSTNode
    kind: EditKind
    text: str = ""


@dataclass
class ReadPlan:
    """Every edit for one call's reads, the value kinds read, and names left unused."""

    edits: list[ReadEdit] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)
    removed_names: set[str] = field(default_factory=set)  # names only used by removed code
