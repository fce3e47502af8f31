"""Hypothesis strategies for realistic legacy Clarifai code, and for splicing it into programs.

The fuzz tests take programs that hypothesmith generates from Python's grammar and splice a
legacy snippet (an import, a ``Model(...)`` construction and one of the nine calls, with the
argument shapes the SDK accepted over its history) in front of one of their statements, at
that statement's indentation. The spliced program must still parse; splices that do not (a
statement after a backslash continuation, ``from __future__`` that must stay first...) are
rejected by the caller with ``assume``.

Imported by name from the robustness tests (``tests/`` directories are not packages).
"""

from __future__ import annotations

import ast
import re
from typing import List, Tuple

from hypothesis import strategies as st

from codemods.legacy_api import INPUT_TYPES, LEGACY_METHODS, CallKind, Source

__all__ = ["decoy_snippet", "has_legacy_call", "legacy_snippet", "splice", "statement_starts"]

_URL = "'https://clarifai.com/someone/some-app/models/some-model'"

# (import line, the expression that names the Model class)
_IMPORTS: Tuple[Tuple[str, str], ...] = (
    ("from clarifai.client.model import Model", "Model"),
    ("from clarifai.client.model import Model as ClarifaiModel", "ClarifaiModel"),
    ("from clarifai.client import Model", "Model"),
    ("import clarifai.client.model as cm", "cm.Model"),
    ("from legacy_compat import Model", "Model"),
)

_CONSTRUCTIONS: Tuple[str, ...] = (
    "{cls}(url={url}, pat='fake-pat-for-tests')",
    "{cls}({url})",
    "{cls}(url={url}, deployment_id='prod')",
    "{cls}(model_id='some-model', user_id='someone', app_id='some-app')",
    "{cls}(url={url}, compute_cluster_id='cc', nodepool_id='np')",
)

# One value per source, single and streamed (the stream methods take iterables).
_SINGLE: dict[Source, Tuple[str, ...]] = {
    Source.URL: ("'https://samples.clarifai.com/dog.jpg'", "image_url", "urls[0]"),
    Source.BYTES: ("b'hello world'", "data", "open('a.bin', 'rb').read()"),
    Source.FILEPATH: ("'data/dog.jpg'", "path", "str(folder / 'x.wav')"),
}
_STREAMED: dict[Source, Tuple[str, ...]] = {
    Source.URL: ("['https://a/1.jpg', 'https://a/2.jpg']", "iter(urls)", "(u for u in urls)"),
    Source.BYTES: ("[b'a', b'b']", "chunks", "(c.encode() for c in texts)"),
    Source.FILEPATH: ("['a.jpg', 'b.jpg']", "'one.wav'", "paths"),
}

_EXTRAS: Tuple[str, ...] = (
    "",
    "inference_params={'temperature': 0.2, 'max_tokens': 8}",
    "output_config={'max_concepts': 3}",
    "inference_params=params",
    "compute_cluster_id='cc', nodepool_id='np'",
    "deployment_id='prod', user_id='someone'",
    "inference_params={'temperature': 0.5}, output_config={'min_value': 0.1}",
)

_USES: Tuple[str, ...] = (
    "{call}",
    "response = {call}",
    "print({call}.outputs[0].data.text.raw)",
    "for chunk in {call}:\n    print(chunk)",
    "results.append({call})",
)


@st.composite
def legacy_call(draw: st.DrawFn, receiver: str) -> str:
    """One of the nine calls on ``receiver``, with a historical argument shape."""
    name = draw(st.sampled_from(sorted(LEGACY_METHODS)))
    method = LEGACY_METHODS[name]
    values = _STREAMED if method.kind is CallKind.STREAM else _SINGLE
    source = draw(st.sampled_from(values[method.source]))
    if draw(st.booleans()):
        source = f"{method.source_names[0]}={source}"
    arguments = [source]
    input_type = draw(st.sampled_from((None, *INPUT_TYPES)))
    if input_type is not None:
        positional = not source.partition("=")[1] and draw(st.booleans())
        arguments.append(repr(input_type) if positional else f"input_type={input_type!r}")
    extra = draw(st.sampled_from(_EXTRAS))
    if extra:
        arguments.append(extra)
    return f"{receiver}.{name}({', '.join(arguments)})"


@st.composite
def legacy_snippet(draw: st.DrawFn) -> Tuple[str, str]:
    """``(import line, body lines)``: a module-level import and a construction plus a call."""
    import_line, cls = draw(st.sampled_from(_IMPORTS))
    construction = draw(st.sampled_from(_CONSTRUCTIONS)).format(cls=cls, url=_URL)
    receiver = draw(st.sampled_from(("model", "clarifai_model")))
    use = draw(st.sampled_from(_USES))
    call = draw(legacy_call(receiver))
    return import_line, f"{receiver} = {construction}\n{use.format(call=call)}\n"


# Code that names the legacy methods without calling them on a Clarifai model: the codemod must
# leave it byte-for-byte alone.
_DECOY_IMPORTS: Tuple[str, ...] = (
    "import json",
    "from clarifai.client.workflow import Workflow",
    "from mylib.inference import Model",
)
_DECOY_BODIES: Tuple[str, ...] = (
    "# before 11.3: model.predict_by_url(url, 'image')\nnames = ['stream_by_bytes']",
    "service = Service()\nresult = service.{name}({source}, 'image')",
    "workflow = Workflow('https://clarifai.com/u/a/workflows/w')\n"
    "result = workflow.{name}({source}, input_type='image')",
    "model = Model('local-model')\nresult = model.{name}({source})",
    'text = """model.{name}({source})"""',
)


@st.composite
def decoy_snippet(draw: st.DrawFn) -> Tuple[str, str]:
    """``(import line, body lines)`` that mention a legacy method but are not legacy calls."""
    name = draw(st.sampled_from(sorted(LEGACY_METHODS)))
    method = LEGACY_METHODS[name]
    values = _STREAMED if method.kind is CallKind.STREAM else _SINGLE
    source = draw(st.sampled_from(values[method.source]))
    body = draw(st.sampled_from(_DECOY_BODIES)).format(name=name, source=source)
    return draw(st.sampled_from(_DECOY_IMPORTS)), body + "\n"


def _lines(source: str) -> List[str]:
    """Lines as Python's tokenizer counts them (``str.splitlines`` also splits on form feeds
    and other separators, which would shift line numbers against ``ast``)."""
    return [line for line in re.split(r"(?<=\r\n)|(?<=\r)(?!\n)|(?<=\n)", source) if line]


def statement_starts(source: str) -> List[Tuple[int, str]]:
    """``(line index, indentation)`` of every statement that begins its line.

    Only statements preceded by nothing but whitespace on their line can have a new statement
    inserted before them at the same indentation.
    """
    lines = _lines(source)
    starts = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.stmt):
            index = node.lineno - 1
            prefix = lines[index][: node.col_offset] if index < len(lines) else "x"
            if prefix.strip(" \t\f") == "" and len(prefix) == node.col_offset:
                starts.add((index, prefix))
    return sorted(starts)


def splice(source: str, position: Tuple[int, str], snippet: Tuple[str, str]) -> str:
    """``source`` with the snippet's import on top and its body before the statement at
    ``position``, indented like it."""
    import_line, body = snippet
    index, indent = position
    lines = _lines(source)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n"
    indented = "".join(indent + line + "\n" for line in body.splitlines())
    spliced = [*lines[:index], indented, *lines[index:]]
    return import_line + "\n" + "".join(spliced)


def has_legacy_call(source: str) -> bool:
    """Whether any call in ``source`` names one of the nine legacy methods as an attribute."""
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in LEGACY_METHODS
        ):
            return True
    return False
