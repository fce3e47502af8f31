"""Run a project's original and migrated code against the local endpoint and compare.

The claim a migration has to back up is "the new code does what the old code did". This
module checks it the direct way: each entry script of the ORIGINAL project runs unmodified,
with :func:`legacy_compat.install` done first (``python -m legacy_compat.installed``), and the
same script of the MIGRATED copy runs with plain ``python``, on the new client alone; both talk
to one :class:`~legacy_compat.testing.LocalEndpoint`, and what they print is compared.

Legacy code hard-codes model URLs (``https://clarifai.com/clarifai/main/models/...``) and
rarely passes ``base_url``, so nothing in the code says where calls go. Every call is sent to
the endpoint through the environment the SDK reads when it is imported (``CLARIFAI_API_BASE``,
with an obviously fake ``CLARIFAI_PAT``), and the project's models are mapped to local ones
with :meth:`LocalEndpoint.add_alias`, from the verify file (:class:`VerifyConfig`). A call that
still aims elsewhere (an explicit ``base_url``) fails instead of leaving the machine: the proxy
variables point at a closed local port and only loopback bypasses them.

The verify file (``legacy-compat-verify.json`` in the project, or ``--mapping FILE``)::

    {
      "version": 1,
      "entry_points": ["app.py"],
      "models": {"clarifai/main/general-image-recognition": "image-classifier"},
      "deployments": ["photo-desk/photo-desk-gpu"],
      "env": {"PHOTO_URL": "{fixture_url:cat.png}"}
    }

``models`` maps ``USER/APP/MODEL`` (or a model URL) to a local model id; ``deployments`` lists
``USER/DEPLOYMENT`` routing targets the code names; ``env`` sets variables for the scripts,
where ``{fixture_url:NAME}`` is the local URL of a shipped fixture file and ``{base_url}`` the
endpoint's address. An entry point may carry arguments (``"report.py --limit 3"``); without
``entry_points``, every top-level ``*.py`` file with an ``if __name__ == "__main__":`` block is
an entry point.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Tuple

if TYPE_CHECKING:
    from legacy_compat.testing import LocalEndpoint

__all__ = [
    "VERIFY_FILE",
    "EntryComparison",
    "MigrationRun",
    "RunResult",
    "VerificationReport",
    "VerifyConfig",
    "VerifyConfigError",
    "copy_project",
    "entry_points",
    "files_on_shim",
    "load_verify_config",
    "migrate_in_place",
    "parse_model_options",
    "run_environment",
    "verify_projects",
]

#: The verify file looked for in a project's root.
VERIFY_FILE = "legacy-compat-verify.json"

_NOWHERE = "http://127.0.0.1:9"
_PLACEHOLDER = re.compile(r"\{(?P<name>[a-z_]+)(?::(?P<argument>[^{}]+))?\}")
_MAIN_GUARD = re.compile(r"^if\s+__name__\s*==\s*['\"]__main__['\"]\s*:", re.MULTILINE)


class VerifyConfigError(ValueError):
    """A verify file or option that cannot be used; the message says what to write instead."""


@dataclass(frozen=True)
class VerifyConfig:
    """What verify needs to know about a project beyond its code."""

    models: Mapping[str, str] = field(default_factory=dict)
    deployments: Tuple[str, ...] = ()
    env: Mapping[str, str] = field(default_factory=dict)
    entry_points: Tuple[str, ...] = ()

    def merged(
        self,
        models: Optional[Mapping[str, str]] = None,
        entry_points: Sequence[str] = (),
    ) -> VerifyConfig:
        """This config with command-line ``--map`` and ``--entry`` values on top."""
        return VerifyConfig(
            models={**self.models, **(models or {})},
            deployments=self.deployments,
            env=self.env,
            entry_points=tuple(entry_points) or self.entry_points,
        )

    def local_models(self) -> List[str]:
        """Local model ids the mapping points at (to serve only those)."""
        return sorted({target for target in self.models.values() if "/" not in target})


def _string_map(value: Any, key: str, source: str) -> Dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise VerifyConfigError(
            f"{source}: {key!r} must be an object of strings, like "
            '{"clarifai/main/general-image-recognition": "image-classifier"}; '
            f"got {value!r}"
        )
    return dict(value)


def _string_list(value: Any, key: str, source: str) -> Tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise VerifyConfigError(f"{source}: {key!r} must be a list of strings; got {value!r}")
    return tuple(value)


def load_verify_config(path: Path) -> VerifyConfig:
    """Read a verify file (see the module docstring); errors name the file and the key."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise VerifyConfigError(f"cannot read the verify file {str(path)!r}: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise VerifyConfigError(f"{path}: not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise VerifyConfigError(f"{path}: expected a JSON object with a 'models' key")
    known = {"version", "entry_points", "models", "deployments", "env"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise VerifyConfigError(
            f"{path}: unknown key(s) {', '.join(unknown)}; "
            f"expected any of {', '.join(sorted(known))}"
        )
    if data.get("version", 1) != 1:
        raise VerifyConfigError(f"{path}: version {data['version']!r} is not supported; use 1")
    source = str(path)
    return VerifyConfig(
        models=_string_map(data.get("models", {}), "models", source),
        deployments=_string_list(data.get("deployments", []), "deployments", source),
        env=_string_map(data.get("env", {}), "env", source),
        entry_points=_string_list(data.get("entry_points", []), "entry_points", source),
    )


def parse_model_options(options: Sequence[str]) -> Dict[str, str]:
    """``["clarifai/main/m=image-classifier"]`` -> ``{"clarifai/main/m": "image-classifier"}``."""
    mapping: Dict[str, str] = {}
    for option in options:
        alias, sep, target = option.partition("=")
        if not sep or not alias or not target:
            raise VerifyConfigError(
                f"--map {option!r}: expected USER/APP/MODEL=LOCAL_MODEL_ID, "
                "e.g. --map clarifai/main/general-image-recognition=image-classifier"
            )
        mapping[alias] = target
    return mapping


def entry_points(project: Path, config: VerifyConfig) -> List[str]:
    """The scripts to run, relative to the project root, each possibly with arguments
    (``"report.py --limit 3"``, split as the shell would)."""
    if config.entry_points:
        missing = [e for e in config.entry_points if not (project / shlex.split(e)[0]).is_file()]
        if missing:
            raise VerifyConfigError(
                f"entry point(s) {', '.join(missing)} not found in {project}; "
                "list scripts relative to the project root"
            )
        return list(config.entry_points)
    found = sorted(
        p.name
        for p in project.glob("*.py")
        if _MAIN_GUARD.search(p.read_text(encoding="utf-8", errors="replace"))
    )
    if not found:
        raise VerifyConfigError(
            f"no entry point in {project}: no top-level script has an "
            '`if __name__ == "__main__":` block; name them with --entry SCRIPT'
        )
    return found


@dataclass(frozen=True)
class RunResult:
    """One run of one script."""

    command: Tuple[str, ...]
    returncode: Optional[int]  # None: killed after the timeout
    stdout: str
    stderr: str
    seconds: float
    calls: int  # inference requests the endpoint served during the run

    @property
    def timed_out(self) -> bool:
        return self.returncode is None


@dataclass(frozen=True)
class EntryComparison:
    """The original and migrated runs of one entry script."""

    script: str
    original: RunResult
    migrated: RunResult

    @property
    def equal(self) -> bool:
        return (
            self.original.returncode == self.migrated.returncode == 0
            and self.original.stdout == self.migrated.stdout
        )

    def differences(self) -> List[str]:
        """Every way the two runs differ, one line each (empty when equal)."""
        found = []
        for label, run in (("original", self.original), ("migrated", self.migrated)):
            if run.timed_out:
                found.append(f"the {label} run was stopped after {run.seconds:.0f} s (timeout)")
            elif run.returncode != 0:
                found.append(f"the {label} run exited with status {run.returncode}")
        if self.original.stdout != self.migrated.stdout:
            found.append("stdout differs:\n" + self.stdout_diff())
        if self.original.calls == 0 or self.migrated.calls == 0:
            found.append(
                "a run sent no inference call to the local endpoint "
                f"(original {self.original.calls}, migrated {self.migrated.calls})"
            )
        return found

    def stdout_diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.original.stdout.splitlines(keepends=True),
                self.migrated.stdout.splitlines(keepends=True),
                fromfile=f"original/{self.script} (legacy_compat.install())",
                tofile=f"migrated/{self.script} (new client)",
            )
        )


@dataclass(frozen=True)
class VerificationReport:
    """All entry scripts of one verification."""

    base_url: str
    entries: Tuple[EntryComparison, ...]
    #: Migrated files that still use the shim (their marked sites); not a difference.
    still_on_shim: Tuple[str, ...] = ()

    @property
    def equal(self) -> bool:
        return bool(self.entries) and all(
            entry.equal and not entry.differences() for entry in self.entries
        )

    def render(self, *, show_output: bool = False) -> str:
        """The report; ``show_output`` adds what each equal script printed (both did)."""
        lines = [
            "verify: original code on legacy_compat.install() vs migrated code on the new "
            f"client, every call sent to the local endpoint at {self.base_url}"
        ]
        for entry in self.entries:
            differences = entry.differences()
            output_lines = len(entry.original.stdout.splitlines())
            if not differences:
                lines.append(
                    f"  {entry.script}: EQUAL ({output_lines} lines printed; "
                    f"{entry.original.calls} / {entry.migrated.calls} inference calls served "
                    f"locally; {entry.original.seconds:.1f} s / {entry.migrated.seconds:.1f} s)"
                )
                if show_output:
                    lines.append("    what both printed:")
                    lines.extend("    | " + line for line in entry.original.stdout.splitlines())
                continue
            lines.append(f"  {entry.script}: DIFFERENT")
            lines.extend("    " + line for d in differences for line in d.splitlines())
            for label, run in (("original", entry.original), ("migrated", entry.migrated)):
                if run.returncode != 0 and run.stderr.strip():
                    tail = run.stderr.strip().splitlines()[-15:]
                    lines.append(f"    {label} stderr (last {len(tail)} lines):")
                    lines.extend("      " + line for line in tail)
        if self.still_on_shim:
            lines.append(
                "note: marked sites still run on legacy_compat in "
                f"{', '.join(self.still_on_shim)}; resolve their TODO(legacy-compat) comments"
            )
        verdict = "EQUAL" if self.equal else "DIFFERENT"
        lines.append(f"result: {verdict} ({len(self.entries)} entry script(s))")
        return "\n".join(lines)


def _expand(value: str, endpoint: LocalEndpoint) -> str:
    def replace(match: re.Match[str]) -> str:
        name, argument = match.group("name"), match.group("argument")
        if name == "fixture_url" and argument:
            try:
                return endpoint.fixture_url(argument)
            except KeyError as exc:
                raise VerifyConfigError(str(exc.args[0])) from None
        if name == "base_url" and argument is None:
            return endpoint.base_url
        raise VerifyConfigError(
            f"env value {value!r}: unknown placeholder {match.group(0)!r}; "
            "use {fixture_url:NAME} or {base_url}"
        )

    return _PLACEHOLDER.sub(replace, value)


def run_environment(endpoint: LocalEndpoint, config: VerifyConfig) -> Dict[str, str]:
    """The environment every run gets: the caller's, pointed at the endpoint and nowhere else."""
    env = dict(os.environ)
    env.update(endpoint.client_env())
    # A call that ignores CLARIFAI_API_BASE (an explicit base_url="https://api.clarifai.com")
    # must fail, not leave the machine: every proxy variable points at a closed local port
    # (9, discard), and only loopback bypasses it.
    for key in ("grpc_proxy", "https_proxy", "http_proxy", "HTTPS_PROXY", "HTTP_PROXY"):
        env[key] = _NOWHERE
    for key in ("no_grpc_proxy", "no_proxy", "NO_PROXY"):
        env[key] = "127.0.0.1,localhost"
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # leave the projects as they were
    env["PYTHONIOENCODING"] = "utf-8"
    env.update({key: _expand(value, endpoint) for key, value in config.env.items()})
    return env


def _run(
    command: Sequence[str], cwd: Path, env: Mapping[str, str], timeout: float, endpoint: Any
) -> RunResult:
    before = len(endpoint.records)
    started = time.monotonic()
    try:
        done = subprocess.run(
            list(command),
            cwd=cwd,
            env=dict(env),
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
            check=False,
        )
        returncode: Optional[int] = done.returncode
        stdout, stderr = done.stdout, done.stderr
    except subprocess.TimeoutExpired as exc:
        returncode = None
        stdout = _text(exc.stdout)
        stderr = _text(exc.stderr)
    return RunResult(
        tuple(command),
        returncode,
        stdout,
        stderr,
        time.monotonic() - started,
        len(endpoint.records) - before,
    )


def _text(output: Any) -> str:
    if output is None:
        return ""
    if isinstance(output, bytes):
        return output.decode("utf-8", errors="replace")
    return str(output)


_SHIM_IMPORT = re.compile(r"^\s*(?:import|from)\s+legacy_compat\b", re.MULTILINE)


def files_on_shim(project: Path) -> Tuple[str, ...]:
    """Python files of ``project`` that import ``legacy_compat`` (relative paths, sorted)."""
    return tuple(
        sorted(
            str(path.relative_to(project))
            for path in project.rglob("*.py")
            if _SHIM_IMPORT.search(path.read_text(encoding="utf-8", errors="replace"))
        )
    )


def verify_projects(
    original: Path,
    migrated: Path,
    config: VerifyConfig,
    *,
    timeout: float = 120.0,
    python: str = sys.executable,
) -> VerificationReport:
    """Run every entry script of both trees against one local endpoint and compare."""
    from legacy_compat.testing import LocalEndpoint

    scripts = entry_points(original, config)
    missing = [s for s in scripts if not (migrated / shlex.split(s)[0]).is_file()]
    if missing:
        raise VerifyConfigError(
            f"the migrated copy {migrated} lacks {', '.join(missing)}; "
            "give the directory `legacy-compat migrate --write` was run on"
        )
    try:
        endpoint = LocalEndpoint(
            config.local_models(),
            deploying_calls=0,
            max_lifetime_s=timeout * 2 * len(scripts) + 60,
        )
    except ValueError as exc:  # a mapping to a model the endpoint does not have
        raise VerifyConfigError(f"the verify file's models: {exc}") from None
    with endpoint:
        for alias, target in config.models.items():
            try:
                endpoint.add_alias(alias, target)
            except (KeyError, ValueError) as exc:
                raise VerifyConfigError(
                    f"cannot map {alias!r} to {target!r}: {exc}. Map it to one of the local "
                    f"models: {', '.join(endpoint.model_ids)}"
                ) from None
        for deployment in config.deployments:
            user_id, sep, deployment_id = deployment.partition("/")
            if not sep or not user_id or not deployment_id or "/" in deployment_id:
                raise VerifyConfigError(
                    f"deployment {deployment!r}: expected USER/DEPLOYMENT, e.g. acme/prod-gpu"
                )
            endpoint.add_deployment(deployment_id, user_id=user_id)
        env = run_environment(endpoint, config)
        entries = []
        for script in scripts:
            command = shlex.split(script)
            legacy = _run(
                [python, "-m", "legacy_compat.installed", *command],
                original,
                env,
                timeout,
                endpoint,
            )
            new = _run([python, *command], migrated, env, timeout, endpoint)
            entries.append(EntryComparison(script, legacy, new))
        return VerificationReport(endpoint.base_url, tuple(entries), files_on_shim(migrated))


@dataclass(frozen=True)
class MigrationRun:
    """One ``legacy-compat migrate --write`` run over a copy."""

    command: Tuple[str, ...]
    returncode: Optional[int]
    output: str

    @property
    def failed(self) -> bool:
        """Timed out, usage error, or crash (status 1 only says "files changed")."""
        return self.returncode not in (0, 1) or "Traceback (most recent call last)" in self.output


def copy_project(source: Path, destination: Path) -> None:
    """Copy a project tree, without caches; ``destination`` must not exist yet."""
    import shutil

    shutil.copytree(
        source,
        destination,
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".mypy_cache", ".ruff_cache"),
    )


def migrate_in_place(
    project: Path, *, timeout: float = 120.0, python: str = sys.executable
) -> MigrationRun:
    """Run ``legacy-compat migrate --write PROJECT`` (a subprocess, as a user would)."""
    command = (python, "-m", "legacy_compat.cli", "migrate", "--write", str(project))
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1")
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        return MigrationRun(command, None, _text(exc.stdout) + _text(exc.stderr))
    return MigrationRun(command, done.returncode, done.stdout + done.stderr)
