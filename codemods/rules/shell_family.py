"""The shell rule family (LC101 ...) in the one registry.

The shell rules rewrite ``clarifai model predict`` command lines in shell scripts, Makefiles and
the shell blocks of docs; their behaviour and examples are rows of
:data:`codemods.formats.predict_command.SHELL_RULES`, next to the command-line parser they
share. This module only enters those rows here, so ``--list-rules``, ``--select``/``--ignore``
and the migration guide see Python and shell rules under one set of codes.
"""

from __future__ import annotations

from codemods.formats.predict_command import SHELL_RULES
from codemods.rules import Family, RuleSummary, register_summary

for _rule in SHELL_RULES.values():
    register_summary(
        RuleSummary(_rule.code, "shell", _rule.title, Family.SHELL, type(_rule).__module__)
    )
