"""Ctrl-C during ``migrate --write`` leaves every file either untouched or completely migrated.

A real ``SIGINT`` is sent to a real ``python -m codemods --write`` subprocess once it has
rewritten some files of a tree of a few hundred, and before it has rewritten all of them.
Every file is then compared byte for byte with its original and with the version an
uninterrupted run produced on a copy of the tree. Two ways in:

* ``--jobs 1``: the signal goes to the one process;
* ``--jobs 2``: the signal goes to the whole process group, as a terminal's Ctrl-C does, so
  the worker processes are interrupted too.

A third test sends the signal at one exact moment (as the temporary file of an atomic write is
created), which the timed runs reach only by chance.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict

import pytest

from codemods.engine import migrate_python

FILES = 200
INTERRUPT_AFTER = 20  # files rewritten before the signal: well into the run

_MODULE = '''"""Module {index}: tags photos and answers questions."""

from clarifai.client.model import Model

TAGGER = Model("https://clarifai.com/clarifai/main/models/general-image-recognition")
LLM = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")

{filler}

def tag(url):
    response = TAGGER.predict_by_url(url, "image")
    return [c.name for c in response.outputs[0].data.concepts]


def tag_file(path):
    return TAGGER.predict_by_filepath(path, input_type="image")


def ask(question):
    response = LLM.predict_by_bytes(question.encode(), "text",
                                    inference_params={{"temperature": 0.{index_mod}}})
    return response.outputs[0].data.text.raw


def chat(question):
    for chunk in LLM.generate_by_bytes(question.encode(), input_type="text"):
        yield chunk.outputs[0].data.text.raw


def tag_many(urls):
    return list(TAGGER.stream_by_url(iter(urls), "image"))
'''

_FILLER = '''
def helper_{index}_{n}(values):
    """Sum the even values, doubled ({n})."""
    total = 0
    for value in values:
        if value % 2 == 0:
            total += value * 2
    return total
'''


def _write_tree(root: Path) -> Dict[Path, bytes]:
    originals = {}
    for index in range(FILES):
        folder = root / f"pkg{index // 50}"
        folder.mkdir(parents=True, exist_ok=True)
        filler = "\n".join(_FILLER.format(index=index, n=n) for n in range(10))
        text = _MODULE.format(index=index, index_mod=index % 10, filler=filler)
        path = folder / f"module_{index}.py"
        path.write_text(text)
        originals[path.relative_to(root)] = text.encode()
    return originals


def _migrate_command(root: Path, jobs: int) -> list:
    return [sys.executable, "-m", "codemods", "--write", "--quiet", "--jobs", str(jobs), str(root)]


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Dict[Path, bytes]:
    """What an uninterrupted run makes of every file (computed on its own copy)."""
    root = tmp_path_factory.mktemp("uninterrupted")
    _write_tree(root)
    done = subprocess.run(_migrate_command(root, 2), capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    return {p.relative_to(root): p.read_bytes() for p in root.rglob("*.py")}


def _rewritten(root: Path, inodes: Dict[Path, int]) -> int:
    # write_atomically replaces a file by a new inode: cheap to poll, never a partial read.
    return sum(1 for rel, inode in inodes.items() if (root / rel).stat().st_ino != inode)


@pytest.mark.timeout(300)
@pytest.mark.parametrize("jobs, whole_group", [(1, False), (2, True)], ids=["jobs1", "jobs2-group"])
def test_ctrl_c_leaves_each_file_untouched_or_fully_migrated(
    tmp_path: Path, migrated: Dict[Path, bytes], jobs: int, whole_group: bool
) -> None:
    root = tmp_path / "tree"
    originals = _write_tree(root)
    assert all(migrated[rel] != original for rel, original in originals.items())
    inodes = {rel: (root / rel).stat().st_ino for rel in originals}

    process = subprocess.Popen(
        _migrate_command(root, jobs),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, like a job in a terminal
    )
    try:
        deadline = time.monotonic() + 120
        while _rewritten(root, inodes) < INTERRUPT_AFTER and process.poll() is None:
            assert time.monotonic() < deadline, (
                f"fewer than {INTERRUPT_AFTER} files rewritten in 120 s"
            )
            time.sleep(0.005)
        if whole_group:
            os.killpg(process.pid, signal.SIGINT)
        else:
            process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)

    untouched = [rel for rel in originals if (root / rel).read_bytes() == originals[rel]]
    complete = [rel for rel in originals if (root / rel).read_bytes() == migrated[rel]]
    broken = sorted(set(originals) - set(untouched) - set(complete))
    print(f"SIGINT after {len(complete)} of {len(originals)} files; {len(untouched)} untouched")
    assert broken == [], f"{len(broken)} files are neither original nor migrated: {broken[:5]}"
    assert complete, "the signal came before any file was written"
    assert untouched, "the run finished before the signal: the tree is too small to interrupt"
    assert process.returncode == 130, stderr.decode()
    assert b"interrupted" in stderr
    assert b"Traceback" not in stderr, stderr.decode()
    leftovers = sorted(p.name for p in root.rglob("*") if p.name.endswith(".legacy-compat"))
    assert leftovers == [], "temporary files were left behind"


# Ctrl-C at one exact moment: as ``tempfile.mkstemp`` returns the temporary file that
# ``write_atomically`` is about to fill. A profile hook sends the real SIGINT; the run is the
# real command. (Before the fix, the timed test above hit this moment about once in 20 runs.)
_INTERRUPT_AS_MKSTEMP_RETURNS = """
import os, runpy, signal, sys, tempfile, time

def interrupt_when_mkstemp_returns(frame, event, arg):
    if event == "return" and frame.f_code is tempfile.mkstemp.__code__:
        sys.setprofile(None)
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.2)  # time for another thread, if any, to take the signal

sys.setprofile(interrupt_when_mkstemp_returns)
sys.argv = ["codemods", *sys.argv[1:]]
runpy.run_module("codemods", run_name="__main__", alter_sys=True)
"""


# The same with another thread in the process (with --jobs 2 the pool's manager thread): the
# kernel gives the signal to a thread that does not block it, and Python runs the handler in
# the main thread all the same, so blocking the signal in the writing thread is not enough.
# (Before the fix, the timed test above left a temporary file now and then under load.)
_INTERRUPT_AS_MKSTEMP_RETURNS_WITH_A_THREAD = (
    "import threading, time\n"
    "threading.Thread(target=time.sleep, args=(600,), daemon=True).start()\n"
) + _INTERRUPT_AS_MKSTEMP_RETURNS


@pytest.mark.parametrize(
    "script",
    [_INTERRUPT_AS_MKSTEMP_RETURNS, _INTERRUPT_AS_MKSTEMP_RETURNS_WITH_A_THREAD],
    ids=["one-thread", "another-thread"],
)
def test_ctrl_c_as_the_temporary_file_is_created_leaves_nothing_behind(
    tmp_path: Path, script: str
) -> None:
    root = tmp_path / "tree"
    root.mkdir()
    original = _MODULE.format(index=0, index_mod=0, filler="").encode()
    (root / "module.py").write_bytes(original)
    done = subprocess.run(
        [sys.executable, "-c", script, "--write", "--jobs", "1", str(root)],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 130, done.stderr.decode()
    migrated, _ = migrate_python(original.decode(), path="module.py")
    # Ctrl-C is held while the file is written: it lands once the file is complete.
    assert (root / "module.py").read_bytes() in (original, migrated.encode())
    assert sorted(p.name for p in root.iterdir()) == ["module.py"]
