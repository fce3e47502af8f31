"""``legacy-compat predict``: the legacy ``clarifai model predict`` command line, still working.

Until 11.7.5 the SDK's CLI predicted with ``--file_path``/``--url``/``--bytes`` and
``--input_type``, calling ``predict_by_filepath/url/bytes``; 11.8.0 replaced those flags with
``--inputs`` JSON and 12.3.0 with a positional model reference, so scripts, CI jobs and the
documentation's own example (``clarifai model predict --model_url ... --url ... --input_type
image --deployment_id ...``) stopped working. This command takes the old flags, spelled as the
old CLI spelled them, runs them through the facade, prints what the old CLI printed (the
``MultiOutputResponse``), and then prints, on stderr, the equivalent command for the installed
SDK's current CLI.

Differences from the old CLI, all on purpose: the PAT and API base come from ``--pat`` /
``--base_url`` or ``CLARIFAI_PAT`` / ``CLARIFAI_API_BASE`` (the old CLI read them from
``clarifai login``'s config); bad flag combinations end with a one-line error and exit status
2 instead of a traceback; giving two input sources is an error instead of silently using the
first.

The arguments are defined without importing the SDK or gRPC (``legacy-compat --help`` loads
this module); they are imported in :func:`run`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import warnings
from typing import TYPE_CHECKING, Any, Dict, Iterator, Mapping, Optional

from codemods.legacy_api import INPUT_TYPES
from legacy_compat.commands import usage_error

if TYPE_CHECKING:
    from codemods.predict_cli import LegacyPredict

__all__ = ["DESCRIPTION", "PredictUsageError", "configure", "run"]

#: What ``--help`` says (the module docstring above is for maintainers).
DESCRIPTION = (
    "Run a legacy `clarifai model predict` command line (--model_id/--user_id/--app_id or "
    "--model_url, one of --file_path/--url/--bytes, --input_type, optional "
    "--deployment_id or --compute_cluster_id/--nodepool_id) through legacy_compat, print what "
    "the old CLI printed, then print the equivalent command for today's `clarifai model "
    "predict`. The PAT comes from --pat or CLARIFAI_PAT, the API base from --base_url or "
    "CLARIFAI_API_BASE."
)

# Option names of the old CLI, in its order; --config values override them (as they did).
_CONFIG_KEYS = (
    "model_id",
    "user_id",
    "app_id",
    "model_url",
    "file_path",
    "url",
    "bytes",
    "input_type",
    "compute_cluster_id",
    "nodepool_id",
    "deployment_id",
    "inference_params",
    "output_config",
)

# input source option -> the legacy method it calls
_SOURCES = {
    "file_path": "predict_by_filepath",
    "url": "predict_by_url",
    "bytes": "predict_by_bytes",
}


class PredictUsageError(ValueError):
    """A bad combination of flags; the message names it and says what to pass instead."""


def configure(parser: argparse.ArgumentParser) -> None:
    # The old CLI (click) matched option names exactly: no abbreviations here either.
    parser.allow_abbrev = False
    parser.add_argument("--config", help="path to a YAML file with any of the options below")
    parser.add_argument("--model_id", help="model ID of the model used to predict")
    parser.add_argument("--user_id", help="user ID of the model used to predict")
    parser.add_argument("--app_id", help="app ID of the model used to predict")
    parser.add_argument("--model_url", help="model URL of the model used to predict")
    parser.add_argument("--file_path", help="file path of the file for the model to predict")
    parser.add_argument("--url", help="URL of the file for the model to predict")
    parser.add_argument("--bytes", help="the input itself, as text (encoded as UTF-8)")
    parser.add_argument("--input_type", help="type of input: image, text, video or audio")
    parser.add_argument("-cc_id", "--compute_cluster_id", help="compute cluster ID")
    parser.add_argument("-np_id", "--nodepool_id", help="nodepool ID")
    parser.add_argument("-dpl_id", "--deployment_id", help="deployment ID")
    parser.add_argument("--inference_params", default="{}", help="inference parameters (JSON)")
    parser.add_argument("--output_config", default="{}", help="output config (JSON)")
    parser.add_argument("--pat", help="personal access token (default: $CLARIFAI_PAT)")
    parser.add_argument(
        "--base_url", help="API base URL (default: $CLARIFAI_API_BASE, else api.clarifai.com)"
    )


def _merge_config(args: argparse.Namespace) -> Dict[str, Any]:
    """The option values, with a ``--config`` YAML file's values taking precedence."""
    options = {key: getattr(args, key) for key in _CONFIG_KEYS}
    if not args.config:
        return options
    import yaml

    try:
        with open(args.config, encoding="utf-8") as handle:
            loaded = yaml.safe_load(handle)
    except OSError as exc:
        raise PredictUsageError(f"--config {args.config!r}: cannot read the file ({exc})") from exc
    except yaml.YAMLError as exc:
        raise PredictUsageError(f"--config {args.config!r}: not valid YAML ({exc})") from exc
    if loaded is None:
        return options
    if not isinstance(loaded, dict):
        raise PredictUsageError(
            f"--config {args.config!r}: expected a mapping of option names to values, "
            f"got {type(loaded).__name__}"
        )
    unknown = sorted(set(loaded) - set(_CONFIG_KEYS))
    if unknown:
        raise PredictUsageError(
            f"--config {args.config!r}: unknown option(s) {', '.join(unknown)}; "
            f"expected any of {', '.join(_CONFIG_KEYS)}"
        )
    options.update(loaded)
    return options


def _json_object(option: str, value: Any) -> Dict[str, Any]:
    if isinstance(value, dict):  # from a --config YAML mapping
        return value
    if value is None or value == "":
        return {}
    try:
        parsed = json.loads(value)
    except (TypeError, json.JSONDecodeError) as exc:
        raise PredictUsageError(
            f"--{option} {value!r} is not valid JSON ({exc}); expected an object such as "
            """'{"temperature": 0.7}'"""
        ) from None
    if not isinstance(parsed, dict):
        raise PredictUsageError(
            f"--{option} {value!r} is a JSON {type(parsed).__name__}; expected an object such "
            """as '{"temperature": 0.7}'"""
        )
    return parsed


def _check_combinations(options: Mapping[str, Any]) -> str:
    """Apply the old CLI's rules; return the input source option that is set."""
    has_triple = all(options[k] for k in ("model_id", "user_id", "app_id"))
    has_any_id = any(options[k] for k in ("model_id", "user_id", "app_id"))
    if (options["model_url"] and has_any_id) or not (options["model_url"] or has_triple):
        raise PredictUsageError(
            "Either --model_id & --user_id & --app_id or --model_url must be provided."
        )
    cluster, nodepool, deployment = (
        options[k] for k in ("compute_cluster_id", "nodepool_id", "deployment_id")
    )
    if (cluster or nodepool or deployment) and (
        bool(deployment) == bool(cluster or nodepool) or bool(cluster) != bool(nodepool)
    ):
        raise PredictUsageError(
            "Either --compute_cluster_id & --nodepool_id or --deployment_id must be provided."
        )
    given = [source for source in _SOURCES if options[source]]
    if len(given) != 1:
        found = f" (got {', '.join('--' + s for s in given)})" if given else ""
        raise PredictUsageError(
            f"Exactly one of --file_path, --url or --bytes must be provided{found}."
        )
    input_type = options["input_type"]
    if input_type and input_type not in INPUT_TYPES:
        raise PredictUsageError(
            f"Got input type {input_type} but expected one of {', '.join(INPUT_TYPES)}."
        )
    if given[0] == "file_path" and not os.path.isfile(options["file_path"]):
        raise PredictUsageError(f"--file_path {options['file_path']!r}: Invalid filepath.")
    return given[0]


def run(args: argparse.Namespace) -> int:
    """Run the legacy command line; 0 on success, 1 if the prediction failed, 2 on bad flags."""
    try:
        options = _merge_config(args)
        source = _check_combinations(options)
        inference_params = _json_object("inference_params", options["inference_params"])
        output_config = _json_object("output_config", options["output_config"])
        pat = args.pat or os.environ.get("CLARIFAI_PAT")
        if not pat:
            raise PredictUsageError(
                "No personal access token: pass --pat or set CLARIFAI_PAT "
                "(create one at https://clarifai.com/settings/security)."
            )
    except PredictUsageError as exc:
        return usage_error(args, "predict", str(exc))

    from legacy_compat import LegacyInferenceWarning, Model

    base_url = args.base_url or os.environ.get("CLARIFAI_API_BASE") or "https://api.clarifai.com"
    identity = (
        {"url": options["model_url"]}
        if options["model_url"]
        else {k: options[k] for k in ("model_id", "user_id", "app_id")}
    )
    value = options[source]
    # Routing goes with the call, as the 10.11 - 11.0 CLI sent it: the facade resolves the
    # deployment user through this model's own connection (the SDK constructor would ask a new
    # User() client, which ignores --base_url).
    routing = {
        key: options[key]
        for key in ("compute_cluster_id", "nodepool_id", "deployment_id")
        if options[key]
    }
    try:
        model = Model(**identity, pat=pat, base_url=base_url)
        with _python_api_warnings_off(LegacyInferenceWarning):
            method = getattr(model, _SOURCES[source])
            response = method(
                value.encode() if source == "bytes" else value,
                input_type=options["input_type"],
                inference_params=inference_params,
                output_config=output_config,
                **routing,
            )
    except Exception as exc:  # the old CLI's traceback, as one line that names the cause
        print(f"legacy-compat predict: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(response)
    _print_equivalent(model, options, source, value, inference_params, output_config)
    return 0


@contextlib.contextmanager
def _python_api_warnings_off(category: type[Warning]) -> Iterator[None]:
    """Silence the facade's warning for this command's own call, whatever the settings.

    The warning names the Python replacement for a line of code; here there is no code, and
    the replacement for the command line is printed instead. So neither the filters nor
    ``LEGACY_COMPAT_WARNINGS=error`` (meant for a program's own legacy calls) apply to it.
    """
    from legacy_compat.deprecation import ENVIRONMENT_VARIABLE

    previous = os.environ.get(ENVIRONMENT_VARIABLE)
    os.environ[ENVIRONMENT_VARIABLE] = "ignore"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", category)
            yield
    finally:
        if previous is None:
            del os.environ[ENVIRONMENT_VARIABLE]
        else:
            os.environ[ENVIRONMENT_VARIABLE] = previous


def _print_equivalent(
    model: Any,
    options: Mapping[str, Any],
    source: str,
    value: str,
    inference_params: Mapping[str, Any],
    output_config: Mapping[str, Any],
) -> None:
    """Say, on stderr, how to run the same prediction with the installed SDK's own CLI."""
    from codemods.predict_cli import render_current_command, untranslatable
    from legacy_compat.sdk_support import installed_sdk_version, predict_cli_style

    request = _describe(model, options, source, value, inference_params, output_config)
    version = installed_sdk_version()
    if request is None:
        print(
            f"note: model {model.user_id}/{model.app_id}/models/{model.id} has no pythonic "
            f"predict() method, so `clarifai model predict` (clarifai {version}) cannot make "
            "this call; keep using `legacy-compat predict` for it.",
            file=sys.stderr,
        )
        return
    print(f"Equivalent command for the current CLI (clarifai {version}):", file=sys.stderr)
    print(f"  {render_current_command(request, style=predict_cli_style())}", file=sys.stderr)
    for note in untranslatable(request):
        print(f"note: {note}", file=sys.stderr)


def _describe(
    model: Any,
    options: Mapping[str, Any],
    source: str,
    value: str,
    inference_params: Mapping[str, Any],
    output_config: Mapping[str, Any],
) -> Optional[LegacyPredict]:
    """The call as :class:`LegacyPredict`, or None if the model has no pythonic ``predict``."""
    from codemods.legacy_api import CallKind, choose_input_parameter
    from codemods.predict_cli import LegacyPredict
    from legacy_compat.signature_fetch import method_signature_from_proto
    from legacy_compat.targets import target_for

    proto = target_for(model).signatures().get("predict")  # fetched once, by the call itself
    signature = method_signature_from_proto(proto) if proto is not None else None
    if signature is None:
        return None
    input_type = options["input_type"] or _input_type_of(model, signature.parameters)
    if input_type is None:
        return None
    parameter = choose_input_parameter(CallKind.PREDICT, input_type, signature.parameters)
    media = [p.name for p in signature.parameters if p.type_name in {"IMAGE", "VIDEO", "AUDIO"}]
    return LegacyPredict(
        model_ref=f"{model.user_id}/{model.app_id}/models/{model.id}",
        source="filepath" if source == "file_path" else source,
        value=value,
        input_type=input_type,
        parameter=parameter.name if parameter else input_type,
        first_media_parameter=media[0] if media else None,
        deployment_id=options["deployment_id"],
        compute_cluster_id=options["compute_cluster_id"],
        nodepool_id=options["nodepool_id"],
        inference_params=inference_params,
        output_config=output_config,
        file_text=_read_text(value) if source == "file_path" and input_type == "text" else None,
    )


def _read_text(path: str) -> Optional[str]:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return None


def _input_type_of(model: Any, parameters: Any) -> Optional[str]:
    """The input type the call was made with when ``--input_type`` was left out."""
    detected = getattr(model, "input_types", None)
    if detected:
        return str(detected[0])
    by_field = {"IMAGE": "image", "VIDEO": "video", "AUDIO": "audio", "STR": "text", "TEXT": "text"}
    for parameter in parameters:
        if parameter.type_name in by_field and not parameter.stream:
            return by_field[parameter.type_name]
    return None
