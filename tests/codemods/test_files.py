"""Which files a run looks at: ``.gitignore`` semantics as git has them, and the globs.

Each corner of gitignore (negation, anchoring, ``**``, directory-only patterns, nested files
overriding their parents) is checked twice: against the expected set written out here, and
against git itself (``git ls-files --others --exclude-standard`` lists exactly the untracked
files git does not ignore).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from codemods.files import FileSelector

# (.gitignore lines, files in the tree, the files a run must take)
CASES = {
    "negation re-includes a file": (
        ["*.py", "!keep.py"],
        ["a.py", "keep.py", "sub/keep.py", "sub/b.py"],
        ["keep.py", "sub/keep.py"],
    ),
    "a leading slash anchors to the ignore file's directory": (
        ["/top.py"],
        ["top.py", "sub/top.py"],
        ["sub/top.py"],
    ),
    "a middle slash anchors too": (
        ["sub/gen.py"],
        ["sub/gen.py", "other/sub/gen.py"],
        ["other/sub/gen.py"],
    ),
    "a name without slash matches at any depth": (
        ["gen.py"],
        ["gen.py", "a/b/gen.py", "a/ok.py"],
        ["a/ok.py"],
    ),
    "leading **/ matches in every directory": (
        ["**/cache/*.py"],
        ["cache/a.py", "x/y/cache/b.py", "x/c.py"],
        ["x/c.py"],
    ),
    "a/**/b matches zero or more directories between": (
        ["src/**/gen.py"],
        ["src/gen.py", "src/a/b/gen.py", "lib/src/gen.py"],
        ["lib/src/gen.py"],
    ),
    "trailing /** ignores everything inside": (
        ["vendor/**"],
        ["vendor/a.py", "vendor/deep/b.py", "app.py"],
        ["app.py"],
    ),
    "a trailing slash matches directories only": (
        ["out/"],
        ["out/a.py", "pkg/out/b.py", "pkg/out.py"],
        ["pkg/out.py"],
    ),
    "a file inside an ignored directory cannot be re-included": (
        ["build/", "!build/keep.py"],
        ["build/keep.py", "main.py"],
        ["main.py"],
    ),
    "the last matching line wins": (
        ["!x.py", "*.py", "!y.py"],
        ["x.py", "y.py"],
        ["y.py"],
    ),
    "one-star does not cross a slash": (
        ["doc/*.py"],
        ["doc/a.py", "doc/sub/b.py"],
        ["doc/sub/b.py"],
    ),
    "escaped leading characters are literal": (
        ["\\!bang.py", "\\#hash.py", "# a comment", ""],
        ["!bang.py", "#hash.py", "plain.py"],
        ["plain.py"],
    ),
    "a directory re-included under an ignored parent's contents": (
        ["d/*", "!d/keep/"],
        ["d/a.py", "d/keep/b.py"],
        ["d/keep/b.py"],
    ),
    "a backslash escapes a trailing space": (
        ["a\\ .py"],
        ["a .py", "a.py"],
        ["a.py"],
    ),
    "a backslash escapes a star": (
        ["\\*.py"],
        ["*.py", "a.py"],
        ["a.py"],
    ),
    "an unclosed bracket is literal": (
        ["m[1.py"],
        ["m[1.py", "m1.py"],
        ["m1.py", "m[1.py"],
    ),
    "** not between slashes is an ordinary star": (
        ["a**b.py"],
        ["axb.py", "a/x/b.py"],
        ["a/x/b.py"],
    ),
    "character classes": (
        ["m[0-4].py"],
        ["m1.py", "m7.py"],
        ["m7.py"],
    ),
}


def _tree(root: Path, gitignore: list[str], files: list[str]) -> None:
    (root / ".gitignore").write_text("\n".join(gitignore) + "\n")
    for name in files:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x = 1\n")


def _selected(root: Path, **selector: object) -> list[str]:
    found = FileSelector(**selector).files([root])  # type: ignore[arg-type]
    return sorted(p.relative_to(root).as_posix() for p in found)


@pytest.mark.parametrize("case", sorted(CASES))
def test_gitignore_semantics(tmp_path: Path, case: str) -> None:
    gitignore, files, expected = CASES[case]
    _tree(tmp_path, gitignore, files)
    assert _selected(tmp_path) == sorted(expected)


def _git_untracked(root: Path) -> list[str]:
    subprocess.run(["git", "init", "-q", str(root)], check=True, timeout=30)
    listed = subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return sorted(line for line in listed.stdout.splitlines() if line.endswith(".py"))


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git as the oracle")
@pytest.mark.parametrize("case", sorted(CASES))
def test_gitignore_semantics_agree_with_git(tmp_path: Path, case: str) -> None:
    gitignore, files, _ = CASES[case]
    _tree(tmp_path, gitignore, files)
    assert _selected(tmp_path) == _git_untracked(tmp_path)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git as the oracle")
def test_nested_ignore_files_override_their_parents_as_in_git(tmp_path: Path) -> None:
    _tree(tmp_path, ["*.gen.py", "/pkg/local.py"], ["a.gen.py", "pkg/b.gen.py", "pkg/local.py"])
    (tmp_path / "pkg" / ".gitignore").write_text("!b.gen.py\nlocal.py\n")
    (tmp_path / "pkg" / "sub").mkdir()
    (tmp_path / "pkg" / "sub" / "local.py").write_text("x = 1\n")
    (tmp_path / "info.py").write_text("x = 1\n")
    (tmp_path / ".git" / "info").mkdir(parents=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("info.py\n")
    expected = _git_untracked(tmp_path)
    assert expected == ["pkg/b.gen.py"]
    assert _selected(tmp_path) == expected
    # Started below the repository root, the ignore files above still apply.
    assert [
        p.relative_to(tmp_path).as_posix() for p in FileSelector().files([tmp_path / "pkg" / "sub"])
    ] == []


def test_include_and_exclude_globs(tmp_path: Path) -> None:
    _tree(tmp_path, [], ["app/a.py", "app/tests/test_a.py", "tools/b.py"])
    assert _selected(tmp_path, exclude=["tests/"]) == ["app/a.py", "tools/b.py"]
    assert _selected(tmp_path, include=["app/**"]) == ["app/a.py", "app/tests/test_a.py"]
    assert _selected(tmp_path, include=["*.py"], exclude=["/tools"]) == [
        "app/a.py",
        "app/tests/test_a.py",
    ]


def test_no_gitignore_takes_ignored_files(tmp_path: Path) -> None:
    _tree(tmp_path, ["*.py"], ["a.py"])
    assert _selected(tmp_path) == []
    assert _selected(tmp_path, use_gitignore=False) == ["a.py"]
