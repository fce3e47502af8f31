"""A synthetic repository for the migrate benchmark (issue 5 section 6).

``build(root, files=2000)`` writes packages of realistic modules (classes, methods,
docstrings, comments, try/except, comprehensions, f-strings; 100 - 500 lines each) with a
fixed seed. About 2% of the modules contain real legacy calls in the shapes users write
(local variable, ``self._model``, chained constructor, ``inference_params``, response reads,
streaming loops); a few more are decoys that only mention the names (a comment, a
``Workflow``, an unrelated service object), so a plain grep finds more files than need work.
"""

from __future__ import annotations

import random
from pathlib import Path

__all__ = ["build"]

_HEADER = '''"""{title} utilities for the {package} package.

This module was generated for a benchmark. It reads like ordinary application code:
helpers, a small class hierarchy, error handling and some data munging.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional

logger = logging.getLogger(__name__)
DEFAULT_LIMIT = {limit}
'''

_FUNCTION = '''

def {name}(items: Iterable[Dict[str, Any]], limit: int = DEFAULT_LIMIT) -> List[str]:
    """Return the names of at most ``limit`` items that pass the {name} filter."""
    selected = []
    for index, item in enumerate(items):
        if index >= limit:
            break
        # Items without a name are counted but not returned.
        name = item.get("name")
        if not name:
            logger.debug("item %d has no name", index)
            continue
        try:
            score = float(item.get("score", 0)) * {factor}
        except (TypeError, ValueError) as exc:
            logger.warning(f"bad score in {{item!r}}: {{exc}}")
            continue
        if score > {threshold}:
            selected.append(f"{{name}}:{{score:.2f}}")
    return sorted(selected, key=lambda text: (len(text), text))
'''

_CLASS = '''

@dataclass
class {name}:
    """A record with a few derived properties ({name})."""

    identifier: str
    labels: List[str] = field(default_factory=list)
    metadata: Dict[str, Any] = field(default_factory=dict)

    @property
    def label_count(self) -> int:
        return len(self.labels)

    def to_json(self) -> str:
        payload = {{"id": self.identifier, "labels": self.labels, **self.metadata}}
        return json.dumps(payload, sort_keys=True)

    def merge(self, other: "{name}") -> "{name}":
        labels = sorted(set(self.labels) | set(other.labels))
        metadata = {{**self.metadata, **{{k: v for k, v in other.metadata.items() if v}}}}
        return {name}(self.identifier, labels, metadata)

    def describe(self, verbose: bool = False) -> str:
        text = f"{{self.identifier}} ({{self.label_count}} labels)"
        if verbose:
            text += " " + ", ".join(label.upper() for label in self.labels)
        return text
'''

_LEGACY_SHAPES = (
    '''

def classify_{n}(url: str) -> List[str]:
    """Classify an image by URL with the legacy SDK."""
    model = Model("https://clarifai.com/clarifai/main/models/general-image-recognition")
    response = model.predict_by_url(url, input_type="image")
    return [concept.name for concept in response.outputs[0].data.concepts]
''',
    '''

class Assistant{n}:
    """Answers questions with a hosted LLM."""

    def __init__(self, pat: Optional[str] = None) -> None:
        self._model = Model(
            "https://clarifai.com/openai/chat-completion/models/gpt-4o",
            pat=pat or os.environ.get("CLARIFAI_PAT"),
        )

    def ask(self, question: str) -> str:
        response = self._model.predict_by_bytes(
            question.encode(),
            input_type="text",  # the old SDK needed this
            inference_params={{"temperature": 0.2, "max_tokens": 256}},
        )
        return response.outputs[0].data.text.raw
''',
    '''

CAPTIONER = "https://clarifai.com/salesforce/blip/models/general-english-image-caption-blip"


def describe_{n}(path: str) -> None:
    """Print a caption for a local image."""
    caption = Model(CAPTIONER).predict_by_filepath(path, "image").outputs[0].data.text.raw
    print(caption)
''',
    """

def stream_{n}(prompt: str) -> None:
    model_client = Model("https://clarifai.com/meta/Llama-3/models/llama-3-8b-instruct")
    for chunk in model_client.generate_by_bytes(prompt.encode(), input_type="text"):
        if chunk.outputs:
            print(chunk.outputs[0].data.text.raw, end="")
""",
)

_DECOYS = (
    """

def note_{n}() -> None:
    # The old SDK used model.predict_by_url(url, input_type="image") here.
    return None
""",
    """

def run_workflow_{n}(url: str) -> Any:
    workflow = Workflow("https://clarifai.com/clarifai/main/workflows/Demographics")
    return workflow.predict_by_url(url, input_type="image")
""",
    """

def call_service_{n}(prediction_service: Any, url: str) -> Any:
    return prediction_service.predict_by_url(url, input_type="image")
""",
)


def _module(rng: random.Random, package: str, index: int, kind: str, shape: int) -> str:
    parts = [_HEADER.format(title=f"Module {index}", package=package, limit=rng.randint(10, 500))]
    if kind == "legacy":
        parts.append("from clarifai.client.model import Model\n")
    elif kind == "decoy":
        parts.append("from clarifai.client.workflow import Workflow\n")
    target = rng.randint(100, 500)
    count = 0
    while sum(p.count("\n") for p in parts) < target:
        count += 1
        if rng.random() < 0.5:
            parts.append(
                _FUNCTION.format(
                    name=f"select_{index}_{count}",
                    factor=rng.randint(1, 9),
                    threshold=rng.randint(1, 50),
                )
            )
        else:
            parts.append(_CLASS.format(name=f"Record{index}x{count}"))
        if kind == "legacy" and count == 2:
            parts.append(_LEGACY_SHAPES[shape % len(_LEGACY_SHAPES)].format(n=index))
        if kind == "decoy" and count == 2:
            parts.append(_DECOYS[shape % len(_DECOYS)].format(n=index))
    return "".join(parts)


def build(
    root: Path, files: int = 2000, legacy_share: float = 0.02, seed: int = 20260521
) -> dict[str, int]:
    """Write the tree under ``root``; returns counts by kind (legacy, decoy, plain, init)."""
    rng = random.Random(seed)
    per_package = 50
    packages = max(1, files // per_package)
    legacy_every = max(1, round(1 / legacy_share))
    counts = {"legacy": 0, "decoy": 0, "plain": 0, "init": 0}
    number = 0
    for p in range(packages):
        package = root / f"pkg_{p:02d}"
        package.mkdir(parents=True, exist_ok=True)
        (package / "__init__.py").write_text(f'"""Package {p}."""\n', encoding="utf-8")
        counts["init"] += 1
        for m in range(per_package):
            number += 1
            if number % legacy_every == 0:
                kind = "legacy"
            elif number % legacy_every == legacy_every // 2 and number % 3 == 0:
                kind = "decoy"
            else:
                kind = "plain"
            text = _module(rng, package.name, number, kind, counts[kind])
            counts[kind] += 1
            (package / f"module_{m:02d}.py").write_text(text, encoding="utf-8")
    return counts
