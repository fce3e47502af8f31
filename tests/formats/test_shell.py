"""The shell carrier and the LC1xx rules for ``clarifai model predict`` command lines.

The rewritten commands are checked against the installed SDK's own CLI parser (the real click
command, parsing only; nothing is sent), and the marked ones against ``legacy-compat
predict``'s parser, so "rewritten for the current CLI" is a fact, not a hope.
"""

from __future__ import annotations

import importlib.metadata
import shlex
from pathlib import Path

import pytest
from packaging.version import Version

from codemods.findings import Outcome
from codemods.formats import handler_for
from codemods.formats.predict_command import (
    LEGACY_COMPAT_PREDICT_OPTIONS,
    SHELL_RULES,
    rewrite_predict_arguments,
)
from codemods.formats.shell import migrate_shell

EXAMPLES = [
    pytest.param(before, after, id=f"{code}-{number}")
    for code, rule in SHELL_RULES.items()
    for number, (before, after) in enumerate(rule.examples)
]


@pytest.mark.parametrize(("before", "after"), EXAMPLES)
def test_rule_examples(before, after):
    new, findings = migrate_shell(before)
    assert new == after
    assert findings, "every example shows its rule at work"
    # A second run changes nothing and reports the marked commands again.
    again, second = migrate_shell(new)
    assert again == new
    assert [f.code for f in second] == [f.code for f in findings if f.outcome is Outcome.MARKED]


def test_every_rule_code_is_reported_by_its_own_examples():
    for code, rule in SHELL_RULES.items():
        reported = {f.code for before, _ in rule.examples for f in migrate_shell(before)[1]}
        assert code in reported, code
        assert {f.outcome for f in migrate_shell(rule.examples[0][0])[1] if f.code == code} == {
            rule.outcome
        }


_PREDICT = ("--method", "predict")
TABLE = [
    # (legacy arguments, new arguments or None when marked)
    (
        ["--model_id", "m", "--user_id", "u", "--app_id", "a", "--url", "https://x/a.jpg"],
        ["u/a/models/m", "--method", "predict", "--url", "https://x/a.jpg"],
    ),
    (
        ["--model_url=https://clarifai.com/u/a/models/m", "--file_path=cat.png"],
        ["https://clarifai.com/u/a/models/m", "--method", "predict", "--file", "cat.png"],
    ),
    (
        ["--model_url", "https://clarifai.com/u/a/models/m", "--url", "U", "-dpl_id", "dep"],
        [
            *("https://clarifai.com/u/a/models/m", "--method", "predict"),
            *("--url", "U", "--deployment", "dep"),
        ],
    ),
    (
        ["--model_url", "M", "--url", "U", "-cc_id", "c", "-np_id", "n"],
        ["M", "--method", "predict", "--url", "U", "-cc_id", "c", "-np_id", "n"],
    ),
    (
        ["--model_url", "M", "--file_path", "q.txt", "--input_type", "TEXT"],
        ["M", '"$(cat q.txt)"', "--method", "predict"],
    ),
    (
        [
            "--model_url",
            "M",
            "--url",
            "U",
            "--inference_params",
            '{"temperature": 0.5, "s": "a b"}',
        ],
        ["M", "--method", "predict", "--url", "U", "-i", "temperature=0.5", "-i", "'s=a b'"],
    ),
    (
        ["--model_url", "M", "--url", "U", "--inference_params", '{"nested": {"a": 1}}'],
        ["M", *_PREDICT, "--url", "U", "--inputs", """'{"nested": {"a": 1}}'"""],
    ),
    (["--model_url", "M", "--url", "U", "--inference_params", "[1, 2]"], None),
    (["--model_url", "M", "--url", "U", "--output_config", '{"min_value": 0.1}'], None),
    (["--model_id", "m", "--url", "U"], None),  # no user or app: the model is unknown
    (["--config", "predict.yaml"], None),
    # Text bytes are the positional text; with -i the CLI ignores that, so it goes by name.
    (["--model_url", "M", "--bytes", "hi", "--input_type", "text"], ["M", "hi", *_PREDICT]),
    (
        ["--model_url", "M", "--bytes", "a b", "--input_type", "text", "--inference_params", "{}"],
        ["M", "'a b'", *_PREDICT],
    ),
    (
        [*("--model_url", "M", "--bytes", "-5 C", "--input_type", "text")],
        ["M", *_PREDICT, "-i", "prompt='-5 C'"],
    ),
    (
        [
            *("--model_url", "M", "--file_path", "q.txt", "--input_type", "text"),
            *("--inference_params", '{"max_tokens": 2}'),
        ],
        ["M", *_PREDICT, "-i", '"prompt=$(cat q.txt)"', "-i", "max_tokens=2"],
    ),
    # Bytes of a media input (or of no input type) have no counterpart.
    (["--model_url", "M", "--bytes", "hi", "--input_type", "image"], None),
    (["--model_url", "M", "--bytes", "hi"], None),
    # Not legacy: left alone.
    (["u/a/models/m", "--url", "U"], None),
    (["--model_url", "M", "--url", "U", "--method", "generate"], None),
]


@pytest.mark.parametrize(("arguments", "expected"), TABLE[:-1])
def test_rewrite_table(arguments, expected):
    assert rewrite_predict_arguments(arguments).arguments == expected


def test_an_explicit_method_is_kept_and_not_doubled():
    rewrite = rewrite_predict_arguments(
        ["--model_url", "M", "--file_path", "f", "--method", "generate"]
    )
    assert rewrite.arguments == ["M", "--file", "f", "--method", "generate"]


def test_quoting_and_variables_are_carried_as_written():
    text = (
        "clarifai model predict"
        """ --user_id "$USER_ID" --app_id 'my app' --model_id "${MODEL}" --url "$IMG"\n"""
    )
    new, _ = migrate_shell(text)
    assert new == (
        "clarifai model predict"
        """ "$USER_ID"/'my app'/models/"${MODEL}" --method predict --url "$IMG"\n"""
    )
    assert shlex.split(new)[3] == "$USER_ID/my app/models/${MODEL}"


def test_a_continued_command_stays_continued_and_its_neighbours_stay():
    text = (
        "#!/usr/bin/env bash\n"
        "set -euo pipefail\n"
        "RESULT=$(clarifai model predict \\\n"
        "    --model_id general-image-recognition \\\n"
        "    --user_id clarifai --app_id main \\\n"
        "    --file_path ./cat.jpg 2>/dev/null)\n"
        'echo "$RESULT"  # clarifai model predict --model_id in a comment stays\n'
    )
    new, findings = migrate_shell(text)
    assert new == (
        "#!/usr/bin/env bash\n"
        "set -euo pipefail\n"
        "RESULT=$(clarifai model predict \\\n"
        "    clarifai/main/models/general-image-recognition \\\n"
        "    --method predict \\\n"
        "    --file ./cat.jpg 2>/dev/null)\n"
        'echo "$RESULT"  # clarifai model predict --model_id in a comment stays\n'
    )
    assert {f.line for f in findings} == {3}
    assert "LC109" in {f.code for f in findings}  # captured by $(...)


def test_a_makefile_recipe_keeps_its_tab_and_prefix():
    text = (
        "predict:\n"
        "\t@clarifai model predict --model_url $(MODEL_URL) --url $(IMAGE) --deployment_id $$DEP\n"
        "bytes:\n"
        "\t-clarifai model predict --model_url $(MODEL_URL) --bytes hi --input_type image\n"
    )
    new, findings = migrate_shell(text)
    lines = new.splitlines()
    assert lines[1] == (
        "\t@clarifai model predict $(MODEL_URL) --method predict --url $(IMAGE) --deployment $$DEP"
    )
    assert lines[3].startswith("\t# TODO(legacy-compat LC106): `--bytes`")
    assert (
        lines[4]
        == "\t-legacy-compat predict --model_url $(MODEL_URL) --bytes hi --input_type image"
    )
    assert [f.outcome for f in findings if f.code == "LC106"] == [Outcome.MARKED]


def test_a_marked_command_legacy_compat_cannot_run_keeps_its_name():
    text = "clarifai model predict --model_url M --url U --output_config '{}' --input_id x\n"
    new, findings = migrate_shell(text)
    assert new.splitlines()[-1] == text.strip()
    assert "runs it meanwhile" not in new
    assert {f.code for f in findings} == {"LC106"}


def test_a_fixed_marked_command_goes_back_to_the_sdk_cli():
    text = "legacy-compat predict --model_url M --file_path f.jpg --input_type image\n"
    assert migrate_shell(text)[0] == "clarifai model predict M --method predict --file f.jpg\n"


def test_text_without_legacy_commands_is_byte_identical():
    for text in (
        "clarifai model predict u/a/models/m --url U\n",
        "echo 'clarifai model predict --model_id m' # quoted text, not a command\n",
        "clarifai model upload --model_id m\n",
        "",
    ):
        assert migrate_shell(text) == (text, [])


def test_shell_and_make_files_get_the_shell_handler():
    for name in ("run.sh", "x.bash", "Makefile", "rules.mk", "GNUmakefile"):
        assert handler_for(Path(name)) is not None, name


def _sdk_cli_parses(arguments: list[str]) -> dict:
    from clarifai.cli.model import predict

    return predict.make_context("predict", arguments).params


_SDK = Version(importlib.metadata.version("clarifai"))
needs_12_3 = pytest.mark.skipif(
    not Version("12.3.0") <= _SDK, reason="the positional model reference CLI is clarifai>=12.3.0"
)


@needs_12_3
@pytest.mark.parametrize(("before", "after"), EXAMPLES)
def test_the_installed_cli_accepts_every_rewritten_example(before, after, tmp_path, monkeypatch):
    import click

    monkeypatch.chdir(tmp_path)
    for name in ("cat.jpg", "dog.mp4", "prompt.txt", "q.txt"):
        (tmp_path / name).write_bytes(b"x")
    for line in after.splitlines():
        words = shlex.split(line, comments=True)
        if words[:3] == ["clarifai", "model", "predict"]:
            arguments = [w for w in words[3:] if w not in ("|", "grep", "name")]
            params = _sdk_cli_parses(arguments)
            assert params["model_ref"] and params["explicit_method"] in ("predict", None)
    # And the legacy form is what the installed CLI refuses (else there was nothing to do).
    legacy = shlex.split(before)[3:]
    if any(w in legacy for w in ("--file_path", "--input_type", "--bytes")):
        with pytest.raises(click.UsageError):
            _sdk_cli_parses([w for w in legacy if w not in ("|", "grep", "name")])


def test_legacy_compat_predict_accepts_every_option_the_rewrite_hands_it():
    import argparse

    from legacy_compat.commands import predict

    parser = argparse.ArgumentParser()
    predict.configure(parser)
    known = {option for action in parser._actions for option in action.option_strings}
    assert known >= LEGACY_COMPAT_PREDICT_OPTIONS


def test_rules_that_are_turned_off_leave_their_commands_alone():
    piped = "clarifai model predict --model_url M --url U | jq .\n"
    assert migrate_shell(piped, enabled=lambda code: code != "LC101") == (piped, [])
    new, findings = migrate_shell(piped, enabled=lambda code: code != "LC109")
    assert new != piped and "LC109" not in {f.code for f in findings}
    marked = "clarifai model predict --model_url M --bytes hi --input_type image\n"
    assert migrate_shell(marked, enabled=lambda code: code != "LC106") == (marked, [])


def test_the_carrier_rule_codes_are_the_shell_rules():
    from codemods.formats import carrier_rule_codes

    assert (
        carrier_rule_codes()
        == tuple(SHELL_RULES)
        == tuple(f"LC{n}" for n in range(101, 101 + len(SHELL_RULES)))
    )


def test_a_crlf_text_keeps_its_line_endings_and_continuations():
    text = (
        "clarifai model predict --model_url M \\\r\n"
        "  --file_path cat.png --input_type image\r\n"
        "echo done\r\n"
    )
    new, findings = migrate_shell(text)
    assert new == (
        "clarifai model predict M \\\r\n  --method predict \\\r\n  --file cat.png\r\necho done\r\n"
    )
    assert {f.line for f in findings} == {1}
