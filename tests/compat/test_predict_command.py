"""``legacy-compat predict``: the legacy ``clarifai model predict`` flags, through the facade.

The seed page's command line runs in a subprocess exactly as documented, with only the program
name changed, pointed at the local endpoint through ``CLARIFAI_API_BASE``. The equivalent
command it prints is then run with the installed SDK's own ``clarifai`` CLI, against the same
endpoint, and must give the same answer.
"""

# No ``from __future__ import annotations``: the SDK reads the served model's annotations.
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Tuple

import pytest
from clarifai.runners.models.model_class import ModelClass
from clarifai.runners.utils.data_types import Image
from clarifai_grpc.grpc.api import service_pb2
from google.protobuf import text_format

from codemods.findings import Outcome
from legacy_compat.cli import main
from legacy_compat.sdk_support import predict_cli_style
from legacy_compat.testing.endpoint import FAKE_PAT, LocalEndpoint

BIN = Path(sys.executable).parent

#: The documentation's CLI example for legacy inference (Clarifai docs,
#: code_snippets/python-sdk/compute-orchestration/cli_predict_with_model.sh), program name
#: ``clarifai`` replaced by ``legacy-compat`` (and the shorter ``legacy-compat predict``).
SEED_ARGUMENTS = (
    "--model_url "
    "https://clarifai.com/qwen/qwen-VL/models/Qwen2_5-VL-7B-Instruct "
    "--url https://samples.clarifai.com/birds.jpg --input_type image "
    '--deployment_id "YOUR_DEPLOYMENT_ID_HERE"'
)


class ImageUrlReader(ModelClass):
    """Answers with the URL it was given: the sandbox cannot download samples.clarifai.com."""

    @ModelClass.method
    def predict(self, image: Image) -> str:
        return f"image at {image.url}"


def _env(endpoint: LocalEndpoint, home: Path) -> Dict[str, str]:
    """The variables of the seed's setup: the SDK reads the API base and PAT from them."""
    return {
        "PATH": f"{BIN}:/usr/bin:/bin",
        "HOME": str(home),  # no CLI config of the person running the tests
        "CLARIFAI_API_BASE": endpoint.base_url,
        "CLARIFAI_PAT": FAKE_PAT,
    }


def _run(command: str, env: Dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        shlex.split(command), env=env, capture_output=True, text=True, timeout=120
    )


def _equivalent(stderr: str) -> str:
    lines = stderr.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("Equivalent command"))
    return lines[index + 1].strip()


def _response(stdout: str) -> service_pb2.MultiOutputResponse:
    """What the old CLI printed: the response in protobuf text format, then a newline."""
    return text_format.Parse(stdout, service_pb2.MultiOutputResponse())


@pytest.mark.parametrize("program", ["legacy-compat model predict", "legacy-compat predict"])
def test_the_seed_command_works_with_only_the_program_name_changed(
    tmp_path: Path, program: str
) -> None:
    # An endpoint of its own: the stand-in model, alias and deployment stay out of the
    # session's shared endpoint.
    with LocalEndpoint(models=[], max_lifetime_s=120) as endpoint:
        endpoint.add_model("qwen-vl-stand-in", ImageUrlReader(), model_type_id="image-to-text")
        endpoint.add_alias("qwen/qwen-VL/Qwen2_5-VL-7B-Instruct", "qwen-vl-stand-in")
        endpoint.add_deployment("YOUR_DEPLOYMENT_ID_HERE")
        result = _run(f"{program} {SEED_ARGUMENTS}", _env(endpoint, tmp_path))
        records = endpoint.records
    assert result.returncode == 0, result.stderr
    response = _response(result.stdout)
    assert response.outputs[0].data.text.raw == "image at https://samples.clarifai.com/birds.jpg"
    [record] = records
    assert (record.user_id, record.app_id, record.model_id) == (
        "qwen",
        "qwen-VL",
        "Qwen2_5-VL-7B-Instruct",
    )
    assert record.served_model_id == "qwen-vl-stand-in"
    assert record.method_name == "predict"
    assert record.runner_selector == {
        "deployment": {"id": "YOUR_DEPLOYMENT_ID_HERE", "user_id": "test-user"}
    }
    assert FAKE_PAT not in result.stdout + result.stderr
    expected = {
        "model-ref": "clarifai model predict qwen/qwen-VL/models/Qwen2_5-VL-7B-Instruct "
        "--method predict --url https://samples.clarifai.com/birds.jpg "
        "--deployment YOUR_DEPLOYMENT_ID_HERE",
        "inputs-json": "clarifai model predict --model_url "
        "https://clarifai.com/qwen/qwen-VL/models/Qwen2_5-VL-7B-Instruct --method predict "
        """--inputs '{"image": "https://samples.clarifai.com/birds.jpg"}' """
        "--deployment_id YOUR_DEPLOYMENT_ID_HERE",
    }
    assert _equivalent(result.stderr) == expected[predict_cli_style()]


EQUIVALENCE_CASES: List[Tuple[str, List[str], str]] = [
    ("text-llm", ["--bytes", "one two three", "--input_type", "text"], "three two one"),
    (
        "text-llm",
        ["--bytes", "one two three", "--inference_params", '{"max_tokens": 2}'],
        "three two",
    ),
    ("image-to-text", ["--file_path", "{fixture:cat.png}", "--input_type", "image"], ""),
    ("audio-transcriber", ["--url", "{url:tone.wav}", "--input_type", "audio"], ""),
    ("text-llm", ["--file_path", "{fixture:hello.txt}", "--input_type", "text"], ""),
    ("image-classifier", ["--url", "{url:dog.jpg}", "--input_type", "image"], ""),
]


@pytest.mark.parametrize(("model_id", "flags", "expected"), EQUIVALENCE_CASES)
def test_the_printed_equivalent_command_gives_the_same_answer_with_the_current_cli(
    endpoint: LocalEndpoint, tmp_path: Path, model_id: str, flags: List[str], expected: str
) -> None:
    flags = [
        str(endpoint.fixture_path(f[9:-1]))
        if f.startswith("{fixture:")
        else endpoint.fixture_url(f[5:-1])
        if f.startswith("{url:")
        else f
        for f in flags
    ]
    env = _env(endpoint, tmp_path)
    command = shlex.join(["legacy-compat", "predict", "--model_url", endpoint.model_url(model_id)])
    result = _run(f"{command} {shlex.join(flags)}", env)
    assert result.returncode == 0, result.stderr
    legacy = _response(result.stdout).outputs[0].data
    if expected:
        assert legacy.text.raw == expected
    current = subprocess.run(
        _equivalent(result.stderr),
        shell=True,  # the command is printed for a shell: quoting included
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert current.returncode == 0, current.stderr
    if legacy.concepts:  # the current CLI prints the Python value: [Concept(name=...), ...]
        assert [f"name='{c.name}'" in current.stdout for c in legacy.concepts] == [True] * len(
            legacy.concepts
        )
    else:
        assert legacy.text.raw
        assert current.stdout.strip() == legacy.text.raw


# -- in-process: flags, errors, output ------------------------------------------------------


def _predict(capsys: pytest.CaptureFixture, *argv: str) -> Tuple[int, str, str]:
    code = main(["predict", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _target(endpoint: LocalEndpoint, model_id: str = "text-llm") -> List[str]:
    return [
        "--model_url",
        endpoint.model_url(model_id),
        "--base_url",
        endpoint.base_url,
        "--pat",
        FAKE_PAT,
    ]


def test_model_id_user_id_app_id_and_bytes(
    endpoint: LocalEndpoint, capsys: pytest.CaptureFixture
) -> None:
    code, out, err = _predict(
        capsys,
        *("--model_id", "text-llm", "--user_id", endpoint.user_id, "--app_id", endpoint.app_id),
        *("--base_url", endpoint.base_url, "--pat", FAKE_PAT),
        *("--bytes", "one two three", "--input_type", "text"),
    )
    assert code == 0, err
    assert out.endswith("\n\n")  # print(response): the text format ends with a newline too
    assert _response(out).outputs[0].data.text.raw == "three two one"
    assert [(r.model_id, r.method_name) for r in endpoint.records] == [("text-llm", "predict")]


def test_nodepool_routing_and_a_file(
    endpoint: LocalEndpoint, capsys: pytest.CaptureFixture
) -> None:
    path = str(endpoint.fixture_path("cat.png"))
    code, out, err = _predict(
        capsys,
        *_target(endpoint, "image-classifier"),
        *("--file_path", path, "-cc_id", "test-cluster", "-np_id", "test-nodepool"),
    )
    assert code == 0, err
    names = [c.name for c in _response(out).outputs[0].data.concepts]
    assert names[0] == "png-32x24"
    [record] = endpoint.records
    assert record.runner_selector["nodepool"]["id"] == "test-nodepool"
    assert record.runner_selector["nodepool"]["compute_cluster"]["id"] == "test-cluster"
    assert "--compute_cluster_id test-cluster --nodepool_id test-nodepool" in err


def test_output_config_is_sent_and_noted_as_untranslatable(
    endpoint: LocalEndpoint, capsys: pytest.CaptureFixture
) -> None:
    code, _, err = _predict(
        capsys,
        *_target(endpoint),
        *("--bytes", "a b", "--input_type", "text", "--output_config", '{"max_concepts": 3}'),
    )
    assert code == 0, err
    assert endpoint.records[-1].output_config == {"max_concepts": 3}
    assert "note: --output_config has no counterpart in the current CLI" in err


def test_a_non_pythonic_model_works_and_is_said_to_need_this_command(
    endpoint: LocalEndpoint, capsys: pytest.CaptureFixture
) -> None:
    code, out, err = _predict(
        capsys,
        *_target(endpoint, "legacy-detector"),
        *("--url", endpoint.fixture_url("cat.png"), "--input_type", "image"),
    )
    assert code == 0, err
    assert len(_response(out).outputs[0].data.regions) == 1
    assert "has no pythonic predict() method" in err
    assert "Equivalent command" not in err


def test_config_file_values_override_flags_as_the_old_cli_did(
    endpoint: LocalEndpoint, capsys: pytest.CaptureFixture, tmp_path: Path
) -> None:
    config = tmp_path / "predict.yaml"
    config.write_text(
        f"model_url: {endpoint.model_url('text-llm')}\n"
        "bytes: four five six\n"
        "input_type: text\n"
        "inference_params:\n  max_tokens: 1\n",
        encoding="utf-8",
    )
    code, out, err = _predict(
        capsys,
        *("--config", str(config), "--bytes", "ignored words", "--base_url", endpoint.base_url),
        *("--pat", FAKE_PAT),
    )
    assert code == 0, err
    assert _response(out).outputs[0].data.text.raw == "six"


def test_the_pat_and_api_base_come_from_the_environment(
    endpoint: LocalEndpoint, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLARIFAI_API_BASE", endpoint.base_url)
    monkeypatch.setenv("CLARIFAI_PAT", FAKE_PAT)
    code, out, err = _predict(
        capsys,
        "--model_url",
        endpoint.model_url("text-llm"),
        "--bytes",
        "x y",
        "--input_type",
        "text",
    )
    assert code == 0, err
    assert _response(out).outputs[0].data.text.raw == "y x"
    assert endpoint.records[-1].has_auth
    assert FAKE_PAT not in out + err


def test_a_failed_prediction_is_one_line_and_exit_status_1(
    endpoint: LocalEndpoint, capsys: pytest.CaptureFixture
) -> None:
    code, out, err = _predict(
        capsys, *_target(endpoint, "failing"), "--bytes", "x", "--input_type", "text"
    )
    assert (code, out) == (1, "")
    assert err.startswith("legacy-compat predict: ")
    assert "always fails" in err


BAD_COMBINATIONS: List[Tuple[List[str], str]] = [
    (["--bytes", "x"], "Either --model_id & --user_id & --app_id or --model_url must be provided."),
    (
        ["--model_id", "m", "--user_id", "u", "--bytes", "x"],
        "Either --model_id & --user_id & --app_id or --model_url must be provided.",
    ),
    (
        ["--model_url", "https://clarifai.com/u/a/models/m", "--model_id", "m", "--bytes", "x"],
        "Either --model_id & --user_id & --app_id or --model_url must be provided.",
    ),
    (
        ["--model_url", "https://clarifai.com/u/a/models/m", "-cc_id", "c", "--bytes", "x"],
        "Either --compute_cluster_id & --nodepool_id or --deployment_id must be provided.",
    ),
    (
        [
            "--model_url",
            "https://clarifai.com/u/a/models/m",
            "-np_id",
            "n",
            "-dpl_id",
            "d",
            "--bytes",
            "x",
        ],
        "Either --compute_cluster_id & --nodepool_id or --deployment_id must be provided.",
    ),
    (
        [
            "--model_url",
            "https://clarifai.com/u/a/models/m",
            "-cc_id",
            "c",
            "-np_id",
            "n",
            "-dpl_id",
            "d",
            "--bytes",
            "x",
        ],
        "Either --compute_cluster_id & --nodepool_id or --deployment_id must be provided.",
    ),
    (
        ["--model_url", "https://clarifai.com/u/a/models/m"],
        "Exactly one of --file_path, --url or --bytes must be provided.",
    ),
    (
        ["--model_url", "https://clarifai.com/u/a/models/m", "--url", "http://x", "--bytes", "x"],
        "Exactly one of --file_path, --url or --bytes must be provided (got --url, --bytes).",
    ),
    (
        ["--model_url", "https://clarifai.com/u/a/models/m", "--bytes", "x", "--input_type", "pdf"],
        "Got input type pdf but expected one of image, text, video, audio.",
    ),
    (
        ["--model_url", "https://clarifai.com/u/a/models/m", "--file_path", "/no/such/file"],
        "--file_path '/no/such/file': Invalid filepath.",
    ),
    (
        [
            "--model_url",
            "https://clarifai.com/u/a/models/m",
            "--bytes",
            "x",
            "--inference_params",
            "{max_tokens: 2}",
        ],
        "--inference_params '{max_tokens: 2}' is not valid JSON",
    ),
    (
        [
            "--model_url",
            "https://clarifai.com/u/a/models/m",
            "--bytes",
            "x",
            "--output_config",
            "[1]",
        ],
        "--output_config '[1]' is a JSON list; expected an object",
    ),
]


@pytest.mark.parametrize(("argv", "message"), BAD_COMBINATIONS)
def test_bad_flag_combinations_say_what_to_pass(
    endpoint: LocalEndpoint, capsys: pytest.CaptureFixture, argv: List[str], message: str
) -> None:
    code, out, err = _predict(capsys, *argv, "--base_url", endpoint.base_url, "--pat", FAKE_PAT)
    assert (code, out) == (2, "")
    assert err.startswith("usage: legacy-compat predict ")  # as argparse's own errors
    assert f"\nlegacy-compat predict: error: {message}" in err
    assert endpoint.records == [] and endpoint.control_records == []


def test_a_missing_pat_is_a_usage_error(
    endpoint: LocalEndpoint, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLARIFAI_PAT", raising=False)
    code, _, err = _predict(capsys, *_target(endpoint)[:4], "--bytes", "x")
    assert code == 2
    assert "No personal access token: pass --pat or set CLARIFAI_PAT" in err


def test_option_names_are_not_abbreviated(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["predict", "--model_u", "https://clarifai.com/u/a/models/m", "--bytes", "x"])
    assert exit_info.value.code == 2
    assert "unrecognized arguments: --model_u" in capsys.readouterr().err


def test_help_imports_neither_the_sdk_nor_grpc() -> None:
    code = (
        "import sys, contextlib, io\n"
        "from legacy_compat.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    main(['predict', '--help'])\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    main(['signatures', '--help'])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in {'clarifai', 'grpc'})\n"
        "print(heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_legacy_compat_warnings_error_does_not_break_the_command(
    endpoint: LocalEndpoint, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The variable is for a program's own legacy calls; this command prints its replacement."""
    monkeypatch.setenv("LEGACY_COMPAT_WARNINGS", "error")
    code, out, err = _predict(capsys, *_target(endpoint), "--bytes", "a b", "--input_type", "text")
    assert code == 0, err
    assert _response(out).outputs[0].data.text.raw == "b a"
    assert os.environ["LEGACY_COMPAT_WARNINGS"] == "error"  # restored


# -- the shell rules' rewrite, run: legacy command line vs rewritten one --------------------

#: Legacy command lines (after ``clarifai model predict``; ``MODEL``, ``IDS``, ``cat.png`` (the
#: fixture) and ``words.txt`` (a text without a final newline: ``"$(cat F)"`` drops that, an
#: assumption the rule reports) filled in per test) whose rewrite by the shell rules must send what
#: ``legacy-compat predict`` sends for the legacy line.
SHELL_REWRITE_CASES: List[Tuple[str, str]] = [
    # The red team's command: ids, --bytes text and an inference parameter.
    (
        "text-llm",
        'IDS --bytes "one two three" --input_type text'
        """ --inference_params '{"temperature": 0.5}'""",
    ),
    ("text-llm", "--model_url MODEL --bytes 'one two three' --input_type text"),
    ("text-llm", "--model_url MODEL --bytes '-5 degrees' --input_type text"),
    (
        "text-llm",
        "--model_url MODEL --file_path words.txt --input_type text"
        """ --inference_params '{"max_tokens": 1}'""",
    ),
    ("image-to-text", "--model_url MODEL --file_path cat.png --input_type image"),
    # JSON known only when the script runs: --inputs takes it as the legacy CLI did.
    (
        "text-llm",
        "--model_url MODEL --bytes 'a b c' --input_type text --inference_params \"$P\"",
    ),
]


def _sent(endpoint: LocalEndpoint) -> List[Tuple[object, ...]]:
    """What reached the endpoint: routing, method and every input's data."""
    return [
        (
            (record.user_id, record.app_id, record.model_id, record.method_name),
            record.runner_selector,
            record.inference_params,
            [text_format.MessageToString(item.data) for item in record.inputs],
        )
        for record in endpoint.records
    ]


@pytest.mark.skipif(
    predict_cli_style() != "model-ref",
    reason="the shell rules write the 12.3+ clarifai model predict command line; this SDK's "
    "CLI takes --model_url and --inputs only",
)
@pytest.mark.parametrize(("model_id", "legacy"), SHELL_REWRITE_CASES)
def test_a_rewritten_shell_command_sends_what_the_legacy_one_sent(
    endpoint: LocalEndpoint, tmp_path: Path, model_id: str, legacy: str
) -> None:
    from codemods.formats.shell import migrate_shell

    ids = f"--model_id {model_id} --user_id {endpoint.user_id} --app_id {endpoint.app_id}"
    arguments = legacy.replace("IDS", ids).replace("MODEL", endpoint.model_url(model_id))
    (tmp_path / "words.txt").write_text("one two three")
    for name, path in (("words.txt", tmp_path / "words.txt"), ("cat.png", None)):
        path = path or endpoint.fixture_path(name)
        arguments = arguments.replace(name, shlex.quote(str(path)))
    script = f"clarifai model predict {arguments}\n"
    rewritten, findings = migrate_shell(script)
    assert {f.outcome for f in findings} <= {Outcome.REWRITTEN}, findings
    env = {**_env(endpoint, tmp_path), "P": '{"max_tokens": 2, "temperature": 0.5}'}
    runs = {}
    for name, line in (("legacy", f"legacy-compat predict {arguments}"), ("new", rewritten)):
        endpoint.clear_records()
        result = subprocess.run(
            line, shell=True, env=env, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, (line, result.stderr)
        runs[name] = (result.stdout, _sent(endpoint))
    assert runs["new"][1] == runs["legacy"][1]
    assert runs["new"][1], "something was sent"
    legacy_text = _response(runs["legacy"][0]).outputs[0].data.text.raw
    assert legacy_text and runs["new"][0].strip() == legacy_text
