"""The summary line counts what happened to each file in the words that are true of it."""

from __future__ import annotations

from codemods.findings import Finding, Outcome
from codemods.report import RunReport
from codemods.verified import VERIFY_CODE


def test_a_file_skipped_by_verification_parsed_and_is_not_called_unparsed() -> None:
    report = RunReport(files_scanned=2, files_parsed=2)
    report.findings = [
        Finding(VERIFY_CODE, 3, 0, Outcome.SKIPPED, "the migrated code does not compile", "a.py"),
        Finding("", 1, 0, Outcome.SKIPPED, "does not parse (invalid syntax)", "b.py"),
    ]
    line = report.summary_line()
    assert line == (
        "legacy-compat migrate: 2 files scanned, 1 parsed, 0 changed; "
        "1 file skipped by verification (left unchanged); 1 file left unparsed"
    )


def test_only_a_verification_skip_says_nothing_of_unparsed_files() -> None:
    report = RunReport(files_scanned=1, files_parsed=1)
    report.findings = [Finding(VERIFY_CODE, 1, 0, Outcome.SKIPPED, "not a fixed point", "a.py")]
    line = report.summary_line()
    assert "1 parsed" in line and "skipped by verification" in line
    assert "unparsed" not in line and "no legacy calls found" not in line
