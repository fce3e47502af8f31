"""A synthetic repository for the migrate benchmark (issue 5 section 6).

``build(root, files=2000)`` writes packages of realistic modules (classes, methods,
docstrings, comments, try/except, comprehensions, f-strings; 100 - 500 lines each) with a
fixed seed. About 2% of the modules contain real legacy calls in the shapes users write
(local variable, ``self._model``, chained constructor, ``inference_params``, response reads,
streaming loops); a few more are decoys that only mention the names (a comment, a
``Workflow``, an unrelated service object), so a plain grep finds more files than need work.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

__all__ = ["build", "build_dense"]

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


# -- the dense tree (issue 13 §1): most files call the legacy methods ---------------------------

_DENSE_HEADER = '''"""{title}: inference helpers for the {package} service."""

import json
import logging
import os
from typing import Any, Dict, Iterable, List, Optional

from clarifai.client.model import Model

logger = logging.getLogger(__name__)
'''

_PLAIN_HEADER = '''"""{title}: data helpers for the {package} service."""

import json
import logging
from typing import Any, Dict, Iterable, List, Optional

logger = logging.getLogger(__name__)
'''

#: More of the shapes users write, on top of :data:`_LEGACY_SHAPES`: a loop over regions,
#: try/except around the call, a Streamlit-style handler, a module-level model, a helper that
#: reads a file, and a call whose keywords carry comments.
_DENSE_SHAPES = (
    *_LEGACY_SHAPES,
    '''

DETECTOR_{n} = Model("https://clarifai.com/clarifai/main/models/general-image-detection")


def count_boxes_{n}(url: str, minimum: float = 0.5) -> int:
    """How many regions the detector finds above ``minimum``."""
    response = DETECTOR_{n}.predict_by_url(url, input_type="image")
    boxes = 0
    for region in response.outputs[0].data.regions:
        if region.value >= minimum:
            boxes += 1
    logger.info("found %d boxes in %s", boxes, url)
    return boxes
''',
    '''

def safe_answer_{n}(question: str, retries: int = 3) -> Optional[str]:
    """Ask the LLM, retrying on errors; None when every attempt failed."""
    llm = Model("https://clarifai.com/meta/Llama-3/models/llama-3-8b-instruct")
    for attempt in range(retries):
        try:
            response = llm.predict_by_bytes(question.encode("utf-8"), input_type="text")
        except Exception as exc:  # the service may be busy
            logger.warning("attempt %d failed: %s", attempt, exc)
            continue
        return response.outputs[0].data.text.raw
    return None
''',
    '''

def on_upload_{n}(uploaded: Any, state: Dict[str, Any]) -> None:
    """Streamlit-style callback: caption the uploaded image and remember it."""
    if uploaded is None:
        return
    captioner = Model(
        "https://clarifai.com/salesforce/blip/models/general-english-image-caption-blip"
    )
    result = captioner.predict_by_bytes(uploaded.read(), input_type="image")
    state["caption"] = result.outputs[0].data.text.raw
    state.setdefault("history", []).append(state["caption"])
''',
    '''

def transcribe_{n}(path: str) -> str:
    """Transcribe a local audio file."""
    asr = Model("https://clarifai.com/openai/transcription/models/whisper")
    text = asr.predict_by_filepath(path, input_type="audio").outputs[0].data.text.raw
    return text.strip()
''',
)


def _dense_module(rng: random.Random, package: str, index: int, legacy: bool, lines: int) -> str:
    header = _DENSE_HEADER if legacy else _PLAIN_HEADER
    parts = [header.format(title=f"Module {index}", package=package)]
    shapes = rng.sample(range(len(_DENSE_SHAPES)), k=len(_DENSE_SHAPES))
    count = 0
    while True:
        count += 1
        # About one legacy call site per 120 lines, the first one early.
        if legacy and (count == 1 or rng.random() < 0.25):
            shape = shapes[count % len(shapes)]
            parts.append(_DENSE_SHAPES[shape].format(n=f"{index}_{count}"))
        elif rng.random() < 0.6:
            parts.append(
                _FUNCTION.format(
                    name=f"select_{index}_{count}",
                    factor=rng.randint(1, 9),
                    threshold=rng.randint(1, 50),
                )
            )
        else:
            parts.append(_CLASS.format(name=f"Record{index}x{count}"))
        if sum(p.count("\n") for p in parts) >= lines:
            return "".join(parts)


def build_dense(
    root: Path, files: int = 300, legacy_share: float = 0.8, seed: int = 20261201
) -> dict[str, int]:
    """Write a tree where ``legacy_share`` of the modules call the legacy methods, sizes
    log-uniform from 20 to 2,000 lines; returns counts by kind (legacy, plain) and lines."""
    rng = random.Random(seed)
    counts = {"legacy": 0, "plain": 0, "lines": 0}
    per_package = 25
    for number in range(files):
        package = root / f"svc_{number // per_package:02d}"
        package.mkdir(parents=True, exist_ok=True)
        legacy = rng.random() < legacy_share
        lines = round(math.exp(rng.uniform(math.log(20), math.log(2000))))
        text = _dense_module(rng, package.name, number, legacy, lines)
        counts["legacy" if legacy else "plain"] += 1
        counts["lines"] += text.count("\n")
        (package / f"handler_{number % per_package:02d}.py").write_text(text, encoding="utf-8")
    return counts
