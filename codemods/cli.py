"""The migrate command: ``legacy-compat migrate PATH...`` and ``python -m codemods PATH...``.

Importing this module is cheap on purpose (argparse only): ``legacy-compat --help`` builds
every subcommand's parser, and the migrate command must never import the Clarifai SDK or
gRPC. libcst is imported only when a file actually needs parsing.

Exit codes:

* 0 -- done: nothing to change, or the diff was shown (``--diff``) / written (``--write``);
* 1 -- ``--check`` only: at least one file would change, or a legacy call site is still
  marked or reported (``--allow-marked``: marked ones are accepted), so "remove the shim once
  ``--check`` passes" is safe;
* 2 -- usage or configuration error (bad flag, unknown rule code, bad signatures file);
* 3 -- some files could not be read or parsed and were left unchanged (nothing else failed);
* 4 -- the migrated code of some files failed a self-check (compiles, keeps every comment and
  the header lines, a second run changes nothing) and those files were left unchanged;
* 5 -- ``--write``: some files could not be written (unwritable, changed during the run) and
  were left unchanged; the others were written;
* 130 -- interrupted (files already written are complete; none is half-written).

The command follows the conventions of ruff and black: ``--version``, ``NO_COLOR``
(https://no-color.org) turns the automatic colour off, ``-j 0`` means one worker per CPU, and
a usage error prints the command's usage line before the message.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Sequence, TextIO

if TYPE_CHECKING:
    from codemods.config import MigrateConfig
    from codemods.options import MigrateOptions
    from codemods.report import RunReport

__all__ = [
    "EXIT_CHANGES",
    "EXIT_CODES_HELP",
    "EXIT_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_SKIPPED",
    "EXIT_UNVERIFIED",
    "EXIT_UNWRITTEN",
    "configure",
    "main",
    "run",
    "version_text",
]

EXIT_OK = 0
EXIT_CHANGES = 1
EXIT_ERROR = 2
EXIT_SKIPPED = 3
EXIT_UNVERIFIED = 4
EXIT_UNWRITTEN = 5
EXIT_INTERRUPTED = 130

EXIT_CODES_HELP = """\
exit codes:
  0    done: nothing to change, or the diff was shown / the files were written
  1    --check: at least one file would change
  2    usage or configuration error
  3    some files could not be read or parsed and were left unchanged
  4    some files failed the self-check of their migrated code and were left unchanged
  5    --write: some files could not be written and were left unchanged
  130  interrupted (no file is left half-written)

environment: NO_COLOR=1 turns the automatic colour off"""


def version_text(program: str) -> str:
    """``--version`` output: this package's version, and the SDK and Python it would run with.

    Read from package metadata, so it never imports the SDK (the SDK's version is what the
    user needs to know when the migration and the facade disagree about their environment).
    """
    import platform
    from importlib import metadata

    try:
        ours = metadata.version("clarifai-legacy-compat")
    except metadata.PackageNotFoundError:  # run from a source tree without installing
        from codemods import __version__ as ours
    try:
        sdk = f"clarifai {metadata.version('clarifai')}"
    except metadata.PackageNotFoundError:
        sdk = "no clarifai installed"
    return f"{program} {ours} ({sdk}; Python {platform.python_version()})"


def _jobs(value: str) -> int:
    """``--jobs``: a worker count, with 0 meaning one per CPU (as ``pytest -n``, ``make -j``)."""
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"{jobs} is negative; give 1 or more, or 0 for all CPUs")
    return jobs


def _codes(value: str) -> list[str]:
    return [code.strip().upper() for code in value.split(",") if code.strip()]


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the migrate arguments to ``parser`` (cheap: no heavy imports)."""
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EXIT_CODES_HELP
    parser.set_defaults(_migrate_parser=parser)
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[Path(".")],
        metavar="PATH",
        help="files or directories to migrate (default: .)",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--diff",
        dest="mode",
        action="store_const",
        const="diff",
        help="print a unified diff and change nothing (the default)",
    )
    mode.add_argument(
        "--write",
        dest="mode",
        action="store_const",
        const="write",
        help="rewrite files in place (atomically)",
    )
    mode.add_argument(
        "--check",
        dest="mode",
        action="store_const",
        const="check",
        help="change nothing; exit 1 if any file would change or any legacy call site is "
        "marked or reported (for CI)",
    )
    parser.add_argument(
        "--allow-marked",
        action="store_true",
        help="with --check: accept call sites already marked with a TODO (still on legacy_compat)",
    )
    parser.add_argument(
        "--select",
        type=_codes,
        action="append",
        default=None,
        metavar="CODES",
        help="only these rules (comma-separated, e.g. LC001,LC002)",
    )
    parser.add_argument(
        "--ignore",
        type=_codes,
        action="append",
        default=None,
        metavar="CODES",
        help="skip these rules (comma-separated)",
    )
    parser.add_argument(
        "--include",
        action="append",
        default=None,
        metavar="GLOB",
        help="only files matching this glob (gitignore syntax; repeatable)",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=None,
        metavar="GLOB",
        help="skip files matching this glob (repeatable)",
    )
    parser.add_argument(
        "--no-gitignore",
        dest="gitignore",
        action="store_false",
        default=None,
        help="also scan files that .gitignore excludes",
    )
    parser.add_argument(
        "--signatures",
        type=Path,
        metavar="FILE",
        help="model signatures (written by `legacy-compat signatures`)",
    )
    parser.add_argument(
        "--fetch-signatures",
        action="store_true",
        help="read the signatures of the models named in the code from the "
        "live API (PAT from CLARIFAI_PAT, base URL from CLARIFAI_API_BASE)",
    )
    parser.add_argument(
        "--json",
        dest="json_report",
        metavar="REPORT",
        help="write a JSON report of every site to REPORT ('-' for stdout: diffs and "
        "annotations then go to stderr)",
    )
    parser.add_argument(
        "--output-format",
        choices=("text", "github"),
        default=None,
        help="'github' prints GitHub Actions annotations for every site",
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=None,
        metavar="N",
        help="worker processes; 0 = one per CPU (default: 0)",
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the diff (default: when stdout is a terminal and NO_COLOR is unset)",
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar="PYPROJECT",
        help="read [tool.legacy-compat] from this file (default: nearest pyproject.toml)",
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="no summary and no progress bar")
    parser.add_argument("--list-rules", action="store_true", help="list the rules and exit")


def _error(message: str) -> int:
    print(f"legacy-compat migrate: error: {message}", file=sys.stderr)
    return EXIT_ERROR


def _usage_error(args: argparse.Namespace, message: str) -> int:
    """A mistake on the command line: the usage line first, as argparse does for its own."""
    parser: Optional[argparse.ArgumentParser] = getattr(args, "_migrate_parser", None)
    if parser is not None:
        parser.print_usage(sys.stderr)
    return _error(message)


def _worker_count(requested: Optional[int], configured: Optional[int]) -> int:
    """``-j``, else ``[tool.legacy-compat] jobs``, else one per CPU; 0 means one per CPU."""
    jobs = requested if requested is not None else configured
    if not jobs:
        return os.cpu_count() or 1
    return jobs


def _use_color(choice: str) -> bool:
    """``--color``; ``auto`` colours a terminal unless ``NO_COLOR`` is set to anything."""
    if choice != "auto":
        return choice == "always"
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def _list_rules() -> int:
    from codemods.rules import every_rule

    for code, rule in every_rule().items():
        print(f"{code}  {rule.name:<20} {rule.message}")
    from codemods.findings import LEFT_UNCHANGED_CODE

    print(
        f"{LEFT_UNCHANGED_CODE}  {'left-unchanged':<20} not parsed here or not handled; always "
        "reported (not selectable)"
    )
    return EXIT_OK


def _options(args: argparse.Namespace, config: MigrateConfig) -> MigrateOptions:
    from codemods.options import MigrateOptions
    from codemods.rules import rule_codes
    from codemods.signature_file import SignatureSet, read_signatures

    known = set(rule_codes())
    select = [c for group in args.select for c in group] if args.select else list(config.select)
    ignore = [*config.ignore, *(c for group in args.ignore or () for c in group)]
    for code in [*select, *ignore]:
        if code not in known:
            raise ValueError(
                f"unknown rule code {code!r}; known codes: {', '.join(sorted(known))} "
                "(see --list-rules)"
            )
    signatures_path = args.signatures or config.signatures
    signatures = read_signatures(signatures_path) if signatures_path else SignatureSet()
    return MigrateOptions(
        select=frozenset(select) if select else None,
        ignore=frozenset(ignore),
        signatures=signatures,
    )


def run(args: argparse.Namespace) -> int:
    """Run the migrate command for parsed ``args``; returns the exit code."""
    if args.list_rules:
        return _list_rules()
    from codemods.config import ConfigError, find_pyproject, load_config
    from codemods.signature_file import SignatureFileError

    for path in args.paths:
        if not path.exists():
            return _usage_error(
                args, f"path {str(path)!r} does not exist; pass files or directories"
            )
    try:
        pyproject = args.config or find_pyproject(args.paths[0] if args.paths else Path("."))
        config = load_config(pyproject)
    except ConfigError as exc:
        return _error(str(exc))
    try:
        options = _options(args, config)
    except SignatureFileError as exc:
        return _error(str(exc))
    except ValueError as exc:  # an unknown rule code
        return _usage_error(args, str(exc))
    mode = args.mode or "diff"
    output_format = args.output_format or config.output_format or "text"
    jobs = _worker_count(args.jobs, config.jobs)
    color = _use_color(args.color)
    try:
        return _migrate(args, config, options, mode, output_format, jobs, color)
    except KeyboardInterrupt:
        print(
            "\nlegacy-compat migrate: interrupted; no file was left half-written", file=sys.stderr
        )
        return EXIT_INTERRUPTED


def _migrate(
    args: argparse.Namespace,
    config: MigrateConfig,
    options: MigrateOptions,
    mode: str,
    output_format: str,
    jobs: int,
    color: bool,
) -> int:
    from codemods.files import PYTHON_SUFFIXES, FileSelector
    from codemods.findings import Outcome
    from codemods.progress import ProgressBar
    from codemods.report import RunReport, json_destination_error, unified_diff
    from codemods.runner import WRITE_CODE, format_handler, migrate_files, write_result
    from codemods.verified import VERIFY_CODE

    if args.json_report and args.json_report != "-":
        problem = json_destination_error(Path(args.json_report))
        if problem is not None:
            return _error(problem)
    # With `--json -` stdout carries the JSON document only; diffs and annotations go to stderr.
    out = sys.stderr if args.json_report == "-" else sys.stdout

    selector = FileSelector(
        include=[*config.include, *(args.include or ())],
        exclude=[*config.exclude, *(args.exclude or ())],
        use_gitignore=config.respect_gitignore if args.gitignore is None else args.gitignore,
        accepts=lambda p: p.suffix in PYTHON_SUFFIXES or format_handler(p) is not None,
    )
    files = list(selector.files(args.paths))
    if args.fetch_signatures:
        from codemods.live_signatures import LiveSignaturesUnavailable

        try:
            options = _fetched(files, options)
        except LiveSignaturesUnavailable as exc:
            return _error(f"--fetch-signatures needs the Clarifai SDK and legacy_compat ({exc})")
    report = RunReport()
    written: dict[Path, Path] = {}
    progress = ProgressBar(sys.stderr, not args.quiet)

    def scanned(count: int) -> None:
        report.files_scanned = count

    try:
        for result in migrate_files(
            files, options, jobs=jobs, on_scanned=scanned, on_done=progress.update
        ):
            report.files_parsed += 1
            if mode == "write" and result.changed:
                unwritten = write_result(result, written)
                if unwritten is not None:
                    result.findings, result.new = [unwritten], None
            report.findings.extend(result.findings)
            if not result.changed:
                continue
            shown = str(result.path)
            report.files_changed.append(shown)
            assert result.new is not None
            if mode == "diff":
                progress.close()
                out.write(unified_diff(shown, result.old, result.new, color=color))
            elif mode == "check" and not args.quiet:
                progress.close()
                print(f"would rewrite {shown}", file=sys.stderr)
    finally:
        progress.close()
    _report(args, report, output_format, out)
    skipped_codes = {f.code for f in report.findings if f.outcome is Outcome.SKIPPED}
    if WRITE_CODE in skipped_codes:
        return EXIT_UNWRITTEN
    if mode == "check" and (report.files_changed or _legacy_left(report, args)):
        return EXIT_CHANGES
    if VERIFY_CODE in skipped_codes:
        return EXIT_UNVERIFIED
    if skipped_codes:
        return EXIT_SKIPPED
    return EXIT_OK


def _legacy_left(report: RunReport, args: argparse.Namespace) -> bool:
    """A legacy call site is still there: reported, or marked (unless --allow-marked). Code
    that was not parsed (LC000, "left unchanged") is no call site: exit 3 reports it."""
    from codemods.findings import LEFT_UNCHANGED_CODE, Outcome

    left = {Outcome.REPORTED}
    if not getattr(args, "allow_marked", False):
        left.add(Outcome.MARKED)
    return any(f.outcome in left and f.code != LEFT_UNCHANGED_CODE for f in report.findings)


def _report(args: argparse.Namespace, report: RunReport, output_format: str, out: TextIO) -> None:
    from codemods.report import github_annotation

    if output_format == "github":
        for finding in sorted(report.findings, key=lambda f: (f.path, f.line)):
            print(github_annotation(finding), file=out)
    if not args.quiet:
        report.write_summary(sys.stderr, list_sites=output_format == "text")
    if args.json_report:
        if args.json_report == "-":
            report.write_json(sys.stdout)
        else:
            with open(args.json_report, "w", encoding="utf-8") as handle:
                report.write_json(handle)


def _fetched(files: Sequence[Path], options: MigrateOptions) -> MigrateOptions:
    """Options with live signatures for every model URL the candidate files name."""
    from dataclasses import replace

    from codemods.live_signatures import fetch_live_signatures, model_references
    from codemods.runner import is_candidate
    from codemods.signature_file import SignatureSet, model_key

    models = dict(options.signatures.models)
    wanted: dict[str, str] = {}  # one reference per model key, as the signatures file keys it
    for reference in sorted(model_references(files, is_candidate)):
        key = model_key(reference)
        if key is not None and key not in models:
            wanted.setdefault(key, reference)
    fetched, problems = fetch_live_signatures(wanted.values())
    for problem in problems:
        print(f"legacy-compat migrate: {problem}", file=sys.stderr)
    models.update(fetched.models)
    return replace(options, signatures=SignatureSet(models))


def main(argv: Optional[Sequence[str]] = None) -> int:
    """``python -m codemods``: the same command without the ``legacy-compat`` wrapper."""
    parser = argparse.ArgumentParser(
        prog="python -m codemods",
        description="Rewrite legacy Clarifai *_by_* calls to the new inference methods.",
    )
    parser.add_argument("--version", action="version", version=version_text("python -m codemods"))
    configure(parser)
    return run(parser.parse_args(argv))
