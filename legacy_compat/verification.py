"""Run a project's original and migrated code against the local endpoint and compare.

The claim a migration has to back up is "the new code does what the old code did". This
module checks it the direct way: each entry script of the ORIGINAL project runs unmodified,
with :func:`legacy_compat.install` done first (``python -m legacy_compat.installed``), and the
same script of the MIGRATED copy runs with plain ``python``, on the new client alone; both talk
to one :class:`~legacy_compat.testing.LocalEndpoint`, and three things are compared: what
they print, the exception that ended them (type and message, without the model's server-side
traceback), and what reached the endpoint (each request's inputs, parameters and routing:
user / app / model / version, deployment, nodepool). A call the migration sends to another
deployment prints the same and is still DIFFERENT; two runs that fail the same way are EQUAL
and reported as having failed the same way.

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

from legacy_compat.testing.request_meaning import RequestMeaning, meanings_of, shorten_bytes

if TYPE_CHECKING:
    from legacy_compat.testing import LocalEndpoint

__all__ = [
    "VERIFY_FILE",
    "EntryComparison",
    "MigrationRun",
    "RaisedException",
    "RequestSummary",
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
    "request_differences",
    "run_environment",
    "run_script",
    "summarize_request",
    "summarize_requests",
    "verify_projects",
    "without_server_details",
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
class RaisedException:
    """The exception that ended a run: what a user's ``except`` clause would see.

    ``message`` has the server-side traceback (the ``stack_trace:`` lines of a failed
    response's status) and memory addresses taken out: they say where the model's code
    failed, not what the user's program did, and they would differ between two runs that
    fail the same way.
    """

    type: str
    message: str

    def __str__(self) -> str:
        return f"{self.type}: {self.message}" if self.message else self.type


_SERVER_TRACEBACK = re.compile(r"^[ \t]*stack_trace: .*\n?", re.MULTILINE)
_ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")


def without_server_details(text: str) -> str:
    """``text`` without server-side traceback lines and memory addresses (see above)."""
    return _ADDRESS.sub("0x...", _SERVER_TRACEBACK.sub("", text))


@dataclass(frozen=True)
class RequestSummary:
    """One inference request: what it means to the model, and what the wire carried.

    Two runs of equivalent programs send requests of equal :attr:`meaning`
    (:mod:`legacy_compat.testing.request_meaning`: same route, routing, RPC, dispatched
    method and bound arguments); only the meaning is compared. The other fields are the raw
    encoding (the pythonic method name or ``""`` for a legacy request, ``output_info.params``
    as the ``Struct`` gave them, each input's proto with bytes shown by length and SHA-1),
    kept so a report shows how each run said what it said.
    """

    meaning: RequestMeaning
    rpc: str = field(compare=False)
    route: str = field(compare=False)
    method: str = field(compare=False)
    selector: str = field(compare=False)
    params: str = field(compare=False)
    output_config: str = field(compare=False)
    inputs: Tuple[str, ...] = field(compare=False)

    def wire(self) -> str:
        """The raw encoding in one line, for a report."""
        parts = [f"method {self.method or '(none: legacy encoding)'}"]
        if self.params:
            parts.append(f"output_info.params {self.params}")
        if self.output_config:
            parts.append(f"output_config {self.output_config}")
        parts.append("inputs " + ("; ".join(self.inputs) or "(none)"))
        return ", ".join(parts)


def _compact(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":")) if value else ""


def summarize_request(record: Any, meaning: RequestMeaning) -> RequestSummary:
    """The :class:`RequestSummary` of a :class:`~legacy_compat.testing.RequestRecord`.

    ``meaning`` comes from :func:`~legacy_compat.testing.request_meaning.meanings_of`, which
    needs the served models (the endpoint) and the records around a stream's messages.
    """
    from google.protobuf.json_format import MessageToDict

    return RequestSummary(
        meaning=meaning,
        rpc=record.rpc,
        route=meaning.route,
        method=record.method_name,
        selector=_compact(record.runner_selector),
        params=_compact(record.inference_params),
        output_config=_compact(record.output_config),
        inputs=tuple(
            _compact(shorten_bytes(MessageToDict(item, preserving_proto_field_name=True)))
            for item in record.inputs
        ),
    )


def summarize_requests(records: Sequence[Any], endpoint: Any) -> Tuple[RequestSummary, ...]:
    """The summaries of a run's records, read through the models ``endpoint`` serves."""
    lookup = getattr(endpoint, "served_model", lambda key: None)
    return tuple(
        summarize_request(record, meaning)
        for record, meaning in zip(records, meanings_of(records, lookup))
    )


def request_differences(
    original: Sequence[RequestSummary], migrated: Sequence[RequestSummary]
) -> List[str]:
    """Every way two runs' request logs differ in meaning, one entry per request.

    A request sent to another deployment, model or method, or with another argument, is a
    difference like any other: a migration that reroutes a call changes what the program
    does. A request that says the same thing in another encoding is not; when the meanings
    differ, both encodings are shown.
    """
    found: List[str] = []
    for index, (before, after) in enumerate(zip(original, migrated), start=1):
        if before == after:
            continue
        old, new = before.meaning.fields(), after.meaning.fields()
        changed = [key for key in old if old[key] != new[key]]
        lines = [
            f"request {index} ({before.rpc} to {before.route}) differs in {', '.join(changed)}:"
        ]
        for key in changed:
            lines.append(f"  {key}: original {old[key]}")
            lines.append(f"  {' ' * len(key)}  migrated {new[key]}")
        for label, summary in (("original", before), ("migrated", after)):
            meaning = summary.meaning
            lines.append(f"  {label} bound as {meaning.binding or '-'}; sent {summary.wire()}")
            if meaning.ignored:
                lines.append(f"  {' ' * len(label)} the model ignores {meaning.ignored}")
        found.append("\n".join(lines))
    if len(original) != len(migrated):
        longer, label = (
            (original, "original") if len(original) > len(migrated) else (migrated, "migrated")
        )
        found.append(
            f"the original sent {len(original)} inference request(s), the migrated "
            f"{len(migrated)}; only the {label} sent:\n"
            + "\n".join(
                f"  {summary.rpc} to {summary.route} method {summary.meaning.method} "
                f"routing {summary.selector or '(none)'}"
                for summary in longer[min(len(original), len(migrated)) :]
            )
        )
    return found


@dataclass(frozen=True)
class RunResult:
    """One run of one script.

    ``stdout`` and the exception's message have the run's own directory replaced by
    ``<project>``: the original and the migrated copy live in different directories, and a
    program that prints a path would otherwise differ for no reason of its own.
    """

    command: Tuple[str, ...]
    returncode: Optional[int]  # None: killed after the timeout
    stdout: str
    stderr: str
    seconds: float
    calls: int  # inference requests the endpoint served during the run
    exception: Optional[RaisedException] = None
    requests: Tuple[RequestSummary, ...] = ()

    @property
    def timed_out(self) -> bool:
        return self.returncode is None

    @property
    def failed(self) -> bool:
        return self.returncode != 0


@dataclass(frozen=True)
class EntryComparison:
    """The original and migrated runs of one entry script.

    Equal means: same exit status, same stdout, same exception (type and message), and the
    same requests reached the endpoint, at least one of them. Two runs that fail the same
    way are equal (the migration changed nothing) and :attr:`failed_same_way` says so.
    """

    script: str
    original: RunResult
    migrated: RunResult

    @property
    def equal(self) -> bool:
        return not self.differences()

    @property
    def failed_same_way(self) -> bool:
        return self.equal and self.original.failed

    def differences(self) -> List[str]:
        """Every way the two runs differ, one entry each (empty when equal)."""
        found = []
        for label, run in (("original", self.original), ("migrated", self.migrated)):
            if run.timed_out:
                found.append(f"the {label} run was stopped after {run.seconds:.0f} s (timeout)")
        if self.original.returncode != self.migrated.returncode and not (
            self.original.timed_out or self.migrated.timed_out
        ):
            found.append(
                f"exit status differs: original {self.original.returncode}, "
                f"migrated {self.migrated.returncode}"
            )
        if self.original.exception != self.migrated.exception:
            found.append(
                "the exception differs: original "
                f"{self.original.exception or 'raised nothing'}; migrated "
                f"{self.migrated.exception or 'raised nothing'}"
            )
        if self.original.stdout != self.migrated.stdout:
            found.append("stdout differs:\n" + self.stdout_diff())
        found.extend(request_differences(self.original.requests, self.migrated.requests))
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
        return bool(self.entries) and all(entry.equal for entry in self.entries)

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
                    f"locally, the same requests; {entry.original.seconds:.1f} s / "
                    f"{entry.migrated.seconds:.1f} s)"
                )
                if entry.failed_same_way:
                    lines.append(
                        "    both runs failed the same way (exit status "
                        f"{entry.original.returncode}"
                        + (f", {entry.original.exception}" if entry.original.exception else "")
                        + "): the migration kept the failure, it did not cause it"
                    )
                if show_output:
                    lines.append("    what both printed:")
                    lines.extend("    | " + line for line in entry.original.stdout.splitlines())
                continue
            lines.append(f"  {entry.script}: DIFFERENT")
            lines.extend("    " + line for d in differences for line in d.splitlines())
            for label, run in (("original", entry.original), ("migrated", entry.migrated)):
                if run.failed and run.exception is None and run.stderr.strip():
                    # No exception escaped (sys.exit, a crash): the end of stderr says why.
                    tail = without_server_details(run.stderr).strip().splitlines()[-8:]
                    lines.append(f"    {label} stderr (last {len(tail)} lines):")
                    lines.extend("      " + line for line in tail)
        if self.still_on_shim:
            lines.append(
                "note: marked sites still run on legacy_compat in "
                f"{', '.join(self.still_on_shim)}; resolve their TODO(legacy-compat) comments"
            )
        verdict = "EQUAL" if self.equal else "DIFFERENT"
        same_failures = sum(entry.failed_same_way for entry in self.entries)
        note = f"; {same_failures} failed the same way in both runs" if same_failures else ""
        lines.append(f"result: {verdict} ({len(self.entries)} entry script(s){note})")
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


#: The client's own signature probe (an inference request the SDK sends to learn a model's
#: methods when the control plane has none): the client's business, not the program's, and
#: sent or not depending on what the client has cached. Left out of the compared requests.
_SIGNATURE_PROBE = "_GET_SIGNATURES"


def run_script(
    mode: str,
    command: Sequence[str],
    cwd: Path,
    env: Mapping[str, str],
    timeout: float,
    endpoint: Any,
    *,
    python: str = sys.executable,
) -> RunResult:
    """Run ``command`` (a script and its arguments) in ``cwd`` through the verify runner.

    ``mode`` is ``"shim"`` (``legacy_compat.install()`` first) or ``"plain"`` (the SDK
    alone). The requests are the endpoint's records made during the run, so runs against one
    endpoint must not overlap.
    """
    import tempfile

    from legacy_compat.verify_runner import EXCEPTION_FILE_VARIABLE

    before = len(endpoint.records)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="legacy-compat-run-") as scratch:
        exception_file = Path(scratch) / "exception.json"
        full_command = [python, "-m", "legacy_compat.verify_runner", mode, *command]
        try:
            done = subprocess.run(
                full_command,
                cwd=cwd,
                env={**env, EXCEPTION_FILE_VARIABLE: str(exception_file)},
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
        exception = _read_exception(exception_file, cwd)
    records = endpoint.records[before:]
    requests = summarize_requests(
        [record for record in records if record.method_name != _SIGNATURE_PROBE], endpoint
    )
    return RunResult(
        tuple(full_command),
        returncode,
        _relative_to_project(stdout, cwd),
        stderr,
        time.monotonic() - started,
        len(records),
        exception,
        requests,
    )


def _relative_to_project(text: str, project: Path) -> str:
    for root in {str(project.resolve()), str(project)}:
        text = text.replace(root, "<project>")
    return text


def _read_exception(path: Path, project: Path) -> Optional[RaisedException]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    message = without_server_details(_relative_to_project(str(data.get("message", "")), project))
    return RaisedException(str(data.get("type", "")), message.strip())


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
            legacy = run_script("shim", command, original, env, timeout, endpoint, python=python)
            new = run_script("plain", command, migrated, env, timeout, endpoint, python=python)
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
