"""Which files a migration run looks at: paths, globs, ``.gitignore``.

Users point the tool at a repository, so it must skip what ``git`` skips (virtualenvs,
build output, vendored code) without being told: each directory's ``.gitignore`` is honoured,
together with ``.git/info/exclude`` and a short list of directories no project wants scanned.
``--include`` / ``--exclude`` globs (gitignore syntax, relative to the path given) narrow the
set further. A file named explicitly on the command line is always taken.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional, Sequence

__all__ = ["ALWAYS_SKIPPED", "FileSelector", "IgnorePattern", "compile_glob"]

#: Directories skipped even without a .gitignore (the usual tool and environment folders).
ALWAYS_SKIPPED = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".bzr",
        ".tox",
        ".nox",
        ".venv",
        "venv",
        ".direnv",
        ".eggs",
        "__pycache__",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        "node_modules",
        "__pypackages__",
        "site-packages",
        ".ipynb_checkpoints",
    }
)
PYTHON_SUFFIXES = (".py", ".pyi")


def compile_glob(pattern: str) -> re.Pattern[str]:
    """A gitignore-style glob as a regex over ``/``-separated relative paths.

    >>> bool(compile_glob("build/**/*.py").match("build/a/b.py"))
    True
    >>> bool(compile_glob("*.py").match("pkg/mod.py"))  # no slash: matches at any depth
    True
    """
    anchored = "/" in pattern.rstrip("/")
    pattern = pattern.strip("/")
    out = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if pattern.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = pattern.find("]", index)
            if end == -1:
                out.append(re.escape(char))
            else:
                out.append("[" + pattern[index + 1 : end].replace("!", "^", 1) + "]")
                index = end
        else:
            out.append(re.escape(char))
        index += 1
    body = "".join(out)
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(f"^{prefix}{body}(?:/.*)?$")


@dataclass(frozen=True)
class IgnorePattern:
    regex: re.Pattern[str]
    negated: bool
    directory_only: bool


def _parse_ignore_file(path: Path) -> list[IgnorePattern]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    patterns = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        if negated:
            line = line[1:]
        if line.startswith("\\"):
            line = line[1:]
        directory_only = line.endswith("/")
        patterns.append(IgnorePattern(compile_glob(line), negated, directory_only))
    return patterns


def _ignored(relative: str, is_dir: bool, patterns: Sequence[IgnorePattern]) -> Optional[bool]:
    verdict: Optional[bool] = None
    for pattern in patterns:
        if pattern.directory_only and not is_dir:
            continue
        if pattern.regex.match(relative):
            verdict = not pattern.negated
    return verdict


def _relative_to_cwd(path: Path) -> str:
    if not path.is_absolute():
        return path.as_posix()
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass
class FileSelector:
    """Walks the given paths and yields the files to migrate."""

    include: Sequence[str] = ()
    exclude: Sequence[str] = ()
    use_gitignore: bool = True
    accepts: Callable[[Path], bool] = field(default=lambda p: p.suffix in PYTHON_SUFFIXES)

    def __post_init__(self) -> None:
        self._include = [compile_glob(g) for g in self.include]
        self._exclude = [compile_glob(g) for g in self.exclude]

    def _wanted(self, relative: str) -> bool:
        if any(r.match(relative) for r in self._exclude):
            return False
        return not self._include or any(r.match(relative) for r in self._include)

    def files(self, paths: Sequence[Path]) -> Iterator[Path]:
        seen: set[Path] = set()
        for path in paths:
            if path.is_file():
                # Explicit files (pre-commit passes them) still obey --exclude / the config.
                relative = _relative_to_cwd(path)
                if any(r.match(relative) for r in self._exclude):
                    continue
                if path not in seen:
                    seen.add(path)
                    yield path
                continue
            for found in self._walk(path):
                if found not in seen:
                    seen.add(found)
                    yield found

    def _walk(self, root: Path) -> Iterator[Path]:
        # Plain strings in the loop: pathlib per entry costs more than reading the file.
        root_absolute = str(root.resolve())
        inherited = self._ancestor_patterns(root.resolve()) if self.use_gitignore else []
        stack: list[tuple[str, str, list[tuple[str, list[IgnorePattern]]]]] = [
            (str(root), "", inherited)
        ]
        while stack:
            directory, prefix, patterns = stack.pop()
            if self.use_gitignore:
                local = _parse_ignore_file(Path(directory) / ".gitignore")
                if local:
                    patterns = [*patterns, (f"{root_absolute}/{prefix}", local)]
            try:
                entries = sorted(os.scandir(directory), key=lambda e: e.name)
            except OSError:
                continue
            subdirectories = []
            for entry in entries:
                is_dir = entry.is_dir(follow_symlinks=False)
                if is_dir and entry.name in ALWAYS_SKIPPED:
                    continue
                relative = prefix + entry.name
                if patterns and self._gitignored(f"{root_absolute}/{relative}", is_dir, patterns):
                    continue
                if is_dir:
                    if not any(r.match(relative) for r in self._exclude):
                        subdirectories.append((entry.path, relative + "/", patterns))
                elif entry.is_file():
                    path = Path(entry.path)
                    if self.accepts(path) and self._wanted(relative):
                        yield path
            stack.extend(reversed(subdirectories))

    @staticmethod
    def _ancestor_patterns(root: Path) -> list[tuple[str, list[IgnorePattern]]]:
        """``.git/info/exclude`` and the ``.gitignore`` files above ``root`` in its repo."""
        chain: list[Path] = []
        for parent in root.parents:
            chain.append(parent)
            if (parent / ".git").exists():
                break
        else:
            return []
        repository = chain[-1]
        found = [(f"{repository}/", _parse_ignore_file(repository / ".git" / "info" / "exclude"))]
        for parent in reversed(chain):
            found.append((f"{parent}/", _parse_ignore_file(parent / ".gitignore")))
        return [(base, rules) for base, rules in found if rules]

    @staticmethod
    def _gitignored(
        absolute: str, is_dir: bool, patterns: Sequence[tuple[str, list[IgnorePattern]]]
    ) -> bool:
        verdict = False
        for base, rules in patterns:
            if not absolute.startswith(base):
                continue
            result = _ignored(absolute[len(base) :], is_dir, rules)
            if result is not None:
                verdict = result
        return verdict
