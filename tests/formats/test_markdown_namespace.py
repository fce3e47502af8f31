"""A document's Python blocks share one namespace, as notebook cells do (issue 14 section 4)."""

from __future__ import annotations

from functools import partial

from codemods.engine import migrate_python
from codemods.findings import Outcome
from codemods.formats.markdown import MarkdownHandler

# The real engine: what a block can see depends on its analysis, not on text patterns.
ENGINE = partial(migrate_python, path="README.md")

SPLIT = """\
# Quick start

```python
from clarifai.client.model import Model
model = Model("https://clarifai.com/u/a/models/llm")
```

Ask it something:

```python
print(model.predict_by_bytes(b"Hi", "text").outputs[0].data.text.raw)
```
"""


def test_a_call_in_a_later_block_sees_the_model_of_an_earlier_block():
    new, findings = MarkdownHandler().migrate(SPLIT, ENGINE)
    assert "predict_by_bytes" not in new and "model.predict(" in new
    assert [(f.outcome, f.line) for f in findings] == [(Outcome.REWRITTEN, 11)]


def test_a_block_that_uses_model_without_importing_it_gets_a_finding():
    doc = (
        "```python\n"
        'model = Model("https://clarifai.com/u/a/models/llm")\n'
        'model.predict_by_bytes(b"Hi", "text")\n'
        "```\n"
    )
    new, findings = MarkdownHandler().migrate(doc, ENGINE)
    assert new == doc
    assert [(f.code, f.outcome, f.line) for f in findings] == [("LC006", Outcome.REPORTED, 3)]
    assert "without an import" in findings[0].message
