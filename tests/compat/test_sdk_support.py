"""The supported range is enforced at the facade's first use, and the gates agree with the SDK.

The range check runs in a fresh interpreter with a fake ``clarifai`` (and ``protobuf``)
distribution placed first on ``sys.path``: ``importlib.metadata`` then reports the fake
version, exactly as it would for a user who has that release installed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.version import Version

from legacy_compat import sdk_support
from legacy_compat.testing.endpoint import FAKE_PAT, LocalEndpoint

_IMPORT = (
    "import warnings\n"
    "warnings.simplefilter('default')\n"
    "import legacy_compat\n"
    "legacy_compat.SUPPORTED_CLARIFAI  # plain data: no check\n"
    "print('imported the package')\n"
    "legacy_compat.Model  # the facade's first use checks the SDK\n"
    "legacy_compat.install  # ... once\n"
    "from importlib.metadata import version\n"
    "print('imported with clarifai', version('clarifai'))\n"
)


_PROJECT = str(Path(__file__).resolve().parents[2])


def _fake_distribution(root: Path, name: str, version: str) -> None:
    info = root / f"{name}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8"
    )


def _import_with(tmp_path: Path, **versions: str) -> subprocess.CompletedProcess[str]:
    for name, version in versions.items():
        _fake_distribution(tmp_path, name, version)
    return subprocess.run(
        [sys.executable, "-c", _IMPORT],
        env={"PYTHONPATH": os.pathsep.join([str(tmp_path), _PROJECT]), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def _fake_sdk_that_must_not_be_imported(root: Path, version: str) -> None:
    """A ``clarifai`` distribution whose package fails loudly if anything imports it."""
    _fake_distribution(root, "clarifai", version)
    (root / "clarifai").mkdir()
    (root / "clarifai" / "__init__.py").write_text(
        "raise SystemExit('the clarifai SDK was imported')\n", encoding="utf-8"
    )


@pytest.mark.parametrize("version", ["10.11.1", "11.8.4"])
def test_importing_the_package_checks_nothing_and_imports_no_sdk(
    tmp_path: Path, version: str
) -> None:
    """The console script and ``python -m codemods`` import the package: with an old SDK
    installed that must work, and nothing may import the SDK."""
    _fake_sdk_that_must_not_be_imported(tmp_path, version)
    result = subprocess.run(
        [sys.executable, "-c", "import legacy_compat, legacy_compat.cli, codemods.cli"],
        env={"PYTHONPATH": os.pathsep.join([str(tmp_path), _PROJECT]), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


@pytest.mark.parametrize("version", ["11.8.4", "11.3.0", "10.11.1"])
def test_first_use_below_the_floor_fails_naming_the_range(tmp_path: Path, version: str) -> None:
    result = _import_with(tmp_path, clarifai=version, protobuf="6.33.6")
    assert result.returncode == 1
    assert result.stdout == "imported the package\n"
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("legacy_compat.sdk_support.UnsupportedSDKError:")
    assert f"supports clarifai {sdk_support.SUPPORTED_CLARIFAI}" in last_line
    assert f"(installed: {version})" in last_line
    assert "pip install 'clarifai" in last_line
    assert "`legacy-compat migrate` works with any clarifai" in last_line


@pytest.mark.parametrize("version", ["11.8.5", "12.3.0", "12.5.0"])
def test_import_inside_the_range_succeeds(tmp_path: Path, version: str) -> None:
    result = _import_with(tmp_path, clarifai=version, protobuf="6.33.6")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == f"imported with clarifai {version}"
    assert "UntestedSDKWarning" not in result.stderr


@pytest.mark.parametrize("version", ["12.5.1", "13.0.0"])
def test_a_newer_release_than_tested_works_with_one_warning(tmp_path: Path, version: str) -> None:
    result = _import_with(tmp_path, clarifai=version, protobuf="6.33.6")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == f"imported with clarifai {version}"
    warned = [line for line in result.stderr.splitlines() if "UntestedSDKWarning" in line]
    assert len(warned) == 1, result.stderr
    assert f"clarifai {version} is newer than the releases" in warned[0]
    assert f"tested with ({sdk_support.TESTED_CLARIFAI})" in warned[0]
    assert warned[0].startswith("<string>:6: ")  # attributed to the user's line


def test_the_package_declares_no_ceiling_on_the_sdk() -> None:
    """A ceiling makes the package uninstallable beside the next SDK release."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib

    pyproject = tomllib.loads((Path(_PROJECT) / "pyproject.toml").read_text(encoding="utf-8"))
    dependencies = pyproject["project"]["dependencies"]
    [clarifai] = [d for d in dependencies if d.split(">")[0].split("<")[0].strip() == "clarifai"]
    assert clarifai.replace(" ", "") == f"clarifai>={sdk_support.LOWEST_SUPPORTED}"


def test_old_sdk_with_protobuf_7_fails_with_the_fix(tmp_path: Path) -> None:
    result = _import_with(tmp_path, clarifai="11.8.5", protobuf="7.36.2")
    assert result.returncode == 1
    last_line = result.stderr.strip().splitlines()[-1]
    assert "clarifai 11.8.5 cannot be imported with protobuf 7.36.2" in last_line
    assert "pip install 'protobuf<7'" in last_line


def test_new_sdk_with_protobuf_7_imports(tmp_path: Path) -> None:
    result = _import_with(tmp_path, clarifai="12.2.0", protobuf="7.36.2")
    assert result.returncode == 0, result.stderr


def test_the_installed_sdk_is_in_the_range() -> None:
    version = sdk_support.installed_sdk_version()
    assert version is not None
    assert version in sdk_support.SUPPORTED_CLARIFAI
    assert sdk_support.NEWEST_TESTED in sdk_support.TESTED_CLARIFAI
    assert sdk_support.LOWEST_SUPPORTED in sdk_support.SUPPORTED_CLARIFAI
    assert Version("11.8.4") not in sdk_support.SUPPORTED_CLARIFAI


def test_from_local_grpc_detection_matches_the_release_that_added_it() -> None:
    version = sdk_support.installed_sdk_version()
    assert version is not None
    assert sdk_support.has_from_local_grpc() is (version >= Version("12.3.0"))


def test_with_proto_works_in_every_supported_release(endpoint: LocalEndpoint) -> None:
    """The floor's reason: the pythonic client returns the response proto (11.8.5+)."""
    from clarifai.client.model import Model
    from clarifai_grpc.grpc.api import service_pb2

    model = Model(url=endpoint.model_url("text-llm"), base_url=endpoint.base_url, pat=FAKE_PAT)
    value, response = model.predict(prompt="one two", with_proto=True)
    assert value == "two one"
    assert isinstance(response, service_pb2.MultiOutputResponse)
    assert response.outputs[0].completion_tokens == 2


def test_predict_cli_style_follows_the_installed_cli() -> None:
    import inspect

    from clarifai.cli import model as cli_model

    parameters = inspect.signature(cli_model.predict.callback).parameters
    expected = "model-ref" if "model_ref" in parameters else "inputs-json"
    assert sdk_support.predict_cli_style() == expected


def test_the_runner_old_format_gate_matches_the_served_behaviour(endpoint: LocalEndpoint) -> None:
    """A legacy request whose data sets only a scalar (``string_value``) reaches the runner's
    ``is_old_format``; before 12.3.3 that called ``HasField`` on a proto3 scalar and failed.
    The nine legacy methods always set a message field (image/text/audio/video), so they
    never reach that line."""
    from clarifai.client.model import Model
    from clarifai_grpc.grpc.api import resources_pb2

    model = Model(url=endpoint.model_url("text-llm"), base_url=endpoint.base_url, pat=FAKE_PAT)
    scalar_only = resources_pb2.Input(data=resources_pb2.Data(string_value="one two"))
    if sdk_support.runner_rejects_empty_legacy_data():
        with pytest.raises(Exception, match="Model predict failed") as failure:
            model.predict(inputs=[scalar_only])
        assert "does not have presence" in str(failure.value)
    else:
        response = model.predict(inputs=[scalar_only])
        assert response.outputs[0].data.text.raw == "two one"
    [record] = endpoint.records
    assert record.method_name == ""  # an old-format request
    with_text = resources_pb2.Input(data=resources_pb2.Data(text=resources_pb2.Text(raw="a b")))
    assert model.predict(inputs=[with_text]).outputs[0].data.text.raw == "b a"


def test_construction_checks_follow_the_gates(endpoint: LocalEndpoint) -> None:
    """An unknown model / deployment fails in ``Model(...)`` where the gate says so, else at
    the first call; the gates are what tests of construction-time errors must ask."""
    from clarifai.client.model import Model
    from clarifai.errors import UserError

    def unknown_model() -> Model:
        url = endpoint.model_url("no-such-model")
        return Model(url=url, base_url=endpoint.base_url, pat=FAKE_PAT)

    def unknown_deployment() -> Model:
        return Model(
            url=endpoint.model_url("text-llm"),
            base_url=endpoint.base_url,
            pat=FAKE_PAT,
            deployment_id="no-such-deployment",
            deployment_user_id=endpoint.user_id,
        )

    if sdk_support.model_checked_at_construction():
        with pytest.raises(Exception, match="no-such-model"):
            unknown_model()
    else:
        unknown_model()
        assert endpoint.control_records == []
    if sdk_support.routing_checked_at_construction():
        with pytest.raises(UserError, match="Deployment 'no-such-deployment' not found"):
            unknown_deployment()
    else:
        model = unknown_deployment()  # nothing checked yet
        assert "GetDeployment" not in [r.rpc for r in endpoint.control_records]
        with pytest.raises(Exception, match="no-such-deployment"):
            model.predict(prompt="the first call finds out")
