"""The pytest plugin, in a separate pytest run (its options act at start-up)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

INNER_TESTS = """
import os

from clarifai.client.model import Model


def test_the_sdk_default_base_reaches_the_session_endpoint(endpoint):
    assert os.environ["CLARIFAI_API_BASE"] == endpoint.base_url
    # No deployment_user_id: the SDK asks GetUser('me') on its default base, not base_url.
    model = Model(url=endpoint.model_url("text-llm"), base_url=endpoint.base_url,
                  pat="fake-pat-for-tests", deployment_id="test-deployment")
    assert model.predict(prompt="a b") == "b a"
    assert ("GetUser", "me") in [(c.rpc, c.target) for c in endpoint.control_records]
    assert endpoint.records[-1].runner_selector == {
        "deployment": {"id": "test-deployment", "user_id": "test-user"}}


def test_endpoint_fixture_starts_clean(endpoint, local_endpoint):
    assert endpoint is local_endpoint
    assert endpoint.records == [] and endpoint.control_records == []
"""


def test_fixtures_and_pinned_api_base(tmp_path):
    (tmp_path / "test_inner.py").write_text(INNER_TESTS)
    (tmp_path / "pytest.ini").write_text(
        textwrap.dedent(
            """\
            [pytest]
            legacy_compat_pin_api_base = true
            filterwarnings = error
            """
        )
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLARIFAI_")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "legacy_compat.testing.pytest_plugin",
            str(tmp_path),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 passed" in done.stdout
