"""verify end to end: real endpoint, real subprocesses, the bundled example project.

Each verify starts a LocalEndpoint and runs the example's entry script twice (about 2 s per
run), so this module keeps to a handful of runs.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from legacy_compat.commands.demo import EXAMPLE_PROJECT as EXAMPLE
from legacy_compat.verification import VERIFY_FILE, load_verify_config, verify_projects

LEGACY_NAMES = ("_by_url", "_by_bytes", "_by_filepath")


def test_the_migrated_example_prints_what_the_original_printed(original, migrated):
    app = (migrated / "app.py").read_text()
    assert not any(name in app for name in LEGACY_NAMES), "the example migrates completely"
    assert "legacy_compat" not in app, "the migrated code runs on the new client alone"

    report = verify_projects(original, migrated, load_verify_config(original / VERIFY_FILE))

    [entry] = report.entries
    assert report.equal, report.render()
    assert report.still_on_shim == ()
    assert entry.original.stdout == entry.migrated.stdout
    assert "tags for dog.jpg (on our deployment):" in entry.original.stdout
    # Every one of the nine legacy calls (and each new call) reached the local endpoint,
    # although the code hard-codes clarifai.com model URLs and never passes base_url.
    assert entry.original.calls >= 9 and entry.migrated.calls >= 9
    # The original ran on the shim: each legacy call warned with its replacement.
    assert entry.original.stderr.count("LegacyInferenceWarning") >= 9
    assert "EQUAL" in report.render()


def test_every_difference_is_named(original, migrated):
    app = migrated / "app.py"
    # Cut the reply short, whichever form the call was migrated to (value or proto).
    text = app.read_text()
    shown = next(
        r for r in ("reply.outputs[0].data.text.raw", "reply") if f'print("reply:", {r})' in text
    )
    app.write_text(text.replace(f'print("reply:", {shown})', f'print("reply:", {shown}[:5])'))
    unmigrated = original  # the original code on the plain client has no by_* methods

    config = load_verify_config(original / VERIFY_FILE)
    changed = verify_projects(original, migrated, config)
    broken = verify_projects(original, unmigrated, config.merged(entry_points=["app.py"]))

    text = changed.render()
    assert not changed.equal and "app.py: DIFFERENT" in text
    assert "-reply: please sentence short one in photo the Describe" in text
    assert "+reply: pleas" in text
    assert "result: DIFFERENT" in text

    [entry] = broken.entries
    assert entry.original.returncode == 0 and entry.migrated.returncode == 1
    assert "exit status differs: original 0, migrated 1" in broken.render()
    assert (
        # Python 3.10+ names the class in the message ("Model.predict_by_filepath()"), 3.9 not
        "predict_by_filepath() got an unexpected keyword argument 'deployment_id'"
        in broken.render()
    )
    assert "the original sent 11 inference request(s), the migrated 1" in broken.render()


def test_the_verify_command_migrates_a_copy_itself(original):
    before = sorted((p.name, p.read_bytes()) for p in original.rglob("*") if p.is_file())
    done = subprocess.run(
        [sys.executable, "-m", "legacy_compat.cli", "verify", str(original)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "migrated a copy of" in done.stdout and "app.py: EQUAL" in done.stdout
    after = sorted((p.name, p.read_bytes()) for p in original.rglob("*") if p.is_file())
    assert after == before, "verify leaves the project itself untouched"


def test_the_verify_command_says_how_to_map_models(tmp_path: Path):
    (tmp_path / "app.py").write_text('if __name__ == "__main__":\n    print(1)\n')
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "legacy_compat.cli",
            "verify",
            str(tmp_path),
            "--migrated",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "--map USER/APP/MODEL=LOCAL_ID" in done.stderr


def test_a_call_that_aims_past_the_endpoint_fails_instead_of_leaving_the_machine(tmp_path):
    script = tmp_path / "app.py"
    script.write_text(
        "from clarifai.client.model import Model\n"
        "m = Model(url='https://clarifai.com/clarifai/main/models/general-image-recognition',\n"
        "          base_url='https://api.clarifai.com')\n"
        "if __name__ == '__main__':\n"
        "    print(m.predict_by_url('http://127.0.0.1:9/cat.png', input_type='image'))\n"
    )
    config = load_verify_config(EXAMPLE / VERIFY_FILE)
    # The SDK retries an unreachable API for minutes; the timeout ends the run.
    report = verify_projects(tmp_path, tmp_path, config.merged(entry_points=["app.py"]), timeout=6)
    [entry] = report.entries
    assert not report.equal
    assert entry.original.returncode != 0 and entry.original.calls == 0
    text = report.render()
    assert "sent no inference call to the local endpoint" in text
    assert "(timeout)" in text or "sent no inference call" in text


def test_a_routing_target_missing_from_the_verify_file_is_named(original, migrated):
    from dataclasses import replace

    from legacy_compat.sdk_support import routing_checked_at_construction

    if not routing_checked_at_construction():
        # Before 11.10.2 the SDK's Model(..., deployment_id=...) does not look the deployment
        # up, so the migrated run fails later, at predict, with another message: a real
        # difference of that SDK, which the report then names as one.
        pytest.skip("this SDK checks a deployment only when a call is made")
    config = replace(load_verify_config(original / VERIFY_FILE), deployments=())
    report = verify_projects(original, migrated, config)
    # Both runs stop at the same call with the same error: not a difference the migration
    # made, and the report says so and names the missing target.
    [entry] = report.entries
    assert entry.failed_same_way, report.render()
    text = report.render()
    assert "both runs failed the same way" in text
    assert "Deployment 'photo-desk-gpu' not found for user_id 'photo-desk'" in text
