"""Values the codemod follows to where they are built, proved by a run (issue 14 §3, 10 §2).

An ``inference_params`` dict built before the call (a literal, ``dict(...)``, later key
assignments) or returned by a module-level helper becomes keyword arguments only when nothing
else can write to it before the call; otherwise it is spread with ``**``. Either way the
migrated program must send the model the same parameters as the original on legacy_compat.
Routing on a model held in ``self.x`` moves to the constructor only when no other use of
``self.x`` would be rerouted with it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from harness import LegacyProgram, migrate_program, run_differential

from codemods.findings import Outcome

HEADER = "from clarifai.client.model import Model\n"
CHAT = "https://clarifai.com/openai/chat-completion/models/gpt-4o"


def _chat_method(kind: str) -> dict:
    return {
        "kind": kind,
        "parameters": [
            {"name": "prompt", "type": "STR"},
            {"name": "max_tokens", "type": "INT", "required": False},
            {"name": "temperature", "type": "FLOAT", "required": False},
        ],
        "returns": {"type": "STR"},
    }


CHAT_SIGNATURES = json.dumps(
    {
        "version": 1,
        "models": {
            "openai/chat-completion/gpt-4o": {
                "methods": {k: _chat_method(k) for k in ("predict", "generate")}
            }
        },
    }
)

FOLLOWED = LegacyProgram(
    "params-followed-to-keywords",
    HEADER
    + f"model = Model(url={CHAT!r})\n"
    + "params = {'temperature': 0.2}\n"
    + "params['max_tokens'] = 100\n"
    + "print(model.predict_by_bytes(b'Hi', 'text', inference_params=params)"
    + ".outputs[0].data.text.raw)\n"
    + "def make_params():\n"
    + "    '''Sampling settings.'''\n"
    + "    return {'temperature': 0.3}\n"
    + "print(model.predict_by_bytes(b'Yo', 'text', inference_params=make_params())"
    + ".outputs[0].data.text.raw)\n"
    + "def ask(q):\n"
    + "    settings = dict(max_tokens=5)\n"
    + "    settings['temperature'] = 0.5\n"
    + "    settings['max_tokens'] = 7\n"
    + "    return model.predict_by_bytes(q.encode(), 'text', inference_params=settings)"
    + ".outputs[0].data.text.raw\n"
    + "print(ask('hello'))\n",
    signatures=CHAT_SIGNATURES,
)

# Each of these writes to the dict in a way a reader of the call alone would miss: the dict
# must stay a dict (``**params``), and the run proves the model still gets the final values.
NOT_FOLLOWED = LegacyProgram(
    "params-written-elsewhere-stay-spread",
    HEADER
    + f"model = Model(url={CHAT!r})\n"
    + "def aliased(q):\n"
    + "    params = {'max_tokens': 5}\n"
    + "    other = params\n"
    + "    other['max_tokens'] = 9\n"
    + "    r = model.predict_by_bytes(q.encode(), 'text', inference_params=params)\n"
    + "    return r.outputs[0].data.text.raw\n"
    + "def updated(q):\n"
    + "    params = {'max_tokens': 5}\n"
    + "    params.update(max_tokens=11)\n"
    + "    r = model.predict_by_bytes(q.encode(), 'text', inference_params=params)\n"
    + "    return r.outputs[0].data.text.raw\n"
    + "def looped(q):\n"
    + "    params = {'max_tokens': 5}\n"
    + "    for i in range(2):\n"
    + "        params['max_tokens'] = 6 + i\n"
    + "    r = model.predict_by_bytes(q.encode(), 'text', inference_params=params)\n"
    + "    return r.outputs[0].data.text.raw\n"
    + "def late(q, n):\n"
    + "    params = {'max_tokens': n}\n"
    + "    n = 1\n"
    + "    r = model.predict_by_bytes(q.encode(), 'text', inference_params=params)\n"
    + "    return r.outputs[0].data.text.raw\n"
    + "SHARED = {'max_tokens': 4}\n"
    + "def bump():\n"
    + "    SHARED['max_tokens'] = 12\n"
    + "def shared(q):\n"
    + "    bump()\n"
    + "    r = model.predict_by_bytes(q.encode(), 'text', inference_params=SHARED)\n"
    + "    return r.outputs[0].data.text.raw\n"
    + "print(aliased('a'), updated('b'), looped('c'), late('d', 3), shared('e'))\n",
    signatures=CHAT_SIGNATURES,
)


def test_a_dict_built_before_the_call_becomes_keywords(echo_endpoint, tmp_path: Path) -> None:
    result = run_differential(echo_endpoint, FOLLOWED, tmp_path)
    source = result.migration.source
    assert "prompt='Hi', temperature=0.2, max_tokens=100)" in source
    assert "prompt='Yo', temperature=0.3)" in source
    assert "prompt=q, max_tokens=7, temperature=0.5)" in source
    assert "**" not in source
    assert result.migration.count(Outcome.REWRITTEN) == 3
    assert result.equal, result.report()
    assert "max_tokens=100:int" in result.comparison.original.stdout


def test_a_dict_written_elsewhere_is_spread(echo_endpoint, tmp_path: Path) -> None:
    result = run_differential(echo_endpoint, NOT_FOLLOWED, tmp_path)
    source = result.migration.source
    assert source.count("**params") == 4 and source.count("**SHARED") == 1, source
    assert result.migration.count(Outcome.REWRITTEN) == 5
    assert result.equal, result.report()
    for value in ("max_tokens=9:int", "max_tokens=11:int", "max_tokens=7:int", "max_tokens=3:int"):
        assert value in result.comparison.original.stdout


ROUTED_SELF_MODEL = LegacyProgram(
    "routing-on-a-self-model-with-an-unrouted-call",
    HEADER
    + "class Chat:\n"
    + "    def __init__(self):\n"
    + f"        self.llm = Model(url={CHAT!r})\n"
    + "    def routed(self, q):\n"
    + "        return self.llm.predict_by_bytes(q.encode(), 'text', deployment_id='dep-1')\n"
    + "    def plain(self, q):\n"
    + "        return self.llm.predict_by_bytes(q.encode(), 'text').outputs[0].data.text.raw\n"
    + "print(Chat().plain('not routed'))\n",
    signatures=CHAT_SIGNATURES,
)


def test_routing_on_a_self_model_does_not_reroute_its_other_calls(
    echo_endpoint, tmp_path: Path
) -> None:
    """The first run marks the routed call; a second run (now the other call is new-style)
    must not move the routing into the constructor, where it would reroute ``plain``."""
    first = migrate_program(ROUTED_SELF_MODEL)
    assert not [f for f in first.findings if f.code == "VERIFY"], first.findings
    marked = [f for f in first.findings if f.outcome is Outcome.MARKED]
    assert [f.code for f in marked] == ["LC003"], first.findings
    assert "other code uses this model" in marked[0].message
    second = migrate_program(
        LegacyProgram(ROUTED_SELF_MODEL.name, first.source, signatures=CHAT_SIGNATURES)
    )
    assert second.source == first.source
    assert "deployment_id='dep-1')\n" in first.source  # still on the routed call
    result = run_differential(echo_endpoint, ROUTED_SELF_MODEL, tmp_path)
    assert result.equal, result.report()


@pytest.mark.parametrize("program", [FOLLOWED, NOT_FOLLOWED], ids=lambda p: p.name)
def test_every_call_is_rewritten_without_markers(program: LegacyProgram) -> None:
    migration = migrate_program(program)
    assert migration.count(Outcome.MARKED) == 0, migration.findings


VISION = "https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct"
VISION_SIGNATURES = json.dumps(
    {
        "version": 1,
        "models": {
            "qwen/qwen-VL/qwen2_5-vl-7b-instruct": {
                "methods": {
                    "stream": {
                        "kind": "stream",
                        "parameters": [{"name": "input_iterator", "type": "IMAGE", "stream": True}],
                        "returns": {"type": "STR"},
                    }
                }
            }
        },
    }
)
CAT, DOG = "https://samples.clarifai.com/cat.png", "https://samples.clarifai.com/dog.jpg"

# Sources held in variables: a list, one URL (sent as one input, not character by
# character), a parameter (an iterable, said in the report), paths and bytes in lists, and a
# generator that prints as it is consumed (the stream pulls it lazily, one request per item).
STREAM_SOURCES = LegacyProgram(
    "stream-sources-held-in-variables",
    HEADER
    + f"model = Model(url={VISION!r})\n"
    + f"urls = [{CAT!r}, {DOG!r}]\n"
    + "for r in model.stream_by_url(urls, 'image'):\n"
    + "    print(r.outputs[0].data.text.raw)\n"
    + f"one = {DOG!r}\n"
    + "for r in model.stream_by_url(one, 'image'):\n"
    + "    print(r.outputs[0].data.text.raw)\n"
    + "def run(batch):\n"
    + "    for r in model.stream_by_url(batch, 'image'):\n"
    + "        print(r.outputs[0].data.text.raw)\n"
    + "def noisy():\n"
    + "    for u in urls:\n"
    + "        print('pulled', u[-7:])\n"
    + "        yield u\n"
    + "run(noisy())\n"
    + "from pathlib import Path\n"
    + "Path('a.bin').write_bytes(b'first')\n"
    + "Path('b.bin').write_bytes(b'second')\n"
    + "paths = ['a.bin', 'b.bin']\n"
    + "for r in model.stream_by_filepath(paths, 'image'):\n"
    + "    print(r.outputs[0].data.text.raw)\n"
    + "blobs = [b'x', b'yy']\n"
    + "for r in model.stream_by_bytes(blobs, 'image'):\n"
    + "    print(r.outputs[0].data.text.raw)\n",
    signatures=VISION_SIGNATURES,
)


def test_stream_sources_in_variables_send_the_same_stream(echo_endpoint, tmp_path: Path) -> None:
    result = run_differential(echo_endpoint, STREAM_SOURCES, tmp_path)
    source = result.migration.source
    assert "for item in [one])" in source
    assert "stream_by_" not in source
    assert result.migration.count(Outcome.REWRITTEN) == 5
    assert result.equal, result.report()
    original = result.comparison.original.stdout
    assert original.count("stream[") == 2 + 1 + 2 + 2 + 2, original
    parameter = [f for f in result.migration.findings if f.line == 10]
    assert any("batch is an iterable of URLs" in a for a in parameter[0].assumptions)


# input_type held in a class constant (through self and through the class) or a module
# constant read in a function: the value is known, so the call takes the value form.
CONSTANT_INPUT_TYPES = LegacyProgram(
    "input-type-from-constants",
    HEADER
    + "KIND = 'text'\n"
    + "class Bot:\n"
    + "    kind = 'text'\n"
    + "    def __init__(self):\n"
    + f"        self.llm = Model(url={CHAT!r})\n"
    + "    def ask(self, q):\n"
    + "        return self.llm.predict_by_bytes(q.encode(), self.kind).outputs[0].data.text.raw\n"
    + "    def ask_class(self, q):\n"
    + "        return self.llm.predict_by_bytes(q.encode(), Bot.kind).outputs[0].data.text.raw\n"
    + "    def ask_module(self, q):\n"
    + "        return self.llm.predict_by_bytes(q.encode(), KIND).outputs[0].data.text.raw\n"
    + "bot = Bot()\n"
    + "print(bot.ask('one'), bot.ask_class('two'), bot.ask_module('three'))\n",
    signatures=CHAT_SIGNATURES,
)

DETECT = "https://clarifai.com/clarifai/main/models/general-image-detection"
OLD_DETECTOR = json.dumps(
    {"version": 1, "models": {"clarifai/main/general-image-detection": {"methods": {}}}}
)

# A branch, an if/else and a default argument: the value is chosen at run time, so the proto
# form builds the input field from it, as the legacy method did.
RUNTIME_INPUT_TYPES = LegacyProgram(
    "input-type-chosen-at-run-time",
    HEADER
    + f"m = Model(url={DETECT!r})\n"
    + "def by_branch(u, is_image):\n"
    + "    kind = 'image' if is_image else 'text'\n"
    + "    return len(m.predict_by_url(u, kind).outputs)\n"
    + "def by_if(u, is_image):\n"
    + "    if is_image:\n"
    + "        kind = 'image'\n"
    + "    else:\n"
    + "        kind = 'text'\n"
    + "    return len(m.predict_by_url(u, input_type=kind).outputs)\n"
    + "def by_default(u, kind='image'):\n"
    + "    return len(m.predict_by_url(u, kind).outputs)\n"
    + f"print(by_branch({DOG!r}, True), by_if({DOG!r}, True), by_default({DOG!r}))\n",
    signatures=OLD_DETECTOR,
)


def test_input_type_from_constants_takes_the_value_form(echo_endpoint, tmp_path: Path) -> None:
    result = run_differential(echo_endpoint, CONSTANT_INPUT_TYPES, tmp_path)
    source = result.migration.source
    assert source.count("self.llm.predict(prompt=q)") == 3, source
    assert result.migration.count(Outcome.REWRITTEN) == 3
    assert result.equal, result.report()
    through_self = [f for f in result.migration.findings if f.line == 8]
    assert any("class attribute kind = 'text'" in a for a in through_self[0].assumptions)


def test_input_type_chosen_at_run_time_keeps_the_proto_form(echo_endpoint, tmp_path: Path) -> None:
    result = run_differential(echo_endpoint, RUNTIME_INPUT_TYPES, tmp_path)
    assert result.migration.source.count('**{f"{kind}_url": ') == 3, result.migration.source
    assert result.migration.count(Outcome.REWRITTEN) == 3
    assert result.equal, result.report()


def test_a_class_attribute_set_elsewhere_is_not_followed() -> None:
    overridden = CONSTANT_INPUT_TYPES.source.replace(
        "bot = Bot()\n", "bot = Bot()\nbot.kind = 'image'\n"
    )
    migration = migrate_program(LegacyProgram("overridden", overridden, signatures=CHAT_SIGNATURES))
    assert migration.source.count("self.llm.predict(prompt=q)") == 1  # the module constant
    assert migration.source.count('**{f"{self.kind}_bytes": ') == 1
    assert migration.source.count('**{f"{Bot.kind}_bytes": ') == 1


# The proto form's new ``Inputs`` must not take over a name the program already uses.
OWN_INPUTS = LegacyProgram(
    "a-program-with-its-own-inputs-class",
    HEADER
    + "class Inputs:\n"
    + "    '''The program's own form inputs.'''\n"
    + "    fields = ('url',)\n"
    + f"m = Model(url={DETECT!r})\n"
    + f"r = m.predict_by_url({DOG!r}, 'image')\n"
    + "print(len(r.outputs), Inputs.fields)\n",
    signatures=OLD_DETECTOR,
)


def test_the_new_inputs_import_does_not_shadow_the_programs_own(
    echo_endpoint, tmp_path: Path
) -> None:
    result = run_differential(echo_endpoint, OWN_INPUTS, tmp_path)
    source = result.migration.source
    assert "from clarifai.client.input import Inputs as ClarifaiInputs\n" in source
    assert "ClarifaiInputs.get_input_from_url(" in source
    assert result.equal, result.report()
