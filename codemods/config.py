"""``[tool.legacy-compat]`` in ``pyproject.toml``: defaults for the migrate command.

Teams run the same migration in pre-commit, CI and by hand; the settings belong in the
repository, next to ruff's and mypy's. Command-line flags override the file.

Recognised keys: ``select``, ``ignore`` (rule codes), ``include``, ``exclude`` (globs),
``signatures`` (a path, relative to the pyproject file), ``jobs``, ``output-format``,
``respect-gitignore``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

__all__ = ["ConfigError", "MigrateConfig", "find_pyproject", "load_config"]

_KNOWN_KEYS = frozenset(
    {
        "select",
        "ignore",
        "include",
        "exclude",
        "signatures",
        "jobs",
        "output-format",
        "respect-gitignore",
    }
)


class ConfigError(ValueError):
    """The ``[tool.legacy-compat]`` table is malformed; the message names the key."""


@dataclass(frozen=True)
class MigrateConfig:
    source: Optional[Path] = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    signatures: Optional[Path] = None
    jobs: Optional[int] = None
    output_format: Optional[str] = None
    respect_gitignore: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


def find_pyproject(start: Path) -> Optional[Path]:
    """The nearest ``pyproject.toml`` at or above ``start``."""
    directory = start.resolve()
    if directory.is_file():
        directory = directory.parent
    for candidate in [directory, *directory.parents]:
        path = candidate / "pyproject.toml"
        if path.is_file():
            return path
    return None


def _toml_loads(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib

        return tomllib.loads(text)
    try:
        import tomli
    except ModuleNotFoundError:
        raise ConfigError(
            "reading pyproject.toml on Python < 3.11 needs the 'tomli' package: "
            "pip install tomli, or pass the settings as flags"
        ) from None
    result: dict[str, Any] = tomli.loads(text)
    return result


def _strings(table: dict[str, Any], key: str, where: Path) -> tuple[str, ...]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(
            f"{where}: [tool.legacy-compat] {key} must be a list of strings, got {value!r}"
        )
    return tuple(value)


def load_config(pyproject: Optional[Path]) -> MigrateConfig:
    """Read ``[tool.legacy-compat]``; an absent file or table gives the defaults."""
    if pyproject is None:
        return MigrateConfig()
    try:
        data = _toml_loads(pyproject.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read {pyproject}: {exc.strerror}") from exc
    except ValueError as exc:
        if isinstance(exc, ConfigError):
            raise
        raise ConfigError(f"{pyproject}: not valid TOML ({exc})") from exc
    table = data.get("tool", {}).get("legacy-compat")
    if table is None:
        return MigrateConfig(source=pyproject)
    if not isinstance(table, dict):
        raise ConfigError(f"{pyproject}: [tool.legacy-compat] must be a table")
    unknown = sorted(set(table) - _KNOWN_KEYS)
    if unknown:
        raise ConfigError(
            f"{pyproject}: unknown key {unknown[0]!r} in [tool.legacy-compat]; known keys: "
            + ", ".join(sorted(_KNOWN_KEYS))
        )
    signatures = table.get("signatures")
    if signatures is not None and not isinstance(signatures, str):
        raise ConfigError(f"{pyproject}: [tool.legacy-compat] signatures must be a path string")
    jobs = table.get("jobs")
    if jobs is not None and (not isinstance(jobs, int) or jobs < 1):
        raise ConfigError(f"{pyproject}: [tool.legacy-compat] jobs must be a positive integer")
    output_format = table.get("output-format")
    if output_format is not None and output_format not in ("text", "github"):
        raise ConfigError(
            f"{pyproject}: [tool.legacy-compat] output-format is {output_format!r}, "
            "expected 'text' or 'github'"
        )
    return MigrateConfig(
        source=pyproject,
        select=_strings(table, "select", pyproject),
        ignore=_strings(table, "ignore", pyproject),
        include=_strings(table, "include", pyproject),
        exclude=_strings(table, "exclude", pyproject),
        signatures=(pyproject.parent / signatures) if signatures else None,
        jobs=jobs,
        output_format=output_format,
        respect_gitignore=bool(table.get("respect-gitignore", True)),
    )
