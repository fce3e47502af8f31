"""``legacy-compat serve`` in a subprocess: what it prints, that it serves, that it stops."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time

from clarifai.client.model import Model

from legacy_compat.testing import FAKE_PAT, REFERENCE_MODELS

SERVE = [sys.executable, "-m", "legacy_compat.cli", "serve"]


def test_serve_prints_every_url_and_stops_after_duration():
    started = time.monotonic()
    done = subprocess.run(
        [*SERVE, "--duration", "0.5"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    base = re.search(r"endpoint: (http://127\.0\.0\.1:\d+)", out)
    assert base is not None, out
    for model_id in REFERENCE_MODELS:
        assert f"https://clarifai.com/test-user/test-app/models/{model_id} " in out
    for name in ("cat.png", "dog.jpg", "tone.wav", "clip.mp4", "hello.txt"):
        assert re.search(rf"http://127\.0\.0\.1:\d+/{re.escape(name)}", out), name
    assert f"CLARIFAI_API_BASE={base.group(1)}" in out
    assert out.rstrip().endswith("Stopped.")
    assert time.monotonic() - started < 30


def test_serve_answers_the_sdk_until_terminated():
    with subprocess.Popen(
        [*SERVE, "--duration", "60"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as proc:
        try:
            assert proc.stdout is not None
            lines = []
            for line in proc.stdout:  # bounded: the server prints a fixed banner, then "Serving"
                lines.append(line)
                if line.startswith("Serving"):
                    break
            text = "".join(lines)
            base = re.search(r"endpoint: (http://127\.0\.0\.1:\d+)", text)
            assert base is not None, text
            url = "https://clarifai.com/test-user/test-app/models/text-llm"
            model = Model(url=url, base_url=base.group(1), pat=FAKE_PAT)
            assert model.predict(prompt="from another process") == "process another from"
            proc.send_signal(signal.SIGTERM)
            rest, _ = proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
    assert proc.returncode == 0
    assert "Stopped." in rest


def test_serve_on_a_port_in_use_fails_naming_it():
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        port = holder.getsockname()[1]
        done = subprocess.run(
            [*SERVE, "--port", str(port), "--duration", "5"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 1
    assert f"127.0.0.1:{port}" in done.stderr and "already in use" in done.stderr


def test_serve_module_imports_neither_the_sdk_nor_grpc():
    code = (
        "import sys, argparse, legacy_compat.commands.serve as serve;"
        "serve.configure(argparse.ArgumentParser());"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('clarifai', 'grpc'));"
        "print(heavy)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"


def test_serve_rejects_a_port_that_is_not_one():
    done = subprocess.run(
        [*SERVE, "--port", "70000"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 1
    assert "port=70000 is not a TCP port" in done.stderr
