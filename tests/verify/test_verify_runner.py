"""The verify runner: what it does around the user's script, apart from the comparison."""

# No `from __future__ import annotations`: the runner reads the model's annotations as types.

import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

from clarifai.runners.models.model_class import ModelClass

from legacy_compat.testing import FAKE_PAT, LocalEndpoint

# A script that reads the first reply of a stream and stops (``zip`` with a shorter list),
# then, at exit, says which of gRPC's call threads are still running.
_ABANDONS_A_STREAM = """\
import atexit, sys, threading
from clarifai.client.model import Model

def still_running():
    targets = [(t.name, getattr(t, "_target", None)) for t in threading.enumerate()]
    grpc_threads = [name for name, target in targets
                    if getattr(target, "__module__", "") == "grpc._cython.cygrpc"]
    print("grpc call threads at exit:", grpc_threads)

atexit.register(still_running)
model = Model(url=sys.argv[1], base_url=sys.argv[2], pat=sys.argv[3])
replies = model.stream(iter(["a", "b"]))
for prompt, reply in zip(["only one"], replies):
    print(prompt, "->", reply)
# In a reference cycle (as the SDK's objects often are), the open stream outlives the script
# until the collector runs, which may be at interpreter exit.
kept = {"replies": replies}
kept["itself"] = kept
"""


class SlowTail(ModelClass):
    """Answers each streamed item at once, then keeps the stream open a while."""

    @ModelClass.method
    def stream(self, input_iterator: Iterator[str]) -> Iterator[str]:
        yield from input_iterator
        time.sleep(2)
        yield "late"


def test_a_stream_the_script_abandoned_is_finished_before_exit(tmp_path: Path) -> None:
    # gRPC finishes an open call from daemon threads; one frozen at interpreter exit while
    # holding the call's lock left the call's finalizer waiting for ever (about one run in
    # twenty of a realistic program that stops reading a stream hung at exit).
    script = tmp_path / "abandons.py"
    script.write_text(_ABANDONS_A_STREAM)
    with LocalEndpoint([]) as endpoint:
        url = endpoint.add_model("slow-tail", SlowTail(), model_type_id="text-to-text")
        command = [sys.executable, "-m", "legacy_compat.verify_runner", "plain", str(script)]
        done = subprocess.run(
            [*command, url, endpoint.base_url, FAKE_PAT],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr
    assert "only one -> a" in done.stdout
    assert "grpc call threads at exit: []" in done.stdout, done.stdout
