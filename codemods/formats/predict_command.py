"""The legacy ``clarifai model predict`` command line, and its current form (rules LC101+).

Before 12.3.0 the CLI named the model with ``--model_id/--user_id/--app_id`` (or
``--model_url``), took the input with ``--file_path``/``--url``/``--bytes`` plus
``--input_type``, and routed with ``--deployment_id``; it called the legacy ``predict_by_*``
methods. Since 12.3.0 (clarifai#960) the model is a positional ``USER/APP/models/MODEL``, media
goes in with ``--file``/``--url`` (bound to the method's first image/video/audio parameter),
text is a positional argument, method parameters are ``-i key=value``, and a deployment is
``--deployment``; ``--file_path``, ``--bytes``, ``--input_type``, ``--inference_params`` and
``--output_config`` fail with "No such option". The compute-cluster, nodepool and
deployment-user flags are still accepted (hidden) and are kept as written.

Each rule is a row of :data:`SHELL_RULES` with its own examples; the examples are run as tests
and rendered into the migration guide. A command that any MARKED rule applies to is not
rewritten at all (half a rewrite would fail on both CLIs); it gets a TODO comment instead.

Example:
    >>> rewrite_predict_arguments(["--model_id", "m", "--user_id", "u", "--app_id", "a",
    ...                            "--url", "https://x/cat.jpg", "--input_type", "image"]).arguments
    ['u/a/models/m', '--url', 'https://x/cat.jpg']
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass, field
from typing import Mapping, Optional, Sequence

from codemods.findings import Outcome
from codemods.formats.shell_syntax import Word, words
from codemods.legacy_api import CallKind, conventional_parameter
from codemods.predict_cli import DEPLOYMENT_FLAG, METHOD_WORDS, model_ref, parameter_words
from codemods.rules.marker import todo_line

__all__ = [
    "LEGACY_COMPAT_PREDICT_OPTIONS",
    "LEGACY_OPTIONS",
    "SHELL_RULES",
    "PredictRewrite",
    "ShellRule",
    "rewrite_predict_arguments",
    "rewrite_predict_words",
    "shell_todo_comment",
]


@dataclass(frozen=True)
class ShellRule:
    """One rule: its stable code, what it does, and before/after examples (shell text)."""

    code: str
    title: str
    outcome: Outcome
    explanation: str
    examples: tuple[tuple[str, str], ...]


_IDS = "clarifai model predict --model_id m --user_id u --app_id a"
_URL = "clarifai model predict --model_url https://clarifai.com/u/a/models/m"
_NEW = "clarifai model predict u/a/models/m --method predict"
_NEW_URL = "clarifai model predict https://clarifai.com/u/a/models/m --method predict"
_KEPT = "legacy-compat predict --model_id m --user_id u --app_id a"
#: Why ``--bytes`` of a media input (or of an input type not given) stays legacy.
_MEDIA_BYTES = (
    "`--bytes` has no counterpart in the current `clarifai model predict` unless the input"
    " is `--input_type text` (media goes in with `--file` or `--url`)"
)
#: The parameter the text goes to when the command also names parameters with ``-i``.
_TEXT_PARAMETER = conventional_parameter(CallKind.PREDICT, "text")


def shell_todo_comment(code: str, what: str, *, kept: bool) -> str:
    """The marker comment's text (without indentation) for a command that stays legacy."""
    meanwhile = "; `legacy-compat predict` runs it meanwhile" if kept else ""
    # Name the rule and the guide, not a path: docs/ is this project's, not the user's repo.
    guide = f"rule {code} in the clarifai-legacy-compat migration guide"
    return todo_line(code, f"{what}{meanwhile}; see {guide}")


SHELL_RULES: Mapping[str, ShellRule] = {
    rule.code: rule
    for rule in (
        ShellRule(
            "LC101",
            "model given by ids or --model_url",
            Outcome.REWRITTEN,
            "`--model_id M --user_id U --app_id A` (or `--model_url URL`) becomes the positional"
            " model reference `U/A/models/M` (or `URL`), followed by `--method predict`: the"
            " legacy CLI always called `predict`, the current one prefers a streaming method.",
            (
                (f"{_IDS} --url https://x/a.jpg\n", f"{_NEW} --url https://x/a.jpg\n"),
                (
                    'clarifai model predict --model_url "$MODEL_URL" --file_path cat.jpg\n',
                    'clarifai model predict "$MODEL_URL" --method predict --file cat.jpg\n',
                ),
            ),
        ),
        ShellRule(
            "LC102",
            "media input",
            Outcome.REWRITTEN,
            "`--file_path F` becomes `--file F`; `--url U` stays; `--input_type image|video|audio`"
            " is dropped: the current CLI gives the file or URL to the method's first image,"
            " video or audio parameter.",
            ((f"{_IDS} --file_path dog.mp4 --input_type video\n", f"{_NEW} --file dog.mp4\n"),),
        ),
        ShellRule(
            "LC103",
            "text input",
            Outcome.REWRITTEN,
            "`--input_type text` with `--file_path F` or `--bytes T` becomes the positional text"
            ' (`"$(cat F)"` or `T`): the current CLI gives it to the method\'s first text'
            " parameter (the legacy CLI sent the file's content as the text; command substitution"
            " drops trailing newlines). The current CLI ignores the positional text as soon as"
            " one `-i` is given, so with inference parameters the text becomes `-i prompt=...`"
            " (`prompt`, the conventional name of the text parameter).",
            (
                (
                    f"{_IDS} --file_path prompt.txt --input_type text\n",
                    'clarifai model predict u/a/models/m "$(cat prompt.txt)" --method predict\n',
                ),
                (
                    f'{_IDS} --bytes "Hello there" --input_type text\n',
                    'clarifai model predict u/a/models/m "Hello there" --method predict\n',
                ),
                (
                    f"{_IDS} --bytes Hello --input_type text"
                    """ --inference_params '{"temperature": 0.5}'\n""",
                    f"{_NEW} -i prompt=Hello -i temperature=0.5\n",
                ),
            ),
        ),
        ShellRule(
            "LC104",
            "deployment",
            Outcome.REWRITTEN,
            "`--deployment_id D` (or `-dpl_id D`) becomes `--deployment D`.",
            (
                (
                    f"{_URL} --url https://x/a.jpg --deployment_id prod\n",
                    f"{_NEW_URL} --url https://x/a.jpg --deployment prod\n",
                ),
            ),
        ),
        ShellRule(
            "LC105",
            "inference parameters",
            Outcome.REWRITTEN,
            "`--inference_params` holding a literal flat JSON object becomes one `-i key=value`"
            " per key: the current CLI passes them as method parameters, converted to the"
            " parameter's type. Nested values, or JSON known only when the script runs"
            ' (`"$PARAMS"`), become `--inputs` with the same JSON.',
            (
                (
                    f"{_URL} --url https://x/a.jpg"
                    """ --inference_params '{"min_value": 0.5, "max_concepts": 3}'\n""",
                    f"{_NEW_URL} --url https://x/a.jpg -i min_value=0.5 -i max_concepts=3\n",
                ),
                (
                    f'{_URL} --url https://x/a.jpg --inference_params "$PARAMS"\n',
                    f'{_NEW_URL} --url https://x/a.jpg --inputs "$PARAMS"\n',
                ),
            ),
        ),
        ShellRule(
            "LC106",
            "option without a counterpart",
            Outcome.MARKED,
            "`--bytes` with an input that is not `--input_type text`, `--output_config`,"
            " `--input_id` and `--config` have no counterpart in the current `clarifai model"
            " predict`. The command is marked, and switched to `legacy-compat predict` (which"
            " takes the legacy flags) when it can run it: write the bytes to a file and pass"
            " `--file`, move output settings into the model's method parameters, name the"
            " model explicitly.",
            (
                (
                    f"{_IDS} --bytes hello --input_type image\n",
                    shell_todo_comment("LC106", _MEDIA_BYTES, kept=True)
                    + f"\n{_KEPT} --bytes hello --input_type image\n",
                ),
            ),
        ),
        ShellRule(
            "LC107",
            "value known only when the script runs",
            Outcome.MARKED,
            "The rewrite needs the literal value of `--input_type`, or all three of"
            " `--model_id/--user_id/--app_id`, and the command gives a shell expansion"
            " (`$KIND`) or leaves one out; or `--inference_params` is a literal that is not a"
            " JSON object. Marked, and run by `legacy-compat predict`.",
            (
                (
                    f'{_IDS} --url "$U" --input_type "$KIND"\n',
                    shell_todo_comment(
                        "LC107", "`--input_type` is only known when the script runs", kept=True
                    )
                    + f'\n{_KEPT} --url "$U" --input_type "$KIND"\n',
                ),
            ),
        ),
        ShellRule(
            "LC108",
            "text input from a URL",
            Outcome.MARKED,
            "`--input_type text --url U`: the legacy server fetched the text, the current CLI"
            " takes the text itself. Marked, and run by `legacy-compat predict`; fetch the text"
            ' first (`"$(curl -s U)"`).',
            (
                (
                    f"{_IDS} --url https://x/q.txt --input_type text\n",
                    shell_todo_comment(
                        "LC108", "the current CLI takes text, not a text URL", kept=True
                    )
                    + f"\n{_KEPT} --url https://x/q.txt --input_type text\n",
                ),
            ),
        ),
        ShellRule(
            "LC109",
            "output read by another command",
            Outcome.REPORTED,
            "The legacy CLI printed the response proto; the current one prints the method's"
            ' return value (`-o json` wraps it as `{"result": ...}`). A rewritten command'
            " whose output is piped, redirected or captured is reported: check its reader.",
            (
                (
                    f"{_URL} --url https://x/a.jpg | grep name\n",
                    f"{_NEW_URL} --url https://x/a.jpg | grep name\n",
                ),
            ),
        ),
    )
}

#: Options that only the legacy CLI had (or that it spelled differently): one of them makes a
#: ``clarifai model predict`` command legacy.
LEGACY_OPTIONS: frozenset[str] = frozenset(
    {
        "--model_id",
        "--user_id",
        "--app_id",
        "--model_url",
        "--file_path",
        "--bytes",
        "--input_type",
        "--inference_params",
        "--output_config",
        "--input_id",
        "--config",
        "--deployment_id",
        "-dpl_id",
    }
)
#: The options ``legacy-compat predict`` accepts: the legacy CLI's own, minus ``--input_id``.
LEGACY_COMPAT_PREDICT_OPTIONS: frozenset[str] = frozenset(
    {
        "--config",
        "--model_id",
        "--user_id",
        "--app_id",
        "--model_url",
        "--file_path",
        "--url",
        "--bytes",
        "--input_type",
        "-cc_id",
        "--compute_cluster_id",
        "-np_id",
        "--nodepool_id",
        "--deployment_id",
        "--inference_params",
        "--output_config",
    }
)
#: ``--bytes`` has one too when the input is text (:func:`_text_words`).
_NO_COUNTERPART = ("--output_config", "--input_id", "--config")
_FLAGS = frozenset({"--info"})
_ALIASES = {"-dpl_id": "--deployment_id"}


@dataclass(frozen=True)
class _Option:
    name: Optional[str]  # None for a positional word
    words: tuple[str, ...]  # raw words as written (the option and its value, or the inline form)
    value_raw: Optional[str] = None
    value: Optional[str] = None  # literal value, None if it is an expansion


@dataclass
class PredictRewrite:
    """The outcome for one command's arguments (the words after ``clarifai model predict``).

    ``arguments`` is None when the command stays as it is (not legacy, or marked); ``groups``
    holds the same arguments grouped per option, for laying them out over several lines.
    """

    arguments: Optional[list[str]] = None
    groups: list[list[str]] = field(default_factory=list)
    applied: list[str] = field(default_factory=list)  # rule codes, REWRITTEN
    marks: list[tuple[str, str]] = field(default_factory=list)  # (code, what blocks it)
    assumptions: list[str] = field(default_factory=list)
    #: A marked command that ``legacy-compat predict`` can run unchanged (every option known).
    runs_on_legacy_compat: bool = False


def _parse(arguments: Sequence[Word]) -> list[_Option]:
    options: list[_Option] = []
    index = 0
    while index < len(arguments):
        word = arguments[index]
        literal = word.literal or ""
        if word.literal is not None and literal.startswith("-") and "=" in literal:
            name, _, value = literal.partition("=")
            raw_value = word.raw.partition("=")[2]
            options.append(_Option(_ALIASES.get(name, name), (word.raw,), raw_value, value))
            index += 1
        elif word.literal is not None and literal.startswith("-") and literal not in _FLAGS:
            following = arguments[index + 1] if index + 1 < len(arguments) else None
            # A legacy option takes the next word whatever it is (click does: `--bytes -5`);
            # another word starting with ``-`` is taken for the next option.
            takes_value = literal in LEGACY_COMPAT_PREDICT_OPTIONS | LEGACY_OPTIONS
            if following is None or (not takes_value and (following.literal or "").startswith("-")):
                options.append(_Option(_ALIASES.get(literal, literal), (word.raw,)))
                index += 1
            else:
                options.append(
                    _Option(
                        _ALIASES.get(literal, literal),
                        (word.raw, following.raw),
                        following.raw,
                        following.literal,
                    )
                )
                index += 2
        else:
            options.append(_Option(literal if literal in _FLAGS else None, (word.raw,)))
            index += 1
    return options


def _todo(code: str, what: str) -> tuple[str, str]:
    return code, what


def _scalar_text(value: object) -> Optional[str]:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value)
    return None


def _model_reference(by_name: Mapping[str, _Option]) -> Optional[str]:
    if "--model_url" in by_name:
        return by_name["--model_url"].value_raw
    parts = [by_name.get(name) for name in ("--user_id", "--app_id", "--model_id")]
    if any(part is None or part.value_raw is None for part in parts):
        return None
    user, app, model = (part for part in parts if part is not None)
    if user.value is not None and app.value is not None and model.value is not None:
        return shlex.quote(model_ref(user.value, app.value, model.value))
    return model_ref(str(user.value_raw), str(app.value_raw), str(model.value_raw))


def rewrite_predict_words(arguments: Sequence[Word], *, make: bool = False) -> PredictRewrite:
    """Apply the rules to one command's argument words; ``make``: the command is in a Makefile
    recipe, where the shell's ``$`` is written ``$$``."""
    options = _parse(arguments)
    by_name = {option.name: option for option in options if option.name is not None}
    result = PredictRewrite()
    if not LEGACY_OPTIONS.intersection(by_name):
        return result
    input_type_option = by_name.get("--input_type")
    input_type = None
    if input_type_option is not None:
        if input_type_option.value is None:
            result.marks.append(_todo("LC107", "`--input_type` is only known when the script runs"))
        else:
            input_type = input_type_option.value.lower()
    # Text bytes are the positional text (LC103); an ``--input_type`` expansion is LC107.
    known_type = input_type_option is None or input_type_option.value is not None
    if "--bytes" in by_name and input_type != "text" and known_type:
        result.marks.append(_todo("LC106", _MEDIA_BYTES))
    for name in _NO_COUNTERPART:
        if name in by_name:
            result.marks.append(
                _todo(
                    "LC106",
                    f"`{name}` has no counterpart in the current `clarifai model predict`",
                )
            )
    reference = _model_reference(by_name)
    if reference is None:
        result.marks.append(
            _todo("LC107", "the model is not named by `--model_url` or all three ids")
        )
    if input_type == "text" and "--url" in by_name:
        result.marks.append(_todo("LC108", "the current CLI takes text, not a text URL"))
    parameters: list[list[str]] = []
    params_option = by_name.get("--inference_params")
    if params_option is not None:
        decoded = _decode_params(params_option.value)
        if decoded is not None:
            parameters = [parameter_words(key, value) for key, value in decoded]
        elif params_option.value is None or _is_json_object(params_option.value):
            # Nested values, or JSON known only when the script runs: `--inputs` takes the
            # same JSON object (values keep their JSON types, as the legacy CLI's did).
            parameters = [["--inputs", str(params_option.value_raw)]]
        else:
            result.marks.append(_todo("LC107", "`--inference_params` is not a JSON object"))
    if result.marks or reference is None:
        result.runs_on_legacy_compat = all(
            option.name in LEGACY_COMPAT_PREDICT_OPTIONS for option in options
        )
        return result

    head = [reference]
    groups: list[list[str]] = []
    if METHOD_WORDS[0] not in by_name:
        groups.append(list(METHOD_WORDS))
    result.applied.append("LC101")
    for option in options:
        if option.name in ("--model_id", "--user_id", "--app_id", "--model_url", "--input_type"):
            continue
        if option.name in ("--file_path", "--bytes") and input_type == "text":
            positional, named = _text_words(option, make=make)
            if parameters or positional is None:
                groups.append(["-i", named])
                result.assumptions.append(
                    f"the text goes to the model's `{_TEXT_PARAMETER}` parameter (the current"
                    " CLI ignores a positional text when -i is given)"
                )
            else:
                head.append(positional)
                result.assumptions.append("the text goes to the model's first text parameter")
            if option.name == "--file_path":
                result.assumptions.append("trailing newlines of the text file are dropped")
            result.applied.append("LC103")
        elif option.name in ("--file_path", "--url"):
            groups.append(
                ["--file" if option.name == "--file_path" else "--url", str(option.value_raw)]
            )
            result.applied.append("LC102")
            result.assumptions.append(
                "the file or URL goes to the model's first image/video/audio parameter"
            )
        elif option.name == "--deployment_id":
            groups.append([DEPLOYMENT_FLAG, str(option.value_raw)])
            result.applied.append("LC104")
        elif option.name == "--inference_params":
            groups.extend(parameters)
            result.applied.append("LC105")
            result.assumptions.append("the inference parameters are method parameters")
        else:
            groups.append(list(option.words))
    result.groups = [head, *groups]
    result.arguments = [word for group in result.groups for word in group]
    result.applied = list(dict.fromkeys(result.applied))
    return result


def _text_words(option: _Option, *, make: bool) -> tuple[Optional[str], str]:
    """The text of a ``--file_path``/``--bytes`` option as the current CLI's positional text
    (None when it cannot be one) and as the value of ``-i prompt=...``.

    The option's value is carried as written (quoting, expansions, a Makefile's ``$$``), so the
    shell hands the CLI the same text it handed the legacy one. A literal text starting with
    ``-`` would be read as an option, and an empty one as no input: both go by name.
    """
    raw = str(option.value_raw)
    if option.name == "--file_path":
        dollar = "$$" if make else "$"
        return f'"{dollar}(cat {raw})"', f'"{_TEXT_PARAMETER}={dollar}(cat {raw})"'
    literal = option.value
    positional = None if literal is not None and (not literal or literal.startswith("-")) else raw
    return positional, f"{_TEXT_PARAMETER}={raw}"


def _is_json_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except json.JSONDecodeError:
        return False


def _decode_params(value: Optional[str]) -> Optional[list[tuple[str, str]]]:
    if value is None:
        return None
    try:
        decoded = json.loads(value)
    except json.JSONDecodeError:
        return None
    if not isinstance(decoded, dict):
        return None
    pairs = [(str(key), _scalar_text(item)) for key, item in decoded.items()]
    if any(text is None for _, text in pairs):
        return None
    return [(key, str(text)) for key, text in pairs]


def rewrite_predict_arguments(arguments: Sequence[str]) -> PredictRewrite:
    """:func:`rewrite_predict_words` for arguments given as a list of shell words."""
    return rewrite_predict_words(words(" ".join(shlex.quote(a) for a in arguments)))
