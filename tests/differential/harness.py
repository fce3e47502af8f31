"""The differential harness: a legacy program, migrated, run both ways, compared.

The only proof that a rewrite is right is a run: the ORIGINAL program with
``legacy_compat.install()`` in effect and the MIGRATED program on the plain SDK, each in its
own subprocess, against one :class:`~legacy_compat.testing.LocalEndpoint` whose models echo
what they receive (:mod:`echo_models`). The two runs must print the same, raise the same
(type and message) and send the same requests (inputs, parameters, routing), compared by
what the model receives (:mod:`legacy_compat.testing.request_meaning`): the proto form and
the pythonic request of one call are the same request, a parameter the runner ignores is
not sent at all. This module
reuses the verify machinery (:func:`legacy_compat.verification.run_script` and its
:class:`~legacy_compat.verification.EntryComparison`), so the tests and ``legacy-compat
verify`` judge a migration by the same rules.

Example (``echo_endpoint`` is the session fixture of ``tests/differential/conftest.py``)::

    program = LegacyProgram("tags", SOURCE, files={"dog.jpg": DOG})
    result = run_differential(echo_endpoint, program, tmp_path)
    assert result.equal, result.report()
"""

from __future__ import annotations

import atexit
import json
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple

from codemods.engine import migrate_python
from codemods.findings import Finding, Outcome
from codemods.options import MigrateOptions
from codemods.project_index import ProjectIndex
from codemods.signature_file import SignatureSet
from legacy_compat.verification import (
    EntryComparison,
    VerifyConfig,
    run_environment,
    run_script,
)

__all__ = [
    "DEPLOYMENTS",
    "NODEPOOLS",
    "DifferentialResult",
    "LegacyProgram",
    "Migration",
    "migrate_program",
    "prepare_endpoint",
    "run_differential",
    "run_many",
    "shared_echo_endpoint",
    "start_echo_endpoint",
    "write_check_failures",
]

#: Routing targets the programs name: (deployment id, owner).
DEPLOYMENTS: Tuple[Tuple[str, str], ...] = (
    ("prod-gpu", "test-user"),
    ("llm-deployment", "test-user"),
    ("vision-dedicated", "test-user"),
)
#: (compute cluster, nodepool, owner).
NODEPOOLS: Tuple[Tuple[str, str, str], ...] = (("gpu-cluster", "a10-pool", "test-user"),)

#: Media URLs in programs use this host; both runs get it replaced by the endpoint's fixture
#: server, so ``https://samples.clarifai.com/dog.jpg`` is served from 127.0.0.1 (the model
#: runner downloads URL inputs, and nothing may leave the machine).
SAMPLES_HOST = "https://samples.clarifai.com/"
_ALLOWED_URL = re.compile(
    r"https://(?:clarifai\.com|api\.clarifai\.com|samples\.clarifai\.com)(?:/|\b)"
)
_ANY_URL = re.compile(r"https?://[^\s'\"]*")

#: Seconds one run may take before it is stopped (a bounded loop that did not end).
RUN_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class LegacyProgram:
    """A legacy program and everything it needs to run.

    ``files`` are written next to the program (relative paths, bytes or text); ``signatures``
    is the text of a signatures file (docs/architecture.md) given to the migration, or None.
    ``env`` values may use ``{fixture_url:NAME}`` and ``{base_url}`` as in a verify file.
    """

    name: str
    source: str
    files: Mapping[str, Any] = field(default_factory=dict)
    signatures: Optional[str] = None
    env: Mapping[str, str] = field(default_factory=dict)
    argv: Tuple[str, ...] = ()
    filename: str = "program.py"


@dataclass(frozen=True)
class Migration:
    """The codemod's output for one program and what it reported per site."""

    source: str
    findings: Tuple[Finding, ...]

    def count(self, outcome: Outcome) -> int:
        return sum(1 for f in self.findings if f.outcome is outcome and f.code)


def migration_options(program: LegacyProgram) -> MigrateOptions:
    """What ``legacy-compat migrate`` would be given for this program: its signatures file
    and, like the CLI run from the program's folder, the index of its sibling modules."""
    signatures = (
        SignatureSet()
        if program.signatures is None
        else SignatureSet.from_json(json.loads(program.signatures))
    )
    return MigrateOptions(signatures=signatures, project=_project_of(program))


def _project_of(program: LegacyProgram) -> Optional[ProjectIndex]:
    modules = {n: v for n, v in program.files.items() if str(n).endswith(".py")}
    if not modules:
        return None
    root = Path("/program-folder")  # never read: names only, so ``models.py`` is ``models``
    files = [(root / program.filename, program.source.encode("utf-8"))]
    files += [
        (root / n, v if isinstance(v, bytes) else str(v).encode()) for n, v in modules.items()
    ]
    return ProjectIndex.build(files, root)


def _comments(source: str) -> List[str]:
    import io
    import tokenize

    try:
        return [
            token.string.strip()
            for token in tokenize.generate_tokens(io.StringIO(source).readline)
            if token.type == tokenize.COMMENT
        ]
    except (tokenize.TokenError, SyntaxError):
        return []


def _compiles(source: str) -> bool:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(source, "<migrated>", "exec", dont_inherit=True)
        except (SyntaxError, ValueError):
            return False
    return True


def write_check_failures(
    original: str, migrated: str, options: Optional[MigrateOptions] = None
) -> List[str]:
    """The verified-write contract, checked from outside the engine (empty when it holds).

    The output compiles wherever the input did; every comment of the input is still there
    (markers may be added); migrating the output again changes nothing.
    """
    failures = []
    if _compiles(original) and not _compiles(migrated):
        failures.append("does not compile")
    remaining = _comments(migrated)
    lost = []
    for comment in _comments(original):
        if comment in remaining:
            remaining.remove(comment)
        else:
            lost.append(comment)
    if lost:
        failures.append(f"comments lost: {lost}")
    again, _ = migrate_python(migrated, options or MigrateOptions(), path="again.py")
    if again != migrated:
        import difflib

        changed = [
            line
            for line in difflib.unified_diff(migrated.splitlines(), again.splitlines(), lineterm="")
            if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
        ]
        # First line: the verdict; then the lines the second run changed.
        failures.append("\n".join(["not idempotent: a second run changed the output", *changed]))
    return failures


def migrate_program(program: LegacyProgram) -> Migration:
    """Migrate the program's source with the codemod (in process: no SDK is imported)."""
    new, findings = migrate_python(
        program.source, migration_options(program), path=program.filename
    )
    return Migration(new, tuple(findings))


@dataclass(frozen=True)
class DifferentialResult:
    """Both runs of one program, and the migration between them."""

    program: LegacyProgram
    migration: Migration
    comparison: EntryComparison

    @property
    def equal(self) -> bool:
        return self.comparison.equal

    def differences(self) -> List[str]:
        return self.comparison.differences()

    def report(self) -> str:
        """What differs, with the migrated source, for an assertion message."""
        lines = [f"{self.program.name}: " + ("EQUAL" if self.equal else "DIFFERENT")]
        lines.extend("  " + line for d in self.differences() for line in d.splitlines())
        if not self.equal:
            for label, run in (
                ("original", self.comparison.original),
                ("migrated", self.comparison.migrated),
            ):
                if run.failed and run.exception is None:
                    lines.append(
                        f"  {label} stderr tail: " + " | ".join(run.stderr.splitlines()[-4:])
                    )
            lines.append("  migrated source:")
            lines.extend("    " + line for line in self.migration.source.splitlines())
        return "\n".join(lines)


def prepare_endpoint(endpoint: Any) -> None:
    """Serve the echo models, their aliases and the routing targets on a running endpoint."""
    from echo_models import serve_echo_models

    serve_echo_models(endpoint)
    for deployment_id, user_id in DEPLOYMENTS:
        endpoint.add_deployment(deployment_id, user_id=user_id)
    for cluster_id, nodepool_id, user_id in NODEPOOLS:
        endpoint.add_nodepool(cluster_id, nodepool_id, user_id=user_id)


_shared_lock = threading.Lock()
_shared: List[Any] = []


def shared_echo_endpoint() -> Any:
    """The one echo endpoint of this process, started on first use.

    The differential and realistic test directories both use it, so a session starts one
    endpoint however many of them run. It stops at exit, or by its own watchdog.
    """
    with _shared_lock:
        if not _shared or not _shared[0].running:
            endpoint = start_echo_endpoint()
            atexit.register(endpoint.stop)
            _shared[:] = [endpoint]
        return _shared[0]


def check_loopback_only(program: LegacyProgram) -> None:
    """Refuse a program that names a URL the runs could fetch from outside the machine."""
    texts = [program.source, *program.argv, *program.env.values()]
    for match in (m for text in texts for m in _ANY_URL.finditer(text)):
        if not _ALLOWED_URL.match(match.group(0)):
            raise ValueError(
                f"{program.name}: {match.group(0)!r} would be fetched from the network; use "
                f"{SAMPLES_HOST}NAME (served locally) for media and clarifai.com model URLs"
            )


def _localized(source: str, endpoint: Any) -> str:
    local = endpoint.fixture_url("dog.jpg")[: -len("dog.jpg")]
    return source.replace(SAMPLES_HOST, local)


def start_echo_endpoint() -> Any:
    """A new echo endpoint (the caller stops it); for runs in parallel, one per worker."""
    from legacy_compat.testing import LocalEndpoint

    endpoint = LocalEndpoint([], deploying_calls=0, max_lifetime_s=3600).start()
    prepare_endpoint(endpoint)
    return endpoint


def run_many(
    programs: List[LegacyProgram], workdir: Path, *, workers: int = 0
) -> Dict[str, DifferentialResult]:
    """Run several programs both ways, ``workers`` at a time (default: one per CPU, at most 4).

    A run's requests are told apart by the endpoint that received them, so each worker has
    its own endpoint (the first is the shared one); programs on one worker run one by one.
    """
    import os
    from concurrent.futures import ThreadPoolExecutor
    from queue import Queue

    count = workers or max(1, min(4, os.cpu_count() or 1, len(programs)))
    endpoints: Queue = Queue()
    endpoints.put(shared_echo_endpoint())
    extra = [start_echo_endpoint() for _ in range(count - 1)]
    for endpoint in extra:
        endpoints.put(endpoint)

    def run_one(program: LegacyProgram) -> DifferentialResult:
        endpoint = endpoints.get()
        try:
            return run_differential(endpoint, program, workdir / program.name)
        finally:
            endpoints.put(endpoint)

    try:
        with ThreadPoolExecutor(max_workers=count) as pool:
            results = list(pool.map(run_one, programs))
    finally:
        for endpoint in extra:
            endpoint.stop()
    return {result.program.name: result for result in results}


def _write_tree(root: Path, program: LegacyProgram, source: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for relative, content in program.files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    script = root / program.filename
    script.write_text(source, encoding="utf-8")
    return script


def _environment(endpoint: Any, program: LegacyProgram) -> Dict[str, str]:
    env = run_environment(endpoint, VerifyConfig(env=program.env))
    # Legacy warnings and the SDK's logs go to stderr, which is not compared; keep the
    # child's own warning filters (pytest's "error" filter is not inherited).
    env.pop("PYTHONWARNINGS", None)
    return env


def run_differential(
    endpoint: Any,
    program: LegacyProgram,
    workdir: Path,
    *,
    migration: Optional[Migration] = None,
) -> DifferentialResult:
    """Migrate ``program`` (unless ``migration`` is given), run both, compare.

    The runs happen one after the other (the endpoint's request log is cut per run), each in
    a fresh copy of the program's files, so one run cannot see what the other wrote.
    """
    check_loopback_only(program)
    migration = migration or migrate_program(program)
    original = _write_tree(workdir / "original", program, _localized(program.source, endpoint))
    migrated = _write_tree(workdir / "migrated", program, _localized(migration.source, endpoint))
    env = _environment(endpoint, program)
    env.update({key: _localized(value, endpoint) for key, value in program.env.items()})
    command = [original.name, *(_localized(argument, endpoint) for argument in program.argv)]
    endpoint.reset()
    before = run_script("shim", command, original.parent, env, RUN_TIMEOUT_S, endpoint)
    endpoint.reset()
    after = run_script("plain", command, migrated.parent, env, RUN_TIMEOUT_S, endpoint)
    comparison = EntryComparison(program.filename, before, after)
    return DifferentialResult(program, migration, comparison)
