"""Which Python a source file's syntax needs, when the running interpreter cannot parse it.

The engine parses with the running interpreter's ``ast`` first (the cheapest full check that
a rewrite is valid Python here), so a file written for a newer Python (``type X = ...``,
``def f[T]()``, PEP 701 f-strings, ``except A, B:``) fails to parse on an older one, and
"does not parse (invalid syntax)" sends the user looking for a typo that is not there.
libcst's parser knows the newer grammars, so when it accepts what ``ast`` refused, the
constructs it found name the release that introduced them, and the skip says to run with it.

Example:
    >>> import sys
    >>> needed = newer_python_needed("type Alias = int\\n", SyntaxError("invalid syntax"))
    >>> needed == ((3, 12) if sys.version_info < (3, 12) else None)
    True
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Iterator, Optional

if TYPE_CHECKING:
    import libcst as cst

__all__ = ["newer_python_needed", "python_version_text"]

Version = tuple[int, int]


def python_version_text(version: Version) -> str:
    return f"{version[0]}.{version[1]}"


def newer_python_needed(source: str, error: SyntaxError) -> Optional[Version]:
    """The newest Python release whose syntax ``source`` uses, if newer than the running one.

    None when the source is simply invalid (libcst refuses it too) or when nothing newer was
    recognised: only a construct found in the tree names a release, never a guess.
    """
    import libcst as cst

    try:
        module = cst.parse_module(source)
    except Exception:  # libcst refuses it too: an ordinary syntax error
        return None
    found = {_introduced_in(node) for node in _nodes(module)}
    if str(getattr(error, "msg", "")).startswith("f-string") and any(
        isinstance(node, cst.FormattedString) for node in _nodes(module)
    ):
        found.add((3, 12))  # PEP 701 lifted the f-string limits behind these messages
    running = sys.version_info[:2]
    newer = [version for version in found if version is not None and version > running]
    return max(newer) if newer else None


def _nodes(module: cst.Module) -> Iterator[cst.CSTNode]:
    stack: list[cst.CSTNode] = [module]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(node.children)


def _introduced_in(node: cst.CSTNode) -> Optional[Version]:
    """The release that introduced ``node``'s construct, for the ones newer than 3.9."""
    import libcst as cst

    if type(node).__name__ == "TemplatedString":  # t"..." (PEP 750)
        return (3, 14)
    if isinstance(node, (cst.ExceptHandler, cst.ExceptStarHandler)):
        if isinstance(node.type, cst.Tuple) and not node.type.lpar:
            return (3, 14)  # except A, B: (PEP 758)
        return None
    if isinstance(node, cst.TypeParam) and getattr(node, "default", None) is not None:
        return (3, 13)  # type parameter defaults (PEP 696)
    if isinstance(node, (cst.TypeAlias, cst.TypeParameters)):
        return (3, 12)  # type statements and type parameters (PEP 695)
    if isinstance(node, cst.TryStar):
        return (3, 11)  # except* (PEP 654)
    if isinstance(node, cst.Match):
        return (3, 10)  # match statements (PEP 634)
    return None
