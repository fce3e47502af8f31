"""The carriers with the real engine (``codemods.engine.migrate_python``), not the stand-in."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

from codemods.engine import migrate_python
from codemods.findings import Outcome
from codemods.formats import handler_for
from codemods.options import MigrateOptions
from codemods.rules.lc001_legacy_call import EXAMPLE_SIGNATURES
from codemods.signature_file import SignatureSet

# The models are pythonic (their signatures are known), so predict calls take the value form.
PYTHONIC = SignatureSet.from_json({"version": 1, "models": dict(EXAMPLE_SIGNATURES)})
ENGINE = partial(migrate_python, options=MigrateOptions(signatures=PYTHONIC))


def _notebook(*sources: list[str]) -> str:
    cells = [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": f"cell-{n}",
            "metadata": {},
            "outputs": [],
            "source": source,
        }
        for n, source in enumerate(sources)
    ]
    notebook = {
        "cells": cells,
        "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def test_notebook_cells_share_one_namespace():
    text = _notebook(
        ["%pip install -q clarifai\n", "from clarifai.client.model import Model"],
        ['m = Model("https://clarifai.com/u/a/models/llm")'],
        ['r = m.predict_by_bytes(b"Hi", "text")\n', "print(r.outputs[0].data.text.raw)"],
    )
    handler = handler_for(Path("x.ipynb"))
    assert handler is not None
    new, findings = handler.migrate(text, ENGINE)
    cells = [cell["source"] for cell in json.loads(new)["cells"]]
    assert cells[0][0] == "%pip install -q clarifai\n"
    assert cells[1] == ['m = Model("https://clarifai.com/u/a/models/llm")']
    assert cells[2] == ['r = m.predict(prompt="Hi")\n', "print(r)"]
    [finding] = findings
    assert finding.outcome is Outcome.REWRITTEN
    assert "predict_by_bytes" in text.splitlines()[finding.line - 1]


def test_a_markdown_python_block_and_a_shell_block():
    text = (
        "```python\n"
        "from clarifai.client.model import Model\n"
        'model = Model("https://clarifai.com/u/a/models/m")\n'
        'r = model.predict_by_url("https://x/y.jpg", input_type="image")\n'
        "```\n\n"
        "```sh\n"
        "clarifai model predict --model_url https://clarifai.com/u/a/models/m --url U\n"
        "```\n"
    )
    handler = handler_for(Path("README.md"))
    assert handler is not None
    new, findings = handler.migrate(text, ENGINE)
    assert 'r = model.predict(image=Image(url="https://x/y.jpg"))' in new
    assert "from clarifai.runners.utils.data_types import Image\n" in new
    assert (
        "clarifai model predict https://clarifai.com/u/a/models/m --method predict --url U" in new
    )
    assert {f.code for f in findings} >= {"LC001", "LC101"}
    assert min(f.line for f in findings if f.code == "LC001") == 4
