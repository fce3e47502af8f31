"""The verified-write checks as a test assertion, for every rule example and fuzz case.

The engine already refuses output that fails a check of :mod:`codemods.verified` (it returns
the source with a ``skipped`` VERIFY finding instead), so a test that only compared texts could
pass while the engine silently gave up. :func:`assert_verified_migration` fails on both: a
VERIFY finding, and output that does not pass the same checks run again independently here.
Importable from any test module (``tests/`` is on ``sys.path`` through its ``conftest.py``).
"""

from __future__ import annotations

from typing import Optional

from codemods.engine import migrate_python
from codemods.findings import Finding
from codemods.options import MigrateOptions
from codemods.verified import VERIFY_CODE, python_failure

__all__ = ["assert_verified_migration", "assert_verified_output"]


def assert_verified_output(
    source: str, new: str, findings: list[Finding], options: Optional[MigrateOptions] = None
) -> None:
    """``new`` (the engine's output for ``source``) passes every check, and the engine did not
    have to reject its own first attempt."""
    rejected = [f for f in findings if f.code == VERIFY_CODE]
    assert not rejected, rejected[0].message
    options = options or MigrateOptions()

    def again(text: str) -> str:
        return migrate_python(text, options, path="again.py")[0]

    failure = python_failure(source, new, again=again, path="checked.py")
    assert failure is None, f"{failure}\n--- output ---\n{new}"


def assert_verified_migration(
    source: str, options: Optional[MigrateOptions] = None, *, path: str = "example.py"
) -> tuple[str, list[Finding]]:
    """Migrate ``source``, assert the output passes every verified-write check, return it."""
    new, findings = migrate_python(source, options, path=path)
    assert_verified_output(source, new, findings, options)
    return new, findings
