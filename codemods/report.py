"""What the user sees: diffs, the summary, ``--json`` and GitHub annotations.

All three views read the same :class:`~codemods.findings.Finding` objects, so a site counted
in the summary is the one annotated in CI and listed in the JSON report.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, TextIO

from codemods.findings import Finding, Outcome
from codemods.source import decode_source
from codemods.verified import VERIFY_CODE

__all__ = ["RunReport", "github_annotation", "json_destination_error", "unified_diff"]

_GITHUB_LEVEL = {
    Outcome.REWRITTEN: "notice",
    Outcome.MARKED: "warning",
    Outcome.REPORTED: "warning",
    Outcome.SKIPPED: "error",
}


def _text(data: bytes) -> str:
    try:
        return decode_source(data).text
    except (SyntaxError, UnicodeDecodeError, LookupError):
        return data.decode("utf-8", "replace")


# A string literal assigned to a credential-like name (``PAT = "..."``, ``pat="..."``,
# ``"api_key": "..."``). Diff context lines are lines the migration did not change, so
# printing a credential there (and into CI logs) serves nobody.
_CREDENTIAL = re.compile(
    r"""(?ix)
    (\b(?:\w+_)?(?:pat|token|secret|password|passwd|api_?key|key)(?:_\w+)?['"]?\s*[:=]\s*)
    ([rbuf]{0,2}(['"]))(?:(?!\3).){4,}(\3)
    """
)
_REDACTED = "<redacted>"


def _redacted(line: str) -> str:
    """``line`` with credential-like literals and the ``CLARIFAI_PAT`` value masked."""
    line = _CREDENTIAL.sub(lambda m: f"{m.group(1)}{m.group(2)}{_REDACTED}{m.group(4)}", line)
    pat = os.environ.get("CLARIFAI_PAT", "")
    return line.replace(pat, _REDACTED) if len(pat) >= 8 else line


def unified_diff(path: str, old: bytes, new: bytes, *, color: bool = False) -> str:
    """A ``git diff``-style unified diff of one file, optionally coloured for a terminal.

    Unchanged context lines that hold a credential are shown with it masked; the changed
    lines are shown as they are, since they are what the user must review.
    """
    lines = difflib.unified_diff(
        _text(old).splitlines(keepends=True),
        _text(new).splitlines(keepends=True),
        fromfile=f"a/{path.lstrip('/')}",
        tofile=f"b/{path.lstrip('/')}",
    )
    out = []
    for line in lines:
        if line.startswith(" "):
            line = _redacted(line)
        if not line.endswith(("\n", "\r")):
            line += "\n\\ No newline at end of file\n"
        if color:
            if line.startswith(("+++", "---")):
                line = f"\x1b[1m{line.rstrip()}\x1b[0m\n"
            elif line.startswith("+"):
                line = f"\x1b[32m{line.rstrip()}\x1b[0m\n"
            elif line.startswith("-"):
                line = f"\x1b[31m{line.rstrip()}\x1b[0m\n"
            elif line.startswith("@@"):
                line = f"\x1b[36m{line.rstrip()}\x1b[0m\n"
        out.append(line)
    return "".join(out)


def json_destination_error(path: Path) -> Optional[str]:
    """Why a ``--json`` report could not be written to ``path``, or None if it can be.

    Asked before any file is migrated: a report that fails at the end, after files were
    rewritten, would leave the user without the list of what was done.
    """
    if path.is_dir():
        return f"--json {str(path)!r} is a directory; give a file path (or '-' for stdout)"
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        return f"--json {str(path)!r}: the folder {str(parent)!r} does not exist; create it first"
    if path.exists() and not os.access(path, os.W_OK):
        return f"--json {str(path)!r} is not writable; choose another path"
    if not path.exists() and not os.access(parent, os.W_OK | os.X_OK):
        return f"--json {str(path)!r}: the folder {str(parent)!r} is not writable"
    return None


def _escape_github(value: str, *, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def github_annotation(finding: Finding) -> str:
    """One ``::warning file=...,line=...::message`` workflow command for GitHub Actions."""
    level = _GITHUB_LEVEL[finding.outcome]
    title = f"legacy-compat {finding.code}".strip() if finding.code else "legacy-compat"
    properties = [f"file={_escape_github(finding.path, property_value=True)}"]
    if finding.line:
        properties.append(f"line={finding.line}")
    if finding.column:
        properties.append(f"col={finding.column}")
    properties.append(f"title={_escape_github(title, property_value=True)}")
    message = f"{finding.outcome.value}: {finding.message}"
    if finding.assumptions:
        message += " (assumes: " + "; ".join(finding.assumptions) + ")"
    return f"::{level} {','.join(properties)}::{_escape_github(message)}"


_SEVERITY = (Outcome.REWRITTEN, Outcome.MARKED, Outcome.REPORTED, Outcome.SKIPPED)


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _outcomes(counts: Counter[Outcome]) -> str:
    shown = (Outcome.REWRITTEN, Outcome.MARKED, Outcome.REPORTED)
    return ", ".join(f"{counts[o]} {o.value}" for o in shown if counts[o]) or "none"


def _shell_codes() -> frozenset[str]:
    """The codes of the shell-command rules (LC101+), which are not Python call sites."""
    try:
        from codemods.formats.predict_command import SHELL_RULES
    except ModuleNotFoundError:
        return frozenset()
    return frozenset(SHELL_RULES)


@dataclass
class RunReport:
    """Totals and findings of one run."""

    files_scanned: int = 0
    files_parsed: int = 0
    files_changed: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def counts(self) -> Counter[Outcome]:
        return Counter(f.outcome for f in self.findings)

    def skipped_files(self) -> int:
        return len({f.path for f in self.findings if f.outcome is Outcome.SKIPPED})

    def unverified_files(self) -> int:
        """Files that parsed and were migrated, but whose output failed a check of
        :mod:`codemods.verified`, so they were left unchanged: not "unparsed"."""
        return len(
            {
                f.path
                for f in self.findings
                if f.outcome is Outcome.SKIPPED and f.code == VERIFY_CODE
            }
        )

    def write_summary(self, stream: TextIO, *, list_sites: bool = True) -> None:
        print(self.summary_line(), file=stream)
        reasons = Counter(
            (f.outcome.value, f.code, f.message)
            for f in self.findings
            if f.outcome is not Outcome.REWRITTEN
        )
        if reasons:
            print("reasons:", file=stream)
            for (outcome, code, message), count in sorted(reasons.items()):
                print(f"  {count:>4} x {outcome} {code}: {message}", file=stream)
        assumptions = Counter(a for f in self.findings for a in f.assumptions)
        if assumptions:
            print("assumptions (not confirmed by a signature):", file=stream)
            for text, count in sorted(assumptions.items()):
                print(f"  {count:>4} x {text}", file=stream)
        if list_sites:
            for finding in sorted(self.findings, key=lambda f: (f.path, f.line)):
                if finding.outcome is Outcome.REWRITTEN:
                    continue
                where = f"{finding.path}:{finding.line}" if finding.line else finding.path
                code = f" {finding.code}" if finding.code else ""
                print(f"{where}:{code} {finding.outcome.value}: {finding.message}", file=stream)

    def summary_line(self) -> str:
        """One line, black's way: counts that read right at 0, 1 and many, with the Python
        call sites and the shell command lines counted apart (they are different things)."""
        scanned = _counted(self.files_scanned, "file")
        if not self.files_parsed:
            return f"legacy-compat migrate: {scanned} scanned, no legacy calls found"
        unverified = self.unverified_files()
        unparsed = self.skipped_files() - unverified
        parts = [
            f"{scanned} scanned",
            f"{max(self.files_parsed - unparsed, 0)} parsed",
            f"{len(self.files_changed)} changed",
        ]
        shell_codes = _shell_codes()
        python = Counter(f.outcome for f in self.findings if f.code not in shell_codes)
        python[Outcome.SKIPPED] = 0  # counted as files below
        # Several shell rules fire on one command line: count the lines, each at its worst.
        commands: dict[tuple[str, int], Outcome] = {}
        for f in self.findings:
            if f.code in shell_codes and f.outcome is not Outcome.SKIPPED:
                key = (f.path, f.line)
                commands[key] = max(commands.get(key, f.outcome), f.outcome, key=_SEVERITY.index)
        shell = Counter(commands.values())
        if not +python and not shell and not unparsed and not unverified:
            parts.append("no legacy calls found")
        if +python:
            parts.append(f"{_counted(sum(python.values()), 'call site')}: {_outcomes(python)}")
        if shell:
            parts.append(f"{_counted(sum(shell.values()), 'shell command')}: {_outcomes(shell)}")
        line = "legacy-compat migrate: " + "; ".join([", ".join(parts[:3]), *parts[3:]])
        if unverified:
            line += f"; {_counted(unverified, 'file')} skipped by verification (left unchanged)"
        if unparsed:
            line += f"; {_counted(unparsed, 'file')} left unparsed"
        return line

    def to_json(self) -> dict[str, Any]:
        counts = self.counts()
        return {
            "version": 1,
            "files_scanned": self.files_scanned,
            "files_parsed": self.files_parsed,
            "files_changed": sorted(self.files_changed),
            "summary": {outcome.value: counts[outcome] for outcome in Outcome},
            "findings": [
                {
                    "path": f.path,
                    "line": f.line,
                    "column": f.column,
                    "code": f.code,
                    "outcome": f.outcome.value,
                    "message": f.message,
                    "assumptions": list(f.assumptions),
                }
                for f in sorted(self.findings, key=lambda f: (f.path, f.line, f.column))
            ],
        }

    def write_json(self, stream: TextIO) -> None:
        json.dump(self.to_json(), stream, indent=2)
        stream.write("\n")
