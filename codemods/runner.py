"""Run the migration over many files: pre-filter, parallel workers, atomic writes.

The main process walks the tree and applies the textual pre-filter (reading bytes is far
cheaper than parsing); only candidate files go to the worker processes, which return the new
bytes and the findings. Writing happens in the main process, one file at a time, through a
temporary file in the same directory and ``os.replace``: a file is either the old version or
the new one, never half-written, even on Ctrl-C.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import tempfile
import threading
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional

from codemods.engine import might_contain_legacy_calls, migrate_python
from codemods.findings import Finding, Outcome
from codemods.formats import Handler, handler_for
from codemods.options import MigrateOptions
from codemods.project_index import (
    ProjectIndex,
    import_root,
    imported_module_files,
    indexes_models,
)
from codemods.results import FileResult
from codemods.source import decode_source
from codemods.verified import VerificationFailure, carrier_failure, skipped_finding

__all__ = [
    "WRITE_CODE",
    "FileResult",
    "format_handler",
    "migrate_file",
    "migrate_files",
    "write_atomically",
    "write_result",
]

#: The ``code`` of the ``skipped`` finding for a file whose migration could not be written
#: (unwritable, changed during the run, or a second path to a file already written).
WRITE_CODE = "WRITE"

#: Below this many candidate files a process pool costs more than it saves (each worker
#: would import libcst and the pool itself takes time to start).
_POOL_THRESHOLD = 16


def format_handler(path: Path) -> Optional[Handler]:
    """The carrier-format handler for a non-Python file, or None (see codemods.formats)."""
    return handler_for(path)


def is_candidate(path: Path, data: bytes) -> bool:
    """The pre-filter: Python files need a legacy method name; carriers decide for themselves."""
    if path.suffix in (".py", ".pyi"):
        return might_contain_legacy_calls(data)
    handler = handler_for(path)
    return handler is not None and handler.might_match(data)


def migrate_file(path: Path, options: MigrateOptions, data: Optional[bytes] = None) -> FileResult:
    """Migrate one file's content (not written); never raises for bad content."""
    shown = str(path)
    try:
        old = path.read_bytes() if data is None else data
    except OSError as exc:
        return FileResult(path, b"", None, [_skip(shown, f"cannot read the file ({exc.strerror})")])
    result = FileResult(path, old)
    try:
        decoded = decode_source(old)
    except (SyntaxError, UnicodeDecodeError, LookupError) as exc:
        result.findings.append(_skip(shown, f"cannot decode the file ({exc}); left unchanged"))
        return result
    if path.suffix in (".py", ".pyi"):
        new_text, findings = migrate_python(
            decoded.text, options, path=shown, encode=decoded.encode
        )
    else:
        handler = handler_for(path)
        if handler is None:
            return result
        new_text, findings = _migrate_carrier(handler, decoded.text, options, shown)
    result.findings = [f if f.path else _with_path(f, shown) for f in findings]
    if new_text != decoded.text:
        try:
            result.new = decoded.encode(new_text)
        except UnicodeEncodeError as exc:
            reason = f"the migrated text cannot be written in the file's encoding ({exc.reason})"
            failure = VerificationFailure("compiles", 0, reason)
            result.findings = [skipped_finding(failure, shown)]
    return result


def _migrate_carrier(
    handler: Handler, text: str, options: MigrateOptions, shown: str
) -> tuple[str, list[Finding]]:
    """A carrier's migration, verified as a whole (its Python pieces verify themselves)."""
    embedded = partial(migrate_python, options=options, path=shown)

    def migrate(carrier_text: str) -> tuple[str, list[Finding]]:
        new_text, findings = handler.migrate(carrier_text, embedded, enabled=options.enabled)
        return new_text, list(findings)

    try:
        new_text, findings = migrate(text)
        failure = carrier_failure(handler.name, text, new_text, again=lambda t: migrate(t)[0])
    except Exception as exc:  # a carrier bug must not stop the run
        suffix = Path(shown).suffix or handler.name
        return text, [_skip(shown, f"the {suffix} handler failed ({exc}); left unchanged")]
    if failure is not None:
        return text, [skipped_finding(failure, shown)]
    return new_text, findings


def _with_path(finding: Finding, path: str) -> Finding:
    from dataclasses import replace

    return replace(finding, path=path)


def _skip(path: str, message: str) -> Finding:
    return Finding("", 0, 0, Outcome.SKIPPED, message, path)


_WORKER_OPTIONS: Optional[MigrateOptions] = None


def _init_worker(options: MigrateOptions) -> None:
    global _WORKER_OPTIONS
    _WORKER_OPTIONS = options
    # Ctrl-C is the main process's to handle: it stops handing out work and shuts down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _work(path: Path) -> FileResult:
    assert _WORKER_OPTIONS is not None
    return migrate_file(path, _WORKER_OPTIONS)


def _import_closure(
    imported: Iterable[Path], root: Path, model_files: dict[Path, Path]
) -> list[tuple[Path, bytes]]:
    """The files the index must read: the project modules the candidates import, and the ones
    those import, that can build a model (:func:`indexes_models`).

    Only a name a file imports can make a receiver in it a ``Model`` built elsewhere, so the
    rest of the tree need not be parsed for the index; on a tree where every file builds its
    own model this was a serial ``ast.parse`` of each one before any worker started. Modules
    outside the walked paths count too (a run over one file still learns that ``from models
    import CAPTIONER`` is a Model); they are read, never migrated. ``model_files`` (real path
    -> path) are the walked files that can build a model, so each is read here only once.
    """
    found: list[tuple[Path, bytes]] = []
    seen: set[Path] = set()
    pending = list(imported)
    while pending:
        path = pending.pop()
        resolved = path.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        if path.is_dir():  # a package: its modules may be reached as its attributes
            pending.append(path / "__init__.py")
            pending.extend(p for real, p in model_files.items() if resolved in real.parents)
            continue
        path = model_files.get(resolved, path)
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if indexes_models(path, data):
            found.append((path, data))
            pending.extend(imported_module_files(path, data, root))
    return sorted(found, key=lambda item: str(item[0]))


def migrate_files(
    paths: Iterable[Path],
    options: MigrateOptions,
    *,
    jobs: int = 1,
    on_scanned: Optional[Callable[[int], None]] = None,
    on_done: Optional[Callable[[int, int], None]] = None,
) -> Iterator[FileResult]:
    """Results for every file the pre-filter lets through, in path order.

    The main process reads and pre-filters (a substring test: a 2,000-file tree takes a
    fraction of a second); only when enough candidates remain is a process pool worth its
    start-up, and then libcst is imported once before the workers fork.
    ``on_scanned(n)`` reports how many files were looked at; ``on_done(i, n)`` the progress
    over the candidates.
    """
    # Only the candidates' paths are kept: each file's text is read again where it is migrated
    # and dropped once its result is consumed, so memory does not grow with the tree.
    candidates: list[Path] = []
    model_files: dict[Path, Path] = {}  # real path -> path, of files that can build a model
    imported: list[Path] = []  # modules the candidates import, maybe not among ``paths``
    root = Path.cwd()
    scanned = 0
    for path in paths:
        scanned += 1
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield FileResult(path, b"", None, [_skip(str(path), f"cannot read ({exc.strerror})")])
            continue
        if is_candidate(path, data):
            candidates.append(path)
            if path.suffix == ".py":
                imported.extend(imported_module_files(path, data, root))
        if indexes_models(path, data):
            model_files[path.resolve()] = path
        del data
    if on_scanned is not None:
        on_scanned(scanned)
    if options.project is None and candidates and (model_files or imported):
        # Receivers built in other files (codemods.project_index): one cheap ast pass over
        # the modules the candidates import. A notebook or a Markdown file's imports are not
        # followed, so with one among the candidates every model file is indexed.
        seeds = imported
        if any(path.suffix != ".py" for path in candidates):
            seeds = [*imported, *model_files.values()]
        indexed = _import_closure(seeds, root, model_files)
        every_file = [*model_files.values(), *(path for path, _ in indexed)]
        if indexed:
            project = ProjectIndex.build(indexed, root=import_root(every_file))
            options = replace(options, project=project)
        del indexed
    total = len(candidates)
    if jobs <= 1 or total < _POOL_THRESHOLD:
        for index, path in enumerate(candidates, 1):
            yield migrate_file(path, options)
            if on_done is not None:
                on_done(index, total)
        return
    executor = _executor(jobs, options)
    try:
        chunk = max(1, min(16, total // (jobs * 4)))
        results = executor.map(_work, candidates, chunksize=chunk)
        for index, result in enumerate(results, 1):
            yield result
            if on_done is not None:
                on_done(index, total)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _executor(jobs: int, options: MigrateOptions) -> Executor:
    import multiprocessing
    import threading

    # fork is the cheapest start, but unsafe once threads exist (e.g. gRPC's, after
    # --fetch-signatures); then spawn.
    forkable = sys.platform.startswith("linux") and threading.active_count() == 1
    if forkable:
        import libcst.metadata  # noqa: F401  (imported once here, shared by the forked workers)
    context = multiprocessing.get_context("fork" if forkable else "spawn")
    return ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(options,)
    )


@contextlib.contextmanager
def _interruptions_deferred() -> Iterator[None]:
    """Hold Ctrl-C (and SIGTERM) until the block is done, where the platform allows it.

    A signal that lands between creating the temporary file and the cleanup handler would
    leave the temporary file in the user's tree; deferred, it is delivered as soon as the
    file is either replaced or removed.
    """
    deferred = [signal.SIGINT, signal.SIGTERM]
    held: list[int] = []
    handlers: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        # Blocking the signal in this thread is not enough: the kernel hands it to another
        # thread of the process (a pool's manager thread), and Python still runs the handler
        # here. So the handlers only note it until the block is done.
        for number in deferred:
            handlers[number] = signal.signal(number, lambda received, frame: held.append(received))
    previous = (
        signal.pthread_sigmask(signal.SIG_BLOCK, deferred)
        if hasattr(signal, "pthread_sigmask")
        else None
    )
    try:
        yield
    finally:
        if previous is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        for signal_number, handler in handlers.items():
            signal.signal(signal_number, handler)
        if held:
            signal.raise_signal(held[0])


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step (temp file in the same dir + os.replace).

    Interrupting it leaves ``path`` either untouched or completely rewritten, and no
    temporary file behind. A symlink is written through: its target is replaced and the link
    stays a link.
    """
    path = Path(os.path.realpath(path))
    mode = path.stat().st_mode & 0o7777
    with _interruptions_deferred():
        fd, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".legacy-compat", dir=path.parent
        )
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, mode)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise


def write_result(result: FileResult, written: dict[Path, Path]) -> Optional[Finding]:
    """Write one migrated file; a ``skipped`` finding instead when it must not be written.

    ``written`` maps the real path of every file this run has written to the path it was
    reached by: two paths to one file (a symlink and its target) are written once. A file
    whose content differs from what was migrated (edited during the run) is left alone, and
    an unwritable file is reported, so the run goes on with the others.
    """
    assert result.new is not None
    shown = str(result.path)
    target = Path(os.path.realpath(result.path))
    if target in written:
        return _unwritten(shown, f"same file as {written[target]}, which was already migrated")
    try:
        current = target.read_bytes()
    except OSError as exc:
        return _unwritten(shown, f"cannot read the file again before writing ({exc.strerror})")
    if current != result.old:
        return _unwritten(shown, "the file changed while the migration ran; run it again")
    try:
        write_atomically(target, result.new)
    except OSError as exc:
        return _unwritten(shown, f"cannot write the file ({exc.strerror or exc})")
    written[target] = result.path
    return None


def _unwritten(path: str, reason: str) -> Finding:
    return Finding(WRITE_CODE, 0, 0, Outcome.SKIPPED, f"left unchanged: {reason}", path)
