"""The fetcher feeds the codemod: live parameter names instead of conventions.

The served model names its text parameter ``text``, not the conventional ``prompt``, so only a
signature read from the model itself gives the right rewrite. Both routes are run as a user
would: ``legacy-compat signatures URL > FILE`` then ``migrate --signatures FILE``, and
``migrate --fetch-signatures`` with the endpoint and PAT taken from the environment.
"""

# No ``from __future__ import annotations``: the SDK reads the served model's annotations.
import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterator, List

import pytest
from clarifai.runners.models.model_class import ModelClass

from legacy_compat.testing.endpoint import FAKE_PAT, LocalEndpoint

MODEL_URL = "https://clarifai.com/test-user/test-app/models/echo-text"
LEGACY = (
    f'model = Model("{MODEL_URL}")\nmodel.predict_by_bytes(b"hello there", input_type="text")\n'
)
MIGRATED = f'model = Model("{MODEL_URL}")\nmodel.predict(text="hello there")\n'
HEADER = "from clarifai.client.model import Model\n\n"


class EchoText(ModelClass):
    """A text model whose parameter is not called ``prompt``."""

    @ModelClass.method
    def predict(self, text: str) -> str:
        return text


@pytest.fixture(scope="module")
def echo_endpoint() -> Iterator[LocalEndpoint]:
    with LocalEndpoint(models=[], max_lifetime_s=300) as endpoint:
        endpoint.add_model("echo-text", EchoText(), model_type_id="text-to-text")
        yield endpoint


def _legacy_compat(args: List[str], env: Dict[str, str]) -> subprocess.CompletedProcess:
    program = str(Path(sys.executable).parent / "legacy-compat")
    return subprocess.run([program, *args], env=env, capture_output=True, text=True, timeout=120)


def _env(endpoint: LocalEndpoint) -> Dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "CLARIFAI_API_BASE": endpoint.base_url,
        "CLARIFAI_PAT": FAKE_PAT,
    }


def test_signatures_file_then_migrate(echo_endpoint: LocalEndpoint, tmp_path: Path) -> None:
    env = _env(echo_endpoint)
    fetched = _legacy_compat(["signatures", MODEL_URL], env)
    assert fetched.returncode == 0, fetched.stderr
    signatures = tmp_path / "signatures.json"
    signatures.write_text(fetched.stdout, encoding="utf-8")
    source = tmp_path / "app.py"
    source.write_text(HEADER + LEGACY, encoding="utf-8")
    migrated = _legacy_compat(
        ["migrate", "--write", "--signatures", str(signatures), str(source)], env
    )
    assert migrated.returncode == 0, migrated.stderr
    assert source.read_text(encoding="utf-8") == HEADER + MIGRATED


def test_fetch_signatures_reads_them_live(echo_endpoint: LocalEndpoint, tmp_path: Path) -> None:
    echo_endpoint.clear_records()
    source = tmp_path / "app.py"
    source.write_text(HEADER + LEGACY, encoding="utf-8")
    migrated = _legacy_compat(
        ["migrate", "--write", "--fetch-signatures", str(source)], _env(echo_endpoint)
    )
    assert migrated.returncode == 0, migrated.stderr
    assert source.read_text(encoding="utf-8") == HEADER + MIGRATED
    assert FAKE_PAT not in migrated.stdout + migrated.stderr
    assert "GetModelVersion" in [r.rpc for r in echo_endpoint.control_records]


def test_without_signatures_the_proto_form_is_used(tmp_path: Path) -> None:
    """The control: offline, the model's kind is unknown, so the codemod writes the proto form
    (which an older model and this one both serve) instead of guessing the parameter name
    ``prompt``, which this model rejects; the report says a signature gives the value form."""
    source = tmp_path / "app.py"
    source.write_text(HEADER + LEGACY, encoding="utf-8")
    migrated = _legacy_compat(["migrate", "--write", str(source)], {"PATH": os.environ["PATH"]})
    assert migrated.returncode == 0, migrated.stderr
    text = source.read_text(encoding="utf-8")
    proto_form = (
        'model.predict(inputs=[Inputs.get_input_from_bytes("", text_bytes=b"hello there")])'
    )
    assert proto_form in text
    assert "prompt=" not in text
    assert "signature" in migrated.stdout + migrated.stderr
