"""Marked calls in documentation and templates are not pointed at the shim (issue 14 section 5)."""

from __future__ import annotations

import pytest

from codemods.engine import migrate_python

ESCAPING = (  # input_type known only at run time: the call is marked
    "from clarifai.client.model import Model\n"
    "model = Model('https://clarifai.com/u/a/models/m')\n"
    "kind = input('kind? ')\n"
    "print(model.predict_by_url('https://x/y.jpg', kind))\n"
)


@pytest.mark.parametrize("path", ["README.md", "docs/guide.rst", "pkg/templates/app.py"])
def test_documents_and_templates_keep_their_model_and_get_a_truthful_todo(path: str) -> None:
    new, [finding] = migrate_python(ESCAPING, path=path)
    assert finding.outcome.value == "marked"
    assert "legacy_compat" not in new
    assert "# TODO(legacy-compat LC001): input_type is known only at run time" in new
    assert "drop legacy_compat.Model" not in new
    assert new.replace(new.splitlines()[3] + "\n", "") == ESCAPING


def test_code_that_runs_is_pointed_at_the_shim() -> None:
    new, _ = migrate_python(ESCAPING, path="app.py")
    assert "model = legacy_compat.Model(" in new
