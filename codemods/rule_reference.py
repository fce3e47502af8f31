"""The generated parts of ``docs/migration-guide.md``: the nine forms and every rule.

The guide shows each legacy call beside its new form and every rule code with its examples.
Written by hand, both would drift from the code; so they are rendered here, from the same
tables the codemods use (:mod:`codemods.legacy_api`, the rule registry of
:mod:`codemods.rules`, the shell rules of :mod:`codemods.formats.predict_command`), between
``<!-- BEGIN GENERATED: name -->`` and ``<!-- END GENERATED: name -->`` markers. A test fails
when the guide is stale; ``python -m codemods.rule_reference --write docs/migration-guide.md``
brings it up to date.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from pathlib import Path
from typing import Callable, Mapping, Optional, Sequence

from codemods.findings import Outcome
from codemods.legacy_api import (
    LEGACY_METHODS,
    CallKind,
    LegacyMethod,
    Source,
    conventional_parameter,
    render_input_expression,
)

__all__ = ["SECTIONS", "main", "render_legacy_forms", "render_rules", "update_guide"]

# The name the legacy argument has in the examples, per (kind is stream, source).
_ARGUMENT = {
    (False, Source.URL): "url",
    (False, Source.BYTES): "data",
    (False, Source.FILEPATH): "path",
    (True, Source.URL): "urls",
    (True, Source.BYTES): "chunks",
    (True, Source.FILEPATH): "path",
}


def _new_call(method: LegacyMethod, input_type: str) -> str:
    streaming = method.kind is CallKind.STREAM
    argument = _ARGUMENT[(streaming, method.source)]
    parameter = conventional_parameter(method.kind, input_type)
    if not streaming:
        value = render_input_expression(method.source, input_type, argument)
    elif method.source is Source.FILEPATH:
        item = render_input_expression(method.source, input_type, argument)
        value = None if item is None else f"iter([{item}])"
    else:
        item = render_input_expression(method.source, input_type, "item")
        value = None if item is None else f"{item} for item in {argument}"
    if value is None:
        return "marked: no faithful new form (the legacy server fetched the text)"
    keyword = f"{parameter}=" if parameter else ""  # "": a stream goes positionally
    return f"`model.{method.new_method}({keyword}{value})`"


def render_legacy_forms() -> str:
    """The table of the nine legacy methods beside their new forms."""
    lines = [
        "| legacy call | new call, image input | new call, text input | returns |",
        "|---|---|---|---|",
    ]
    for method in LEGACY_METHODS.values():
        argument = _ARGUMENT[(method.kind is CallKind.STREAM, method.source)]
        returns = (
            "the value (`str`, `list[Concept]`, ...)"
            if method.kind is CallKind.PREDICT
            else "an iterator of values"
        )
        lines.append(
            f"| `model.{method.name}({argument}, input_type=...)` "
            f"| {_new_call(method, 'image')} | {_new_call(method, 'text')} | {returns} |"
        )
    return "\n".join(lines) + "\n"


def _prose(docstring: Optional[str]) -> str:
    """A module docstring without its title line, reST literals made Markdown ones."""
    body = textwrap.dedent("\n".join((docstring or "").strip().splitlines()[1:])).strip()
    body = body.replace("``", "`")
    return re.sub(r":(?:mod|func|class|meth|data|attr|exc):`~?([^`]+)`", r"`\1`", body)


def _fence(code: str, language: str) -> str:
    return f"```{language}\n{code.rstrip()}\n```"


def _rule_section(
    code: str,
    name: str,
    message: str,
    prose: str,
    examples: Sequence[tuple[str, str, Outcome]],
    valid: Sequence[str],
    language: str,
) -> str:
    parts = [f'<a id="{code.lower()}"></a>\n\n### {code} {name}', f"**{message}**"]
    if prose:
        parts.append(prose)
    for number, (before, after, outcome) in enumerate(examples, start=1):
        label = f"Example {number}" if len(examples) > 1 else "Example"
        parts.append(f"{label}, before:\n\n{_fence(before, language)}")
        if outcome is Outcome.REPORTED and after == before:
            parts.append("after: reported, and left as it is.")
        else:
            parts.append(f"after ({outcome.value}):\n\n{_fence(after, language)}")
    for code_text in valid:
        parts.append(f"Left alone:\n\n{_fence(code_text, language)}")
    return "\n\n".join(parts)


def render_rules() -> str:
    """Every Python rule (LC0xx) and shell rule (LC1xx), with their own examples."""
    from codemods.formats.predict_command import SHELL_RULES
    from codemods.rules import all_rules

    sections = ["## Python rules"]
    for code, rule in all_rules().items():
        module = sys.modules[rule.__module__]
        sections.append(
            _rule_section(
                code,
                rule.NAME,
                rule.MESSAGE,
                _prose(module.__doc__),
                [(e.before, e.output, e.expected_outcome) for e in rule.INVALID],
                list(rule.VALID),
                "python",
            )
        )
    sections.append("## Shell rules (`clarifai model predict` command lines)")
    for code, shell_rule in SHELL_RULES.items():
        sections.append(
            _rule_section(
                code,
                shell_rule.title,
                f"outcome: {shell_rule.outcome.value}",
                shell_rule.explanation,
                [(before, after, shell_rule.outcome) for before, after in shell_rule.examples],
                [],
                "bash",
            )
        )
    return "\n\n".join(sections) + "\n"


#: Generated section name -> renderer.
SECTIONS: Mapping[str, Callable[[], str]] = {
    "legacy-forms": render_legacy_forms,
    "rules": render_rules,
}

_BLOCK = re.compile(
    r"(<!-- BEGIN GENERATED: (?P<name>[\w-]+) -->\n).*?(<!-- END GENERATED: (?P=name) -->)",
    re.DOTALL,
)


def update_guide(text: str) -> str:
    """``text`` with every generated section rendered anew."""

    def render(match: re.Match[str]) -> str:
        name = match.group("name")
        if name not in SECTIONS:
            raise ValueError(
                f"unknown generated section {name!r}; expected one of {', '.join(SECTIONS)}"
            )
        return match.group(1) + SECTIONS[name]() + match.group(3)

    return _BLOCK.sub(render, text)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m codemods.rule_reference")
    parser.add_argument("guide", type=Path, help="the Markdown file with generated sections")
    parser.add_argument("--write", action="store_true", help="rewrite it (default: check)")
    args = parser.parse_args(argv)
    text = args.guide.read_text(encoding="utf-8")
    updated = update_guide(text)
    if updated == text:
        return 0
    if args.write:
        args.guide.write_text(updated, encoding="utf-8")
        return 0
    print(f"{args.guide} is out of date; run with --write", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
