"""The migrate command behaves like the tools users know (ruff, black, pyupgrade).

``--version``, ``NO_COLOR``, ``-j 0``, usage errors with the usage line, the exit codes in
``--help``, and a summary that reads right on a clean tree and on one bad file.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from codemods.cli import (
    EXIT_CHANGES,
    EXIT_CODES_HELP,
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_SKIPPED,
    EXIT_UNVERIFIED,
    EXIT_UNWRITTEN,
)

LEGACY = textwrap.dedent(
    """\
    from clarifai.client.model import Model
    model = Model("https://clarifai.com/u/a/models/m")
    print(model.predict_by_bytes(b"hi", "text").outputs[0].data.text.raw)
    """
)


def run(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "codemods", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONWARNINGS": "error", **env},
    )


def run_on_a_terminal(*args: str, cwd: Path, **env: str) -> str:
    """stdout of the command when stdout is a terminal (a pseudo-terminal here)."""
    controller, terminal = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "codemods", *args],
            cwd=cwd,
            stdout=terminal,
            stderr=subprocess.DEVNULL,
            env={**{k: v for k, v in os.environ.items() if k != "NO_COLOR"}, **env},
        )
        os.close(terminal)
        chunks = []
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal closed: the process is done
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=120)
    finally:
        os.close(controller)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize(
    "command", [["-m", "codemods"], ["-m", "legacy_compat.cli"]], ids=["codemods", "legacy-compat"]
)
def test_version(command: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, *command, "--version"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    from legacy_compat import __version__

    assert f" {__version__} (clarifai " in done.stdout
    assert "; Python 3." in done.stdout


def test_colour_on_a_terminal_unless_no_color(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(LEGACY)
    assert "\x1b[32m" in run_on_a_terminal(".", cwd=tmp_path)
    plain = run_on_a_terminal(".", cwd=tmp_path, NO_COLOR="1")
    assert "+print(model.predict(" in plain and "\x1b[" not in plain
    forced = run_on_a_terminal("--color", "always", ".", cwd=tmp_path, NO_COLOR="1")
    assert "\x1b[32m" in forced  # an explicit choice beats the environment


def test_jobs_zero_means_all_cpus_and_negative_is_refused(tmp_path: Path) -> None:
    for index in range(3):
        (tmp_path / f"app{index}.py").write_text(LEGACY)
    all_cpus = run("-j", "0", "--check", ".", cwd=tmp_path)
    assert all_cpus.returncode == 1, all_cpus.stderr  # ran, and found the three files
    assert all_cpus.stderr.count("would rewrite") == 3
    negative = run("-j", "-2", ".", cwd=tmp_path)
    assert negative.returncode == 2
    assert negative.stderr.startswith("usage: python -m codemods")
    assert "-2 is negative; give 1 or more, or 0 for all CPUs" in negative.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-dir"], "path 'no-such-dir' does not exist"),
        (["--select", "LC999", "."], "unknown rule code 'LC999'"),
    ],
)
def test_usage_errors_print_the_usage(tmp_path: Path, args: list[str], message: str) -> None:
    for command in (["-m", "codemods"], ["-m", "legacy_compat.cli", "migrate"]):
        done = subprocess.run(
            [sys.executable, *command, *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 2
        first = done.stderr.splitlines()[0]
        assert first.startswith(("usage: python -m codemods", "usage: legacy-compat migrate"))
        assert message in done.stderr


def test_help_lists_the_exit_codes(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "legacy_compat.cli", "migrate", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert EXIT_CODES_HELP in done.stdout
    every_code = (
        EXIT_OK,
        EXIT_CHANGES,
        EXIT_ERROR,
        EXIT_SKIPPED,
        EXIT_UNVERIFIED,
        EXIT_UNWRITTEN,
        EXIT_INTERRUPTED,
    )
    for code in every_code:
        assert f"\n  {code} " in EXIT_CODES_HELP


def test_readme_lists_the_exit_codes() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    lines = EXIT_CODES_HELP.split("\n\n")[0].splitlines()[1:]
    assert len(lines) == 7
    for line in lines:
        code, meaning = line.split(maxsplit=1)
        assert f"| {code} | {meaning} |" in readme, line


def _summary(done: subprocess.CompletedProcess[str]) -> str:
    return done.stderr.splitlines()[0]


def test_summary_on_a_clean_tree_reads_as_success(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "b.py").write_text("x = 2\n")
    done = run(".", cwd=tmp_path)
    assert done.returncode == 0
    assert _summary(done) == "legacy-compat migrate: 2 files scanned, no legacy calls found"


def test_summary_for_one_unparsable_file(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text(
        "from clarifai.client.model import Model\ndef f(:\n    m.predict_by_url(u)\n"
    )
    done = run(".", cwd=tmp_path)
    assert done.returncode == 3
    assert _summary(done) == (
        "legacy-compat migrate: 1 file scanned, 0 parsed, 0 changed; 1 file left unparsed"
    )
    # every line of the report names a code, as ruff's do
    assert "bad.py:2: LC000 skipped: does not parse" in done.stderr
    assert "1 x skipped LC000: does not parse" in done.stderr
    assert " - " not in done.stderr and " -:" not in done.stderr


def test_summary_counts_shell_commands_apart_from_python_call_sites(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(LEGACY)
    (tmp_path / "tag.sh").write_text(
        "clarifai model predict --model_id m --user_id u --app_id a \\\n"
        "  --url https://example.com/cat.jpg --input_type image\n"
    )
    done = run(".", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert _summary(done) == (
        "legacy-compat migrate: 2 files scanned, 2 parsed, 2 changed; "
        "1 call site: 1 rewritten; 1 shell command: 1 rewritten"
    )


@pytest.mark.parametrize("command", [["predict"], ["model", "predict"]])
def test_predict_help_is_written_for_the_user(command: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "legacy_compat.cli", *command, "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    assert "Run a legacy `clarifai model predict` command line" in done.stdout
    assert "``" not in done.stdout and ":func:" not in done.stdout and ":mod:" not in done.stdout


def test_list_rules_names_the_code_of_skipped_lines(tmp_path: Path) -> None:
    listed = run("--list-rules", cwd=tmp_path)
    assert listed.stdout.splitlines()[-1].startswith("LC000  left-unchanged")


@pytest.mark.parametrize(
    ("args", "usage", "message"),
    [
        (["verify", "no-such-dir"], "usage: legacy-compat verify", "is not a directory"),
        (["serve", "--duration", "-1"], "usage: legacy-compat serve", "must be > 0 seconds"),
        (["model", "predict", "--url", "u"], "usage: legacy-compat model predict", "--model_url"),
    ],
)
def test_other_subcommands_print_their_usage_on_a_usage_error(
    tmp_path: Path, args: list[str], usage: str, message: str
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "legacy_compat.cli", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.startswith(usage)
    assert message in done.stderr.splitlines()[-1]
