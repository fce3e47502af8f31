"""Starting and stopping: clear errors for bad configuration, and nothing left running."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time

import grpc
import pytest
from clarifai.client.model import Model
from endpoint_test_models import BrokenLoad, Shout

from legacy_compat.testing import (
    FAKE_PAT,
    LocalEndpoint,
    ModelLoadError,
    PortInUseError,
)

# Threads that outlive any one endpoint by design (fsspec's global IO loop, started by the
# runner's first URL download).
_GLOBAL_THREADS = {"fsspecIO"}


def _our_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name not in _GLOBAL_THREADS}


def _wait_until(condition, timeout_s=10.0):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def _port_accepts(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_closing_stops_both_servers_and_leaves_no_threads():
    baseline = _our_threads()
    with LocalEndpoint(["text-llm"]) as ep:
        model = Model(url=ep.model_url("text-llm"), base_url=ep.base_url, pat=FAKE_PAT)
        assert model.predict(prompt="a b") == "b a"
        list(model.generate(prompt="c d"))
        fixture_port = int(ep.fixture_url("cat.png").split(":")[2].split("/")[0])
        grpc_port = ep.port
        assert _our_threads() - baseline  # it really was serving on threads of its own
    assert not ep.running
    assert not _port_accepts(grpc_port)
    assert not _port_accepts(fixture_port)
    assert _wait_until(lambda: _our_threads() <= baseline), _our_threads() - baseline


def test_watchdog_stops_a_forgotten_endpoint():
    ep = LocalEndpoint(["text-llm"], max_lifetime_s=0.3).start()
    try:
        assert _wait_until(lambda: not ep.running, timeout_s=10)
    finally:
        ep.stop()


def test_explicit_port_in_use_names_the_port():
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        port = holder.getsockname()[1]
        with pytest.raises(PortInUseError, match=str(port)):
            LocalEndpoint(["text-llm"], port=port).start()


def test_a_second_endpoint_cannot_share_the_first_ones_port():
    with LocalEndpoint(["text-llm"]) as first:
        with pytest.raises(PortInUseError, match=f"127.0.0.1:{first.port}"):
            LocalEndpoint(["text-llm"], port=first.port).start()
        model = Model(url=first.model_url("text-llm"), base_url=first.base_url, pat=FAKE_PAT)
        assert model.predict(prompt="still here") == "here still"


def test_a_model_that_fails_to_load_is_named_and_the_rest_keep_serving():
    with LocalEndpoint(["text-llm"]) as ep:
        with pytest.raises(ModelLoadError, match=r"'broken'.*weights\.bin is missing"):
            ep.add_model("broken", BrokenLoad(), model_type_id="text-to-text")
        assert "broken" not in ep.model_ids
        model = Model(url=ep.model_url("text-llm"), base_url=ep.base_url, pat=FAKE_PAT)
        assert model.predict(prompt="ok") == "ok"


def test_configuration_errors_say_what_to_do():
    with pytest.raises(ValueError, match=r"unknown reference model.*no-such"):
        LocalEndpoint(["no-such"])
    with LocalEndpoint([]) as ep:
        with pytest.raises(TypeError, match=r"pass an instance: Shout\(\)"):
            ep.add_model("shout", Shout, model_type_id="text-to-text")
        with pytest.raises(ValueError, match="pass input_fields"):
            ep.add_model("shout", Shout(), model_type_id="text-to-speech")
        with pytest.raises(ValueError, match=r"already has input fields \['text'\]"):
            ep.add_model("shout", Shout(), model_type_id="text-to-text", input_fields=["image"])
        with pytest.raises(KeyError, match=r"cat\.gif.*cat\.png"):
            ep.fixture_url("cat.gif")
        with pytest.raises(KeyError, match="no model 'nope'"):
            ep.inject_fault("nope", status_code=1)


def test_grpc_channel_sees_the_server_gone_after_stop():
    ep = LocalEndpoint([]).start()
    port = ep.port
    ep.stop()
    ep.stop()  # idempotent
    channel = grpc.insecure_channel(f"127.0.0.1:{port}")
    try:
        with pytest.raises(grpc.FutureTimeoutError):
            grpc.channel_ready_future(channel).result(timeout=0.5)
    finally:
        channel.close()


def test_a_new_model_type_answers_its_input_fields_to_legacy_calls():
    with LocalEndpoint([]) as ep:
        url = ep.add_model(
            "speaker", Shout(), model_type_id="text-to-speech", input_fields=["text"]
        )
        model = Model(url=url, base_url=ep.base_url, pat=FAKE_PAT)
        assert model.predict_by_bytes(b"quiet").outputs[0].data.text.raw == "QUIET"


def test_each_endpoint_counts_its_own_server_threads():
    # A leak check on one endpoint must not count the pool of another one running beside it
    # (CI saw 17 "server threads" for a pool of 16: two endpoints in one session).
    with LocalEndpoint(["text-llm"], max_workers=2) as first, LocalEndpoint(["text-llm"]) as second:
        for ep in (first, second):
            model = Model(url=ep.model_url("text-llm"), base_url=ep.base_url, pat=FAKE_PAT)
            for _ in range(4):
                assert model.predict(prompt="a b") == "b a"
        mine, theirs = first.server_threads(), second.server_threads()
        assert mine and theirs
        assert not set(mine) & set(theirs)
        assert len(mine) <= 2
    assert first.server_threads() == [] and second.server_threads() == []


def test_an_endpoint_stopped_from_an_atexit_hook_exits_cleanly(tmp_path):
    # Python 3.12+ refuses to start a thread from an atexit hook, and a graceful gRPC stop
    # starts one: the endpoint must cancel its calls at once there instead.
    script = tmp_path / "forgotten_endpoint.py"
    script.write_text(
        "import atexit\n"
        "from legacy_compat.testing import LocalEndpoint\n"
        "ep = LocalEndpoint(['text-llm']).start()\n"
        "atexit.register(ep.stop)\n"
        "print('serving', ep.running)\n"
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "serving True"
    assert "Exception ignored" not in done.stderr, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
