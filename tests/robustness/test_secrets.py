"""A PAT never shows up in what the tools print, and the migrate command stays off the network.

The PAT is a distinctive fake (never a real credential). It is given every way a user gives
one -- in the code being migrated, as an argument (``Model(pat=...)``, ``--pat``) and in the
environment (``CLARIFAI_PAT``) -- and then every output is searched for it: the migrate
command's diff, ``--json`` report, GitHub annotations and summary; the facade's warnings,
exception messages, log records (``caplog``, every logger at DEBUG) and anything written to
stdout/stderr (``capfd``); the ``legacy-compat predict`` command's output.

"No network": the migrate command runs in a subprocess whose ``socket`` functions are replaced
by a recorder that fails, and that also records whether gRPC or the SDK were imported (gRPC
opens its sockets in C, below Python's ``socket``; it cannot connect without being imported).
A run with ``--fetch-signatures`` is the positive control: the endpoint must see its lookups,
made by the child process that reads the signatures.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
import traceback
import warnings
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

import pytest
from clarifai_grpc.grpc.api.status import status_code_pb2

from legacy_compat.deprecation import LegacyInferenceWarning
from legacy_compat.model import Model

PAT_IN_CODE = "fake-pat-IN-CODE-5f1e9c0d2b7a"
PAT_IN_ARGUMENT = "fake-pat-ARGUMENT-83a4d6e1f0c9"
PAT_IN_ENVIRONMENT = "fake-pat-ENVIRONMENT-c2b9e7a15d34"
ALL_PATS = (PAT_IN_CODE, PAT_IN_ARGUMENT, PAT_IN_ENVIRONMENT)

# The PAT's line is more than three lines away from every changed line (the import and the
# call): unrelated to the change and outside a unified diff's context.
_FAR = '''\
"""Tags photos."""

from clarifai.client.model import Model

TIMEOUT = 30
RETRIES = 3
NAME = "tagger"
LABEL = "photos"
PAT = "{pat}"
LIMIT = 10
COLOR = "blue"
SIZE = 512
DEPTH = 2

model = Model("https://clarifai.com/clarifai/main/models/general-image-recognition")
response = model.predict_by_url("https://samples.clarifai.com/dog.jpg", "image")
print(response.outputs[0].data.concepts)
'''

# The PAT's line is right above a rewritten line: still not changed, but inside the context.
_NEAR = """\
from clarifai.client.model import Model

model = Model("https://clarifai.com/openai/chat-completion/models/gpt-4o")
PAT = "{pat}"
answer = model.predict_by_bytes(b"What is a PAT?", "text")
"""


def _leaks(text: str) -> List[str]:
    return [pat for pat in ALL_PATS if pat in text]


def _run(args: List[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "CLARIFAI_PAT": PAT_IN_ENVIRONMENT, **env}
    environment.pop("LEGACY_COMPAT_WARNINGS", None)
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


# -- the migrate command ----------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "far.py").write_text(_FAR.format(pat=PAT_IN_CODE))
    (tmp_path / "broken.py").write_text(f'PAT = "{PAT_IN_CODE}"\nmodel.predict_by_url(\n')
    return tmp_path


@pytest.mark.parametrize(
    "mode",
    [
        ["--diff", "--json", "report.json"],
        ["--diff", "--output-format", "github"],
        ["--check", "--json", "-"],
        ["--write", "--json", "report.json"],
    ],
    ids=["diff-json", "github", "check-json-stdout", "write"],
)
def test_migrate_outputs_never_show_a_pat(project: Path, mode: List[str]) -> None:
    done = _run(["-m", "codemods", *mode, "--jobs", "1", "."], project)
    assert done.returncode in (1, 3), done.stderr  # changes found; broken.py left unparsed
    assert "far.py" in done.stdout + done.stderr + _report(project)  # it did report
    outputs = {"stdout": done.stdout, "stderr": done.stderr, "report": _report(project)}
    assert {name: _leaks(text) for name, text in outputs.items()} == {name: [] for name in outputs}
    if "--write" in mode:  # the PAT stays where the user put it, untouched
        assert f'PAT = "{PAT_IN_CODE}"' in (project / "far.py").read_text()


def _report(project: Path) -> str:
    path = project / "report.json"
    return path.read_text() if path.exists() else ""


def test_a_pat_next_to_a_changed_line_is_not_in_the_diff(tmp_path: Path) -> None:
    (tmp_path / "near.py").write_text(_NEAR.format(pat=PAT_IN_CODE))
    done = _run(["-m", "codemods", "--diff", "--jobs", "1", "."], tmp_path)
    assert "+answer = model.predict(" in done.stdout, done.stdout
    assert _leaks(done.stdout + done.stderr) == []
    assert 'PAT = "<redacted>"' in done.stdout


def test_diff_context_masks_credentials_but_not_lookalike_names() -> None:
    from codemods.report import unified_diff

    old = b'api_key = "k-123456789"\npath = "/data/cat.png"\nMY_PAT="abcdefgh"\nx = 1\n'
    new = old.replace(b"x = 1", b"x = 2")
    diff = unified_diff("m.py", old, new)
    assert ' api_key = "<redacted>"' in diff
    assert ' MY_PAT="<redacted>"' in diff
    assert ' path = "/data/cat.png"' in diff


# -- the facade -------------------------------------------------------------------------------


def _exercise(model: Any, endpoint) -> List[str]:
    """Successful calls, bad inputs and faults; the texts of every warning and exception."""
    texts: List[str] = []
    calls = [
        lambda: model.predict_by_bytes(b"a b", "text"),
        lambda: list(model.generate_by_bytes(b"one two three", "text")),
        lambda: list(model.stream_by_bytes([b"a b"], "text")),
        lambda: model.predict_by_filepath("/nonexistent/prompt.txt", "text"),
        lambda: model.predict_by_bytes(b"a b", "text", deployment_id="nope"),
        lambda: model.predict_by_bytes(b"a b", "text", nodepool_id="np"),
        lambda: model.predict_by_bytes(b"a b", "imagee"),
        lambda: model.predict_by_bytes(b"a b", "text", bogus=1),
    ]
    faulted: List[Tuple[Dict[str, Any], Callable[[], Any]]] = [
        ({"status_code": 10020}, calls[0]),  # FAILURE
        ({"status_code": status_code_pb2.MODEL_BUSY_PLEASE_RETRY}, calls[0]),  # the SDK logs
        ({"grpc_code": "PERMISSION_DENIED", "rpc": "PostModelOutputs"}, calls[0]),
        ({"cut_stream_after": 1, "grpc_code": "DATA_LOSS"}, calls[1]),
    ]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for call in calls:
            try:
                call()
            except Exception:
                texts.append(traceback.format_exc())
        for fault, call in faulted:
            endpoint.inject_fault("text-llm", **fault)
            try:
                call()
            except Exception:
                texts.append(traceback.format_exc())
    texts.extend(str(w.message) for w in caught)
    assert any(issubclass(w.category, LegacyInferenceWarning) for w in caught)
    assert len(texts) > len(caught)  # the errors were raised and collected
    return texts


@pytest.fixture
def all_logs(caplog):
    """Every log record at DEBUG, including the SDK's logger, which does not propagate."""
    caplog.set_level(logging.DEBUG)
    sdk_logger = logging.getLogger("clarifai")
    sdk_logger.addHandler(caplog.handler)
    previous = sdk_logger.level
    sdk_logger.setLevel(logging.DEBUG)
    yield caplog
    sdk_logger.removeHandler(caplog.handler)
    sdk_logger.setLevel(previous)


def test_the_facade_never_shows_a_pat_given_as_an_argument(endpoint, all_logs, capfd) -> None:
    model = Model(
        url=endpoint.model_url("text-llm"), base_url=endpoint.base_url, pat=PAT_IN_ARGUMENT
    )
    texts = _exercise(model, endpoint)
    out, err = capfd.readouterr()
    logs = "\n".join(r.getMessage() for r in all_logs.records)
    assert all_logs.records  # the SDK did log (its "still deploying" retry at least)
    assert _leaks("\n".join(texts)) == []
    assert _leaks(logs) == []
    assert _leaks(out + err) == []
    assert all(r.has_auth for r in endpoint.records)  # the PAT was really used


def test_the_facade_never_shows_a_pat_from_the_environment(
    endpoint, all_logs, capfd, monkeypatch
) -> None:
    monkeypatch.setenv("CLARIFAI_PAT", PAT_IN_ENVIRONMENT)
    model = Model(url=endpoint.model_url("text-llm"), base_url=endpoint.base_url)
    texts = _exercise(model, endpoint)
    out, err = capfd.readouterr()
    assert _leaks("\n".join(texts)) == []
    assert _leaks("\n".join(r.getMessage() for r in all_logs.records)) == []
    assert _leaks(out + err) == []


def test_the_predict_command_never_shows_its_pat(endpoint, tmp_path: Path) -> None:
    common = ["-m", "legacy_compat.cli", "predict", "--model_url", endpoint.model_url("text-llm")]
    runs = [
        _run([*common, "--bytes", "a b", "--input_type", "text", "--pat", PAT_IN_ARGUMENT],
             tmp_path, CLARIFAI_API_BASE=endpoint.base_url),
        _run([*common, "--bytes", "a b", "--input_type", "text"],
             tmp_path, CLARIFAI_API_BASE=endpoint.base_url),
        _run([*common, "--file_path", "/nonexistent.txt", "--input_type", "text",
              "--pat", PAT_IN_ARGUMENT], tmp_path, CLARIFAI_API_BASE=endpoint.base_url),
    ]  # fmt: skip
    assert [r.returncode == 0 for r in runs] == [True, True, False], [r.stderr for r in runs]
    assert "b a" in runs[0].stdout
    assert [_leaks(r.stdout + r.stderr) for r in runs] == [[], [], []]


# -- no network without --fetch-signatures ----------------------------------------------------

_NO_NETWORK = textwrap.dedent(
    """
    import atexit, os, socket, sys

    LOG = os.environ["NETWORK_LOG"]

    def note(line):
        with open(LOG, "a") as log:
            log.write(line + "\\n")

    def refuse(kind):
        def recorder(*args, **kwargs):
            note(f"{kind} {args[1:2] if kind.startswith('socket.') else args[:1]!r}")
            raise OSError(f"network access blocked by the robustness test ({kind})")
        return recorder

    socket.socket.connect = refuse("socket.connect")
    socket.socket.connect_ex = refuse("socket.connect_ex")
    socket.socket.sendto = refuse("socket.sendto")
    socket.create_connection = refuse("create_connection")
    socket.getaddrinfo = refuse("getaddrinfo")
    atexit.register(lambda: note("imported " + " ".join(
        sorted(m for m in ("grpc", "clarifai", "requests", "urllib3", "http.client")
               if m in sys.modules))))

    sys.argv = ["legacy-compat", *sys.argv[1:]]
    from legacy_compat.cli import main
    sys.exit(main())
    """
)


def _network_log(project: Path, *args: str, **env: str) -> List[str]:
    log = project.parent / f"{project.name}-network.log"
    log.unlink(missing_ok=True)
    done = _run(
        ["-c", _NO_NETWORK, "migrate", *args, str(project)],
        project.parent,
        NETWORK_LOG=str(log),
        **env,
    )
    assert done.returncode in (0, 1, 3), done.stderr
    assert _leaks(done.stdout + done.stderr) == []
    return log.read_text().splitlines()


@pytest.mark.parametrize(
    "mode",
    [["--diff"], ["--write", "--jobs", "2"], ["--check", "--json", "-"]],
    ids=["diff", "write-jobs2", "check-json"],
)
def test_migrate_makes_no_network_connection(project: Path, mode: List[str]) -> None:
    lines = _network_log(project, *mode)
    assert lines == ["imported "], lines  # no attempt, and neither gRPC nor the SDK loaded


def test_fetch_signatures_reaches_the_endpoint_from_a_child_process(
    project: Path, endpoint
) -> None:
    """The positive control: asking for live signatures does reach for the network, and only
    from the ``legacy_compat.signature_fetch`` child: the migrate process itself still opens no
    connection and loads neither gRPC nor the SDK."""
    lines = _network_log(
        project, "--diff", "--fetch-signatures", CLARIFAI_API_BASE=endpoint.base_url
    )
    assert lines == ["imported "], lines
    looked_up = {record.target for record in endpoint.control_records}
    assert "general-image-recognition" in looked_up, looked_up
    assert _leaks(json.dumps(lines)) == []
