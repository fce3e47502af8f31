"""A stand-in for the engine's Python migration, so the carriers are tested on their own.

It is a real (small) migration, not a mock: it parses the code, rewrites
``X.predict_by_url(U, "image")`` to ``X.predict(image=Image(url=U))``, adds the import at the
top (so the code gets longer, as the real engine's imports do) and reports a SKIPPED finding
for code that does not parse, as the engine's contract says.
"""

from __future__ import annotations

import ast
import re

import pytest

from codemods.findings import Finding, Outcome

_CALL = re.compile(r"(?P<receiver>\w+)\.predict_by_url\((?P<url>[^,()]+), ['\"]image['\"]\)")
IMPORT = "from clarifai.runners.utils.data_types import Image\n"


def standin_migrate_python(source: str) -> tuple[str, list[Finding]]:
    try:
        ast.parse(source)
    except SyntaxError as exc:
        return source, [
            Finding(
                "", exc.lineno or 1, exc.offset or 1, Outcome.SKIPPED, f"does not parse: {exc.msg}"
            )
        ]
    findings: list[Finding] = []
    lines = []
    for number, line in enumerate(source.splitlines(keepends=True), 1):
        new = _CALL.sub(lambda m: f"{m['receiver']}.predict(image=Image(url={m['url']}))", line)
        if new != line:
            findings.append(
                Finding(
                    "LC001",
                    number,
                    line.index(".predict_by_url") + 1,
                    Outcome.REWRITTEN,
                    "rewritten",
                )
            )
        lines.append(new)
    if not findings:
        return source, []
    return IMPORT + "".join(lines), [f.shifted(0) for f in findings]


@pytest.fixture
def migrate_python():
    return standin_migrate_python
