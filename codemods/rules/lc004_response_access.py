"""LC004: reads of the legacy response become reads of the new return value.

Upstream: the legacy methods return ``MultiOutputResponse`` protos (a generator of them for
``generate_by_*`` / ``stream_by_*``); the pythonic methods of clarifai >= 11.3.0 return
Python values typed by the model's signature: a ``str``, a list of ``Concept`` or ``Region``,
an ``Image``, a vector. Rewriting the call without its reads breaks the code, so a call is
rewritten only when every read of its result in the same scope is one of the recognised
shapes below (:data:`UNARY_READS`); the reads are rewritten with it. A response that escapes
(returned, stored, passed to a function, ``MessageToDict``) or is read another way keeps the
legacy shape on ``legacy_compat.Model`` and is marked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional, Union

import libcst as cst

from codemods.analysis import ModuleFacts
from codemods.rules import Invalid, Rule, register
from codemods.rules.marker import Marker

__all__ = [
    "RETURN_TYPES",
    "UNARY_READS",
    "EditKind",
    "ReadEdit",
    "ReadPlan",
    "ResponseAccess",
    "ResponseReads",
    "accessor_chain",
]

CODE = "LC004"
_OUTPUT = ("outputs", "[i]", "data")

#: Recognised reads of a unary response: accessor chain -> (returned value kind, new suffix).
UNARY_READS: dict[tuple[str, ...], tuple[str, str]] = {
    (*_OUTPUT, "text", "raw"): ("text", ""),
    (*_OUTPUT, "concepts"): ("concepts", ""),
    (*_OUTPUT, "regions"): ("regions", ""),
    (*_OUTPUT, "image", "base64"): ("image", ".bytes"),
    (*_OUTPUT, "audio", "base64"): ("audio", ".bytes"),
    (*_OUTPUT, "video", "base64"): ("video", ".bytes"),
    (*_OUTPUT, "embeddings", "[0]", "vector"): ("embeddings", ""),
}

#: Signature return types (``ModelTypeField.DataType`` names) that carry each value kind.
RETURN_TYPES: dict[str, frozenset[str]] = {
    "text": frozenset({"STR", "TEXT"}),
    "concepts": frozenset({"LIST:CONCEPT"}),
    "regions": frozenset({"LIST:REGION"}),
    "image": frozenset({"IMAGE"}),
    "audio": frozenset({"AUDIO"}),
    "video": frozenset({"VIDEO"}),
    "embeddings": frozenset({"NDARRAY", "LIST:FLOAT"}),
}

#: Reads of one item of a list result: kind -> item accessor chain -> replacement suffix.
ITEM_READS: dict[str, dict[tuple[str, ...], str]] = {
    "concepts": {("name",): ".name", ("value",): ".value", ("id",): ".id"},
    "regions": {
        ("region_info", "bounding_box", "left_col"): ".box[0]",
        ("region_info", "bounding_box", "top_row"): ".box[1]",
        ("region_info", "bounding_box", "right_col"): ".box[2]",
        ("region_info", "bounding_box", "bottom_row"): ".box[3]",
        ("data", "concepts"): ".concepts",
        ("id",): ".id",
    },
}
_NESTED_ITEMS: dict[tuple[str, tuple[str, ...]], str] = {
    ("regions", ("data", "concepts")): "concepts"
}
_STREAM_TEXT = (*_OUTPUT, "text", "raw")


@register
class ResponseAccess(Rule):
    CODE = CODE
    NAME = "response-access"
    MESSAGE = "legacy response read: use the value the new method returns"
    VALID = (
        "from clarifai.client.model import Model\n"
        "print(Model('https://clarifai.com/u/a/models/m').predict(prompt='hi'))\n",
    )
    INVALID = (
        Invalid(
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/llm')\n"
            "response = model.predict_by_bytes(b'Hi', 'text')\n"
            "print(response.outputs[0].data.text.raw)\n"
            "print(model.predict_by_bytes(b'Bye', 'text').outputs[-1].data.text.raw)\n",
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/llm')\n"
            "response = model.predict(prompt='Hi')\n"
            "print(response)\n"
            "print(model.predict(prompt='Bye'))\n",
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "def classify(url):\n"
            "    model = Model('https://clarifai.com/u/a/models/general')\n"
            "    r = model.predict_by_url(url, input_type='image')\n"
            "    for c in r.outputs[0].data.concepts:\n"
            "        print(c.name, round(c.value, 2))\n",
            "from clarifai.client.model import Model\n"
            "from clarifai.runners.utils.data_types import Image\n"
            "def classify(url):\n"
            "    model = Model('https://clarifai.com/u/a/models/general')\n"
            "    r = model.predict(image=Image(url=url))\n"
            "    for c in r:\n"
            "        print(c.name, round(c.value, 2))\n",
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "def detect(url):\n"
            "    model = Model('https://clarifai.com/u/a/models/detector')\n"
            "    r = model.predict_by_url(url, input_type='image')\n"
            "    for region in r.outputs[0].data.regions:\n"
            "        top = region.region_info.bounding_box.top_row\n"
            "        names = [c.name for c in region.data.concepts]\n",
            "from clarifai.client.model import Model\n"
            "from clarifai.runners.utils.data_types import Image\n"
            "def detect(url):\n"
            "    model = Model('https://clarifai.com/u/a/models/detector')\n"
            "    r = model.predict(image=Image(url=url))\n"
            "    for region in r:\n"
            "        top = region.box[1]\n"
            "        names = [c.name for c in region.concepts]\n",
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/llm')\n"
            "for chunk in model.generate_by_bytes(b'Tell me', 'text'):\n"
            "    if chunk.outputs:\n"
            "        print(chunk.outputs[0].data.text.raw, end='')\n",
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/llm')\n"
            "for chunk in model.generate(prompt='Tell me'):\n"
            "    print(chunk, end='')\n",
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "from google.protobuf.json_format import MessageToDict\n"
            "model = Model('https://clarifai.com/u/a/models/m')\n"
            "r = model.predict_by_url('https://x/y.jpg', 'image')\n"
            "print(MessageToDict(r))\n",
            "import legacy_compat\n"
            "from google.protobuf.json_format import MessageToDict\n"
            "model = legacy_compat.Model('https://clarifai.com/u/a/models/m')\n"
            "# TODO(legacy-compat LC004): the response is passed to MessageToDict() and keeps the "
            "legacy MultiOutputResponse shape: change that code to use the value "
            "model.predict(...) returns, then migrate the call and drop legacy_compat.Model\n"
            "r = model.predict_by_url('https://x/y.jpg', 'image')\n"
            "print(MessageToDict(r))\n",
        ),
    )


class EditKind:
    REPLACE_WITH_CALL = "call"  # the chain on the call itself -> new call + suffix
    REPLACE_WITH_TEXT = "text"  # a read -> an expression
    UNWRAP = "unwrap"  # an ``if x.outputs:`` guard -> its body
    REMOVE = "remove"  # a statement that only guarded or reported


@dataclass(frozen=True)
class ReadEdit:
    node: cst.CSTNode
    kind: str
    text: str = ""


@dataclass
class ReadPlan:
    edits: list[ReadEdit] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)
    removed_names: set[str] = field(default_factory=set)  # names only used by removed code


def accessor_chain(
    base: cst.CSTNode, facts: ModuleFacts
) -> tuple[tuple[str, ...], cst.CSTNode, list[cst.CSTNode]]:
    """The accessors applied to ``base`` (``("outputs", "[i]", "data", ...)``), the outermost
    node of the chain, and every node of it (base first)."""
    steps: list[str] = []
    nodes: list[cst.CSTNode] = [base]
    current: cst.CSTNode = base
    while True:
        parent = facts.parent.get(current)
        if isinstance(parent, cst.Attribute) and parent.value is current:
            steps.append(parent.attr.value)
        elif isinstance(parent, cst.Subscript) and parent.value is current:
            steps.append(_index_step(parent))
        else:
            return tuple(steps), current, nodes
        nodes.append(parent)
        current = parent


def _index_step(node: cst.Subscript) -> str:
    if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        value = node.slice[0].slice.value
        code = cst.Module([]).code_for_node(value).strip()
        if code in ("0", "-1"):
            return "[i]" if code == "-1" else "[0]"
        return f"[{code}]"
    return "[:]"


def _normalise(steps: tuple[str, ...]) -> tuple[str, ...]:
    """``outputs[0]`` and ``outputs[-1]`` are the same read (one output per input)."""
    if len(steps) >= 2 and steps[0] == "outputs" and steps[1] in ("[0]", "[i]"):
        return ("outputs", "[i]", *steps[2:])
    return steps


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


@dataclass
class ResponseReads:
    """Classifies every read of one legacy call's result; see :data:`UNARY_READS`."""

    facts: ModuleFacts
    references: Callable[[cst.Name, cst.CSTNode], Optional[list[cst.Name]]]
    status_check: Callable[[cst.If, ReadPlan], Optional[Marker]]
    new_method: str

    def unescaped(self, what: str) -> Marker:
        return Marker(
            CODE,
            f"the response {what} and keeps the legacy MultiOutputResponse shape: change that "
            f"code to use the value model.{self.new_method}(...) returns, then migrate the call "
            "and drop legacy_compat.Model",
        )

    def plan(self, call: cst.Call, streams: bool) -> Union[ReadPlan, Marker]:
        plan = ReadPlan()
        parent = self.facts.parent.get(call)
        steps, outer, _ = accessor_chain(call, self.facts)
        if steps:
            if streams:
                return self.unescaped(f"is read as .{'.'.join(steps)}")
            problem = self._unary_read(call, outer, steps, plan, on_call=True)
            return problem or plan
        if isinstance(parent, cst.Expr):
            return plan
        if isinstance(parent, (cst.For, cst.CompFor)) and parent.iter is call and streams:
            return self._stream_loop(parent, plan) or plan
        if isinstance(parent, cst.Assign) and len(parent.targets) == 1:
            target = parent.targets[0].target
            if isinstance(target, cst.Name):
                return self._result_name(target, streams, plan)
        return self.unescaped(self._escape_description(call))

    def _escape_description(self, node: cst.CSTNode) -> str:
        parent = self.facts.parent.get(node)
        if isinstance(parent, cst.Return):
            return "is returned"
        if isinstance(parent, cst.Arg):
            call = self.facts.parent.get(parent)
            if isinstance(call, cst.Call):
                return f"is passed to {_code(call.func).strip()}()"
            return "is passed to a function"
        if isinstance(parent, (cst.Yield, cst.Await)):
            return "is yielded"
        if isinstance(parent, (cst.Assign, cst.AugAssign, cst.AnnAssign)):
            return "is stored"
        if isinstance(parent, (cst.Element, cst.DictElement, cst.List, cst.Tuple, cst.Dict)):
            return "is stored in a container"
        return "is used in a way the codemod does not recognise"

    def _result_name(
        self, target: cst.Name, streams: bool, plan: ReadPlan
    ) -> Union[ReadPlan, Marker]:
        accesses = self.references(target, target)
        if accesses is None:
            return self.unescaped(f"variable {target.value} is assigned more than once")
        chains = [(access, *accessor_chain(access, self.facts)) for access in accesses]
        # Status checks first: the reads inside a removed check go with it.
        for _, steps, outer, _ in chains:
            if not streams and _normalise(steps)[:2] == ("status", "code"):
                problem = self._status(outer, plan)
                if problem is not None:
                    return problem
        removed = [e.node for e in plan.edits if e.kind == EditKind.REMOVE]
        for access, steps, outer, _ in chains:
            if any(self.facts.is_within(access, node) for node in removed):
                continue
            if streams:
                parent = self.facts.parent.get(access)
                if (
                    steps
                    or not isinstance(parent, (cst.For, cst.CompFor))
                    or parent.iter is not access
                ):
                    return self.unescaped(f"{target.value} is used other than in a for loop")
                problem = self._stream_loop(parent, plan)
            elif not steps:
                return self.unescaped(self._escape_description(access))
            elif _normalise(steps)[:2] == ("status", "code"):
                continue
            else:
                problem = self._unary_read(access, outer, steps, plan, on_call=False)
            if problem is not None:
                return problem
        return plan

    def _unary_read(
        self,
        base: cst.CSTNode,
        outer: cst.CSTNode,
        steps: tuple[str, ...],
        plan: ReadPlan,
        *,
        on_call: bool,
    ) -> Optional[Marker]:
        steps = _normalise(steps)
        if steps[:2] == ("status", "code"):
            return self._status(outer, plan)
        match = self._match_read(steps)
        if match is None:
            return self.unescaped(f"is read as .{'.'.join(steps)}")
        prefix, (kind, suffix) = match
        plan.kinds.add(kind)
        chain_steps, _chain_node, nodes = accessor_chain(base, self.facts)
        node = nodes[len(prefix)]
        rest = _normalise(chain_steps)[len(prefix) :]
        if kind in ITEM_READS:
            problem = self._list_use(
                node, rest, kind, plan, base_text=None if on_call else _code(base)
            )
            if problem is not None:
                return problem
            target_text = "" if on_call else _code(base)
            if rest:
                return None  # handled as an item read on the list
            self._replace(plan, node, target_text + suffix, on_call)
            return None
        if rest:
            return self.unescaped(f"is read as .{'.'.join(chain_steps)}")
        self._replace(plan, node, ("" if on_call else _code(base)) + suffix, on_call)
        return None

    @staticmethod
    def _match_read(steps: tuple[str, ...]) -> Optional[tuple[tuple[str, ...], tuple[str, str]]]:
        for pattern, value in UNARY_READS.items():
            if steps[: len(pattern)] == pattern:
                return pattern, value
        return None

    @staticmethod
    def _replace(plan: ReadPlan, node: cst.CSTNode, text: str, on_call: bool) -> None:
        if on_call:
            plan.edits.append(ReadEdit(node, EditKind.REPLACE_WITH_CALL, text))
        else:
            plan.edits.append(ReadEdit(node, EditKind.REPLACE_WITH_TEXT, text))

    def _list_use(
        self,
        node: cst.CSTNode,
        rest: tuple[str, ...],
        kind: str,
        plan: ReadPlan,
        base_text: Optional[str],
    ) -> Optional[Marker]:
        """``node`` is the legacy list (``r.outputs[0].data.concepts``): check how it is used."""
        on_call = base_text is None
        if rest:
            index, item_steps = rest[0], rest[1:]
            if not index.startswith("[") or index == "[:]" or item_steps not in ITEM_READS[kind]:
                return self.unescaped(f"is read as ...{kind}{''.join(rest)}")
            _, outer, _ = accessor_chain(node, self.facts)
            index_text = "[0]" if index == "[0]" else ("[-1]" if index == "[i]" else index)
            text = (base_text or "") + index_text + ITEM_READS[kind][item_steps]
            self._replace(plan, outer, text, on_call)
            plan.kinds.add(kind)
            return None
        parent = self.facts.parent.get(node)
        if isinstance(parent, cst.Arg):
            call = self.facts.parent.get(parent)
            if (
                isinstance(call, cst.Call)
                and isinstance(call.func, cst.Name)
                and call.func.value == "len"
            ):
                return None
        if isinstance(parent, (cst.For, cst.CompFor)) and parent.iter is node:
            return self._item_loop(parent, kind, plan)
        return self.unescaped(f"list of {kind} is used in a way the codemod does not recognise")

    def _item_loop(
        self, loop: Union[cst.For, cst.CompFor], kind: str, plan: ReadPlan
    ) -> Optional[Marker]:
        target = loop.target
        if not isinstance(target, cst.Name):
            return self.unescaped(f"{kind} are unpacked in a loop")
        scope_node = loop if isinstance(loop, cst.For) else self.facts.parent.get(loop) or loop
        accesses = self.references(target, scope_node)
        if accesses is None:
            return self.unescaped(f"loop variable {target.value} is reassigned")
        for access in accesses:
            steps, _outer, nodes = accessor_chain(access, self.facts)
            matched = None
            for item_steps, suffix in ITEM_READS[kind].items():
                if steps[: len(item_steps)] == item_steps:
                    matched = (item_steps, suffix)
                    break
            if matched is None:
                return self.unescaped(f"loop variable {target.value} is read as .{'.'.join(steps)}")
            item_steps, suffix = matched
            node = nodes[len(item_steps)]
            nested = _NESTED_ITEMS.get((kind, item_steps))
            if nested is not None:
                problem = self._list_use(
                    node, steps[len(item_steps) :], nested, plan, target.value + suffix
                )
                if problem is not None:
                    return problem
                if steps[len(item_steps) :]:
                    continue
            if suffix != "." + item_steps[-1] or len(item_steps) > 1:
                plan.edits.append(ReadEdit(node, EditKind.REPLACE_WITH_TEXT, target.value + suffix))
        return None

    def _stream_loop(self, loop: Union[cst.For, cst.CompFor], plan: ReadPlan) -> Optional[Marker]:
        target = loop.target
        if not isinstance(target, cst.Name) or isinstance(loop, cst.CompFor):
            return self.unescaped("stream is consumed in a way the codemod does not recognise")
        accesses = self.references(target, loop)
        if accesses is None:
            return self.unescaped(f"loop variable {target.value} is reassigned")
        plan.kinds.add("text")
        for access in accesses:
            steps, outer, _ = accessor_chain(access, self.facts)
            steps = _normalise(steps)
            if steps == _STREAM_TEXT:
                plan.edits.append(ReadEdit(outer, EditKind.REPLACE_WITH_TEXT, target.value))
                continue
            guard = self._guard(outer, steps)
            if guard is None:
                return self.unescaped(f"stream item {target.value} is read as .{'.'.join(steps)}")
            plan.edits.append(guard)
        return None

    def _guard(self, outer: cst.CSTNode, steps: tuple[str, ...]) -> Optional[ReadEdit]:
        """``if x.outputs:`` (unwrap) or ``if not x.outputs: continue`` (remove)."""
        if steps != ("outputs",):
            return None
        parent = self.facts.parent.get(outer)
        if (
            isinstance(parent, cst.If)
            and parent.test is outer
            and parent.orelse is None
            and isinstance(parent.body, cst.IndentedBlock)
        ):
            return ReadEdit(parent, EditKind.UNWRAP)
        if isinstance(parent, cst.UnaryOperation) and isinstance(parent.operator, cst.Not):
            statement = self.facts.parent.get(parent)
            if (
                isinstance(statement, cst.If)
                and statement.test is parent
                and statement.orelse is None
                and _only_continue(statement.body)
            ):
                return ReadEdit(statement, EditKind.REMOVE)
        return None

    def _status(self, outer: cst.CSTNode, plan: ReadPlan) -> Optional[Marker]:
        comparison = self.facts.parent.get(outer)
        statement = self.facts.parent.get(comparison) if comparison is not None else None
        if isinstance(statement, cst.If) and statement.test is comparison:
            return self.status_check(statement, plan)
        return self.unescaped("status is read outside an `if status.code != SUCCESS` check")


def _only_continue(body: cst.BaseSuite) -> bool:
    statements = body.body if isinstance(body, cst.IndentedBlock) else [body]
    return all(
        isinstance(line, (cst.SimpleStatementLine, cst.SimpleStatementSuite))
        and all(isinstance(s, cst.Continue) for s in line.body)
        for line in statements
    )
