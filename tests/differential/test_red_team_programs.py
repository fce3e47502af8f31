"""The red team's mis-migrated programs, run both ways through the harness (echo models).

A float for an INT parameter, new code inside a double-quoted f-string, and per-call routing
on a model also used without it: each must now behave the same migrated as on the shim.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from harness import LegacyProgram, run_differential

from codemods.findings import Outcome

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "realistic"))
from suite import load_program

HEADER = "from clarifai.client.model import Model\n"
LLM = "https://clarifai.com/openai/chat-completion/models/gpt-4o-mini"
SIGNATURES = json.dumps(
    {
        "version": 1,
        "models": {
            "openai/chat-completion/gpt-4o-mini": {
                "methods": {
                    "predict": {
                        "kind": "predict",
                        "parameters": [
                            {"name": "prompt", "type": "STR"},
                            {"name": "max_tokens", "type": "INT", "required": False},
                            {"name": "temperature", "type": "FLOAT", "required": False},
                            {"name": "top_p", "type": "FLOAT", "required": False},
                            {"name": "system_prompt", "type": "STR", "required": False},
                        ],
                        "returns": {"type": "STR"},
                    }
                }
            }
        },
    }
)

PROGRAMS = [
    load_program("rt_sig_int_float_params"),
    load_program("rt_fstring_double_quotes"),
    load_program("per_call_routing_mixed"),
    LegacyProgram(
        "fractional-float-for-an-int-parameter-stays-on-the-shim",
        HEADER
        + f"llm = Model(url={LLM!r})\n"
        + "try:\n"
        + "    llm.predict_by_bytes(b'n', 'text', inference_params={'max_tokens': 2.5})\n"
        + "except Exception as error:\n"
        + "    print(type(error).__name__)\n"
        + "print(llm.predict_by_bytes(b'n', 'text').outputs[0].data.text.raw)\n",
        signatures=SIGNATURES,
    ),
    LegacyProgram(
        "negative-whole-float-and-int-for-float-parameters",
        HEADER
        + f"llm = Model(url={LLM!r})\n"
        + "params = {'max_tokens': -0.0, 'top_p': 1}\n"
        + "r = llm.predict_by_bytes(b'n', 'text', inference_params=params)\n"
        + "print(r.outputs[0].data.text.raw)\n",
        signatures=SIGNATURES,
    ),
    LegacyProgram(
        "input-type-variable-inside-an-f-string",
        HEADER
        + f"llm = Model(url={LLM!r})\n"
        + "kind = 'te' + 'xt'\n"
        + 'print(f"{llm.predict_by_bytes(bytes(3), kind).outputs[0].data.text.raw!r}")\n',
    ),
]


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.name)
def test_red_team_program_is_equal(program, echo_endpoint, tmp_path: Path) -> None:
    result = run_differential(echo_endpoint, program, tmp_path)
    assert result.equal, result.report()
    assert not [f for f in result.migration.findings if f.outcome is Outcome.SKIPPED]
    assert result.comparison.original.requests, result.report()
