"""The ``clarifai model predict`` command line that does what a legacy one did.

``legacy-compat predict`` runs a legacy command line and then shows how to say the same thing
to the SDK's current CLI, which no longer has ``--file_path``, ``--bytes``, ``--input_type``,
``--inference_params`` or ``--output_config``. The current CLI differs by release:

* 12.3.0+: ``clarifai model predict USER/APP/models/MODEL --url U`` (a positional model
  reference, ``--file``/``--url`` for the first media parameter, ``-i name=value`` for any
  parameter, ``--deployment``);
* 11.8.0 - 12.2.2: ``clarifai model predict --model_url URL --inputs JSON``.

Both pick a method themselves (12.3 prefers a streaming one), so the command always names
``--method predict``: the legacy ``predict_by_*`` called ``predict``.

This module only builds text; it imports neither the SDK nor gRPC. It is the one home of the
current CLI's words: ``legacy-compat predict`` shows :func:`render_current_command` after a run,
and the shell rules (:mod:`codemods.formats.predict_command`) write the same words into
scripts.

Example:
    >>> request = LegacyPredict(
    ...     model_ref="u/a/models/m", source="url", value="https://x/cat.jpg",
    ...     input_type="image", parameter="image", first_media_parameter="image")
    >>> render_current_command(request, style="model-ref")
    'clarifai model predict u/a/models/m --method predict --url https://x/cat.jpg'
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional

__all__ = [
    "DEPLOYMENT_FLAG",
    "METHOD_WORDS",
    "LegacyPredict",
    "model_ref",
    "parameter_words",
    "render_current_command",
    "untranslatable",
]

_COMMAND = ["clarifai", "model", "predict"]
#: The current CLI picks a method itself (12.3 prefers a streaming one); the legacy
#: ``predict_by_*`` called ``predict``, so the command names it.
METHOD_WORDS = ("--method", "predict")
#: 12.3.0+ names the deployment ``--deployment`` (``--deployment_id`` is the 11.8 spelling).
DEPLOYMENT_FLAG = "--deployment"


def model_ref(user: str, app: str, model: str) -> str:
    """The 12.3.0+ positional model reference."""
    return f"{user}/{app}/models/{model}"


def parameter_words(name: str, value_text: str) -> list[str]:
    """``-i name=value``: any method parameter, as the 12.3.0+ CLI takes it."""
    return ["-i", shlex.quote(f"{name}={value_text}")]


@dataclass(frozen=True)
class LegacyPredict:
    """One legacy ``clarifai model predict`` call, as much as the translation needs.

    ``model_ref`` is ``USER/APP/models/MODEL``; ``source`` is ``"url"``, ``"filepath"`` or
    ``"bytes"``; ``parameter`` is the name of the method parameter that receives the input
    (from the model's signature), ``first_media_parameter`` the first image/video/audio
    parameter of ``predict`` (the one the 12.3 CLI's ``--file``/``--url`` fill). ``file_text``
    is the text of a text ``--file_path``: the 11.8 CLI reads no text files, so its command
    carries the text itself.
    """

    model_ref: str
    source: str
    value: str
    input_type: str
    parameter: str
    first_media_parameter: Optional[str] = None
    deployment_id: Optional[str] = None
    compute_cluster_id: Optional[str] = None
    nodepool_id: Optional[str] = None
    inference_params: Mapping[str, Any] = field(default_factory=dict)
    output_config: Mapping[str, Any] = field(default_factory=dict)
    file_text: Optional[str] = None


def untranslatable(request: LegacyPredict) -> List[str]:
    """What the current CLI cannot express for ``request``, one sentence each."""
    notes = []
    if request.output_config:
        notes.append(
            "--output_config has no counterpart in the current CLI (output settings are the "
            "model's own parameters now; pass them with -i if the model has them)."
        )
    if request.input_type == "text" and request.source == "url":
        notes.append(
            "a text --url has no counterpart: the new methods take the text itself; download "
            "it and pass it as the text parameter."
        )
    return notes


def _value_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _model_url(model_ref: str) -> str:
    return f"https://clarifai.com/{model_ref}"


def _model_ref_style(request: LegacyPredict) -> List[str]:
    words = [*_COMMAND, shlex.quote(request.model_ref), *METHOD_WORDS]
    if request.input_type == "text":
        if request.source == "filepath":  # the shell reads the file: the CLI takes the text
            words += ["-i", f'"{request.parameter}=$(cat {shlex.quote(request.value)})"']
        elif request.source == "bytes":
            words += parameter_words(request.parameter, request.value)
    elif request.parameter == request.first_media_parameter:
        flag = "--url" if request.source == "url" else "--file"
        words += [flag, shlex.quote(request.value)]
    else:
        words += parameter_words(request.parameter, request.value)
    for name, value in request.inference_params.items():
        words += parameter_words(name, _value_text(value))
    if request.deployment_id:
        words += [DEPLOYMENT_FLAG, shlex.quote(request.deployment_id)]
    if request.compute_cluster_id or request.nodepool_id:
        words += ["--compute_cluster_id", shlex.quote(request.compute_cluster_id or "")]
        words += ["--nodepool_id", shlex.quote(request.nodepool_id or "")]
    return words


def _inputs_json_style(request: LegacyPredict) -> List[str]:
    words = [*_COMMAND, "--model_url", _model_url(request.model_ref)]
    inputs: Dict[str, Any] = {}
    if not (request.input_type == "text" and request.source == "url"):
        if request.input_type == "text" and request.source == "filepath":
            inputs[request.parameter] = request.file_text
        else:
            inputs[request.parameter] = request.value
    inputs.update(request.inference_params)
    words += [*METHOD_WORDS, "--inputs", shlex.quote(json.dumps(inputs))]
    if request.deployment_id:
        words += ["--deployment_id", shlex.quote(request.deployment_id)]
    if request.compute_cluster_id or request.nodepool_id:
        words += ["--compute_cluster_id", shlex.quote(request.compute_cluster_id or "")]
        words += ["--nodepool_id", shlex.quote(request.nodepool_id or "")]
    return words


def render_current_command(request: LegacyPredict, *, style: str) -> str:
    """The current CLI's command line for ``request``; ``style`` from ``predict_cli_style()``.

    ``"model-ref"`` renders the 12.3.0+ CLI, ``"inputs-json"`` the 11.8.0 - 12.2.2 one.
    """
    if style == "model-ref":
        return " ".join(_model_ref_style(request))
    if style == "inputs-json":
        return " ".join(_inputs_json_style(request))
    raise ValueError(f"unknown CLI style {style!r}; expected 'model-ref' or 'inputs-json'")
