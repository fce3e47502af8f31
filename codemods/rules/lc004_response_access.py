"""LC004: reads of the legacy response become reads of the new return value.

What it does: a call is rewritten only when every read of its result is one of the recognised
shapes (:data:`UNARY_READS`, :data:`ITEM_READS`), and the reads are rewritten with it:

- reads are followed per assignment (:mod:`codemods.flow`): a reassigned variable, a loop
  variable read after its loop, a response handed to a function of the module called only
  there; a stream item is read as a unary response is;
- ``text.raw`` / ``image.base64`` keep their Python type, so ``.strip()``, slicing and the
  like carry over; ``box = region.region_info.bounding_box`` becomes ``region.box``
  (``[left, top, right, bottom]``);
- guards that always held on a returned response (``if r.outputs``, ``... and
  r.outputs[0].data.text``: the legacy methods raised before returning anything else, and a
  proto message is always truthy) are unwrapped or dropped from their ``and`` chain.

A response that escapes (returned, stored, passed to another function, ``MessageToDict``)
or is read another way is "not rewritable" (:class:`ReadsEscape`, saying why): the call then
keeps the legacy response shape through the new method's proto form, or is marked.

Why: the legacy methods return ``MultiOutputResponse`` protos (a generator of them for
``generate_by_*`` / ``stream_by_*``); the pythonic methods of clarifai >= 11.3.0 return
Python values typed by the model's signature: a ``str``, a list of ``Concept`` or ``Region``,
an ``Image``/``Audio`` (``.bytes``), a vector. Rewriting the call without its reads breaks the
code.

Example: the ``INVALID`` examples below, each with its outcome (rewritten, marked or
reported) and its output; the migration guide shows them.

Instead: read the value the new method returns (``model.predict(prompt=p)`` is the text).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Optional, Union

import libcst as cst

from codemods.analysis import ModuleFacts
from codemods.nodes import has_comment, source_of
from codemods.read_plan import EditKind, ReadEdit, ReadPlan, and_operands
from codemods.rules import Invalid, Rule, register
from codemods.rules.lc001_legacy_call import EXAMPLE_SIGNATURES
from codemods.rules.marker import Marker

if TYPE_CHECKING:
    from codemods.planner import CallSite, Planner

__all__ = [
    "RETURN_TYPES",
    "UNARY_READS",
    "EditKind",
    "ReadEdit",
    "ReadPlan",
    "ReadsEscape",
    "ResponseAccessRule",
    "ResponseReads",
    "accessor_chain",
    "plan_reads",
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
#: ``box = region.region_info.bounding_box`` held whole: its fields -> ``box[i]``.
_BOX = ("region_info", "bounding_box")
_BOX_FIELDS = {"left_col": "[0]", "top_row": "[1]", "right_col": "[2]", "bottom_row": "[3]"}
_NESTED_ITEMS: dict[tuple[str, tuple[str, ...]], str] = {
    ("regions", ("data", "concepts")): "concepts"
}
_STREAM_TEXT = (*_OUTPUT, "text", "raw")


@register
class ResponseAccessRule(Rule):
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
            signatures=EXAMPLE_SIGNATURES,
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
            signatures=EXAMPLE_SIGNATURES,
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
            signatures=EXAMPLE_SIGNATURES,
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
            signatures=EXAMPLE_SIGNATURES,
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/llm')\n"
            "for response in model.generate_by_bytes(b'Hi', input_type='text'):\n"
            "    if response.outputs and response.outputs[0].data.text:\n"
            "        print(response.outputs[0].data.text.raw.strip())\n",
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/llm')\n"
            "for response in model.generate(prompt='Hi'):\n"
            "    print(response.strip())\n",
            signatures=EXAMPLE_SIGNATURES,
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "model = Model('https://clarifai.com/u/a/models/detector')\n"
            "r = model.predict_by_url('https://x/y.jpg', 'image')\n"
            "for region in r.outputs[0].data.regions:\n"
            "    print(region.id)\n"
            "print(region.region_info.bounding_box.left_col)\n"
            "r = model.predict_by_url('https://x/z.jpg', 'image')\n"
            "print(r.outputs[0].data.regions[0].id)\n",
            "from clarifai.client.model import Model\n"
            "from clarifai.runners.utils.data_types import Image\n"
            "model = Model('https://clarifai.com/u/a/models/detector')\n"
            "r = model.predict(image=Image(url='https://x/y.jpg'))\n"
            "for region in r:\n"
            "    print(region.id)\n"
            "print(region.box[0])\n"
            "r = model.predict(image=Image(url='https://x/z.jpg'))\n"
            "print(r[0].id)\n",
            signatures=EXAMPLE_SIGNATURES,
        ),
        Invalid(
            "from clarifai.client.model import Model\n"
            "from google.protobuf.json_format import MessageToDict\n"
            "model = Model('https://clarifai.com/u/a/models/m')\n"
            "r = model.predict_by_url('https://x/y.jpg', 'image')\n"
            "print(MessageToDict(r))\n",
            "from clarifai.client.input import Inputs\n"
            "from clarifai.client.model import Model\n"
            "from google.protobuf.json_format import MessageToDict\n"
            "model = Model('https://clarifai.com/u/a/models/m')\n"
            'r = model.predict(inputs=[Inputs.get_input_from_url("", '
            "image_url='https://x/y.jpg')])\n"
            "print(MessageToDict(r))\n",
            signatures=EXAMPLE_SIGNATURES,
        ),
    )

    NEEDED_FOR = "the response read"
    REWRITES_RESPONSE_READS = True

    def needed_by(self, site: CallSite, context: Planner) -> bool:
        return not isinstance(context.facts.parent.get(site.call), cst.Expr)

    def plan_site(self, site: CallSite, context: Planner) -> Optional[Marker]:
        return plan_reads(site, context)


@dataclass(frozen=True)
class ReadsEscape(Marker):
    """The reads are not rewritable to the value form, and why (``todo``).

    :meth:`ResponseReads.plan` answers either a :class:`ReadPlan` ("rewritable: these edits")
    or one of these ("not rewritable: why"). It is not the end of the road: the planner's form
    selection keeps the legacy response shape instead (``with_proto=True`` or the proto form
    ``model.predict(inputs=[...])``) and marks only when no form can.
    """


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
        code = source_of(value)
        if code in ("0", "-1"):
            return "[i]" if code == "-1" else "[0]"
        return f"[{code}]"
    return "[:]"


def _normalise(steps: tuple[str, ...]) -> tuple[str, ...]:
    """``outputs[0]`` and ``outputs[-1]`` are the same read (one output per input)."""
    if len(steps) >= 2 and steps[0] == "outputs" and steps[1] in ("[0]", "[i]"):
        return ("outputs", "[i]", *steps[2:])
    return steps


def _shown(node: cst.CSTNode) -> str:
    """Source of a read for a message: ``r.outputs[0].data.text``, one line, backquoted."""
    text = " ".join(source_of(node).split())
    return f"`{text if len(text) <= 60 else text[:57] + '...'}`"


#: Reads that were always true on a successful response (the legacy methods raised on any
#: other): one output per input, and a message field of a proto is always truthy.
ALWAYS_TRUE: frozenset[tuple[str, ...]] = frozenset(
    {
        ("outputs",),
        ("outputs", "[i]"),
        ("outputs", "[i]", "data"),
        *((*_OUTPUT, field_name) for field_name in ("text", "image", "audio", "video")),
    }
)
#: Value kinds whose value has the legacy field's Python type (``str`` for ``text.raw``,
#: ``bytes`` for ``image.base64`` -> ``Image.bytes``), so any further read works unchanged.
SAME_TYPE_KINDS = frozenset({"text", "image", "audio", "video"})


@dataclass
class ResponseReads:
    """Classifies every read of one legacy call's result; see :data:`UNARY_READS`.

    ``references(name)`` gives the reads that see the value bound at ``name`` (flow-sensitive,
    :mod:`codemods.flow`), or None when that cannot be told; ``helper_parameter(call, arg)``
    gives the parameter of a same-module function that receives ``arg`` when the function is
    called only there, so the response can be followed into its body.
    """

    facts: ModuleFacts
    references: Callable[[cst.Name], Optional[list[cst.Name]]]
    status_check: Callable[[Union[cst.If, cst.Assert], ReadPlan], Optional[Marker]]
    new_method: str
    helper_parameter: Callable[[cst.Call, cst.Arg], Optional[cst.Name]] = lambda call, arg: None
    _followed: set[int] = field(default_factory=set)

    def unescaped(self, what: str) -> ReadsEscape:
        return ReadsEscape(
            CODE,
            f"the response {what} and keeps the legacy MultiOutputResponse shape: change that "
            f"code to use the value model.{self.new_method}(...) returns, then migrate the call "
            "and drop legacy_compat.Model",
        )

    def plan(self, call: cst.Call, streams: bool) -> Union[ReadPlan, Marker]:
        """The edits that carry every read of ``call``'s result to the value form, or why
        not (a :class:`ReadsEscape`, or a status-check marker of LC005)."""
        plan = ReadPlan()
        parent = self.facts.parent.get(call)
        steps, outer, _ = accessor_chain(call, self.facts)
        if steps:
            if streams:
                return self.unescaped(f"stream is read as {_shown(outer)}")
            problem = self._unary_read(call, outer, steps, plan, on_call=True)
            return problem or plan
        if isinstance(parent, cst.Expr):
            return plan
        if isinstance(parent, (cst.For, cst.CompFor)) and parent.iter is call and streams:
            return self._stream_loop(parent, plan) or plan
        if isinstance(parent, (cst.Assign, cst.AnnAssign)):
            target = parent.targets[0].target if isinstance(parent, cst.Assign) else parent.target
            if isinstance(target, cst.Name) and (
                isinstance(parent, cst.AnnAssign) or len(parent.targets) == 1
            ):
                problem = self._result_name(target, streams, plan)
                return problem or plan
        return self.unescaped(self._escape_description(call))

    def _escape_description(self, node: cst.CSTNode) -> str:
        parent = self.facts.parent.get(node)
        if isinstance(parent, cst.Return):
            return "is returned"
        if isinstance(parent, cst.Arg):
            call = self.facts.parent.get(parent)
            if isinstance(call, cst.Call):
                return f"is passed to {source_of(call.func)}()"
            return "is passed to a function"
        if isinstance(parent, (cst.Yield, cst.Await)):
            return "is yielded"
        if isinstance(parent, (cst.Assign, cst.AugAssign, cst.AnnAssign)):
            return "is stored"
        if isinstance(parent, (cst.Element, cst.DictElement, cst.List, cst.Tuple, cst.Dict)):
            return "is stored in a container"
        return "is used in a way the codemod does not recognise"

    def _result_name(self, target: cst.Name, streams: bool, plan: ReadPlan) -> Optional[Marker]:
        accesses = self.references(target)
        if accesses is None:
            return self.unescaped(
                f"variable {target.value} is assigned in more than one place and the codemod "
                "cannot tell which assignment each read sees"
            )
        if not streams:
            return self._reads(accesses, plan)
        for access in accesses:
            if self._within_dead(access, plan):
                continue
            parent = self.facts.parent.get(access)
            if not isinstance(parent, (cst.For, cst.CompFor)) or parent.iter is not access:
                return self.unescaped(f"stream {target.value} is used other than in a for loop")
            problem = self._stream_loop(parent, plan)
            if problem is not None:
                return problem
        return None

    def _within_dead(self, node: cst.CSTNode, plan: ReadPlan) -> bool:
        return any(self.facts.is_within(node, dead) for dead in plan.dead)

    def _reads(self, accesses: list[cst.Name], plan: ReadPlan) -> Optional[Marker]:
        """Every read of one value (a response or a stream item): conditions first, so the
        reads inside a branch that never ran go with it, then the value reads."""
        chains = [(access, *accessor_chain(access, self.facts)) for access in accesses]
        consumed: set[int] = set()
        for access, steps, outer, _ in chains:
            if _normalise(steps)[:2] == ("status", "code"):
                problem = self._status(outer, plan)
                if problem is not None:
                    return problem
                consumed.add(id(access))
        for access, steps, outer, _ in chains:
            if id(access) in consumed or self._within_dead(access, plan):
                continue
            if _normalise(steps) in ALWAYS_TRUE and self._condition(outer, accesses, plan):
                consumed.add(id(access))
        for access, steps, outer, _ in chains:
            if id(access) in consumed or self._within_dead(access, plan):
                continue
            if not steps:
                problem = self._whole_value(access, plan)
            else:
                problem = self._unary_read(access, outer, steps, plan, on_call=False)
            if problem is not None:
                return problem
        return None

    def _whole_value(self, access: cst.Name, plan: ReadPlan) -> Optional[Marker]:
        """The response itself used: followed into a same-module helper, else it escapes."""
        parent = self.facts.parent.get(access)
        call = self.facts.parent.get(parent) if isinstance(parent, cst.Arg) else None
        if isinstance(parent, cst.Arg) and isinstance(call, cst.Call):
            parameter = self.helper_parameter(call, parent)
            if parameter is not None and id(parameter) not in self._followed:
                self._followed.add(id(parameter))
                accesses = self.references(parameter)
                if accesses is not None:
                    return self._reads(accesses, plan)
        return self.unescaped(self._escape_description(access))

    # -- conditions that always held ------------------------------------------------------
    def _condition(self, term: cst.CSTNode, accesses: list[cst.Name], plan: ReadPlan) -> bool:
        """``term`` (``r.outputs``...) is always true: plan the edit of the test it is in.
        False when the test has a shape this does not handle (the read then escapes)."""
        parent = self.facts.parent.get(term)
        if isinstance(parent, cst.UnaryOperation) and isinstance(parent.operator, cst.Not):
            statement = self.facts.parent.get(parent)
            if isinstance(statement, cst.If) and statement.test is parent:
                return self._decided(statement, holds=False, plan=plan)
            return False
        top: cst.CSTNode = term
        while True:
            above = self.facts.parent.get(top)
            if (
                isinstance(above, cst.BooleanOperation)
                and isinstance(above.operator, cst.And)
                and not above.lpar
            ):
                top = above
                continue
            break
        statement = self.facts.parent.get(top)
        if isinstance(statement, cst.If) and statement.test is top:
            holder: cst.CSTNode = statement
        elif isinstance(statement, (cst.Assert, cst.IfExp)) and statement.test is top:
            holder = statement
        else:
            return False
        if any(e.node is holder or e.node is top for e in plan.edits):
            return True  # planned already, from another operand of the same test
        operands = and_operands(top) if isinstance(top, cst.BooleanOperation) else [top]
        always = tuple(i for i, o in enumerate(operands) if self._always_true(o, accesses))
        if len(always) == len(operands):
            if isinstance(holder, cst.Assert):
                line = self.facts.parent.get(holder)
                if (
                    isinstance(line, cst.SimpleStatementLine)
                    and len(line.body) == 1
                    and not has_comment(line)
                ):
                    plan.drop(line, EditKind.REMOVE)
                    return True
                return False
            if isinstance(holder, cst.IfExp):
                plan.dead.append(holder.orelse)
                plan.edits.append(ReadEdit(holder, EditKind.TAKE_BODY))
                return True
            assert isinstance(holder, cst.If)
            return self._decided(holder, holds=True, plan=plan)
        assert isinstance(top, cst.BooleanOperation)
        plan.edits.append(ReadEdit(top, EditKind.DROP_TERMS, dropped=always))
        return True

    def _always_true(self, operand: cst.CSTNode, accesses: list[cst.Name]) -> bool:
        for access in accesses:
            steps, outer, _ = accessor_chain(access, self.facts)
            if outer is operand and _normalise(steps) in ALWAYS_TRUE:
                return True
        return False

    def _decided(self, statement: cst.If, *, holds: bool, plan: ReadPlan) -> bool:
        """An ``if`` whose test always (``holds``) or never held on a successful response.
        False (not rewritable) when the code that goes holds a comment: it must not be lost."""
        if holds and has_comment(statement.test, statement.orelse):
            return False
        if not holds and has_comment(
            statement.test, statement.body, *(() if statement.orelse else statement.leading_lines)
        ):
            return False
        if holds:
            if statement.orelse is not None:
                plan.dead.append(statement.orelse)
            plan.edits.append(ReadEdit(statement, EditKind.UNWRAP))
            return True
        plan.dead.append(statement.body)
        if statement.orelse is None:
            plan.drop(statement, EditKind.REMOVE)
            return True
        if isinstance(statement.orelse, cst.Else):
            plan.edits.append(ReadEdit(statement, EditKind.UNWRAP_ELSE))
            return True
        return False  # an ``elif`` chain: left to a person

    # -- value reads ------------------------------------------------------------------------
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
            return self.unescaped(f"is read as {_shown(outer)}")
        prefix, (kind, suffix) = match
        plan.kinds.add(kind)
        chain_steps, _chain_node, nodes = accessor_chain(base, self.facts)
        node = nodes[len(prefix)]
        rest = _normalise(chain_steps)[len(prefix) :]
        target_text = "" if on_call else source_of(base)
        if kind in ITEM_READS:
            problem = self._list_use(
                node, rest, kind, plan, base_text=None if on_call else target_text
            )
            if problem is not None:
                return problem
            if rest:
                return None  # handled as an item read on the list
            self._replace(plan, node, target_text + suffix, on_call)
            return None
        if rest and kind not in SAME_TYPE_KINDS:
            return self.unescaped(f"is read as {_shown(outer)}")
        self._replace(plan, node, target_text + suffix, on_call)
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
            if (
                kind == "regions"
                and item_steps == _BOX
                and index.startswith("[")
                and index != "[:]"
            ):
                _, outer, _ = accessor_chain(node, self.facts)
                index_text = "[0]" if index == "[0]" else ("[-1]" if index == "[i]" else index)
                return self._box_variable(outer, (base_text or "") + index_text, plan, on_call)
            if not index.startswith("[") or index == "[:]" or item_steps not in ITEM_READS[kind]:
                _, outer, _ = accessor_chain(node, self.facts)
                return self.unescaped(f"is read as {_shown(outer)}")
            _, outer, _ = accessor_chain(node, self.facts)
            index_text = "[0]" if index == "[0]" else ("[-1]" if index == "[i]" else index)
            text = (base_text or "") + index_text + ITEM_READS[kind][item_steps]
            self._replace(plan, outer, text, on_call)
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
        accesses = self.references(target)
        if accesses is None:
            return self.unescaped(
                f"loop variable {target.value} is also assigned elsewhere and the codemod "
                "cannot tell which value each read sees"
            )
        for access in accesses:
            steps, outer, nodes = accessor_chain(access, self.facts)
            matched = None
            for item_steps, suffix in ITEM_READS[kind].items():
                if steps[: len(item_steps)] == item_steps:
                    matched = (item_steps, suffix)
                    break
            if matched is None and kind == "regions" and steps == _BOX:
                problem = self._box_variable(outer, target.value, plan, on_call=False)
                if problem is not None:
                    return problem
                continue
            if matched is None:
                return self.unescaped(f"loop variable {target.value} is read as {_shown(outer)}")
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

    def _box_variable(
        self, box: cst.CSTNode, region_text: str, plan: ReadPlan, on_call: bool
    ) -> Optional[Marker]:
        """``b = region.region_info.bounding_box`` then ``b.top_row``...: the value form's
        ``Region.box`` is ``[left, top, right, bottom]``, so ``b = region.box`` and ``b[1]``."""
        assign = self.facts.parent.get(box)
        target = assign.targets[0].target if isinstance(assign, cst.Assign) else None
        if not isinstance(target, cst.Name) or len(assign.targets) != 1:  # type: ignore[union-attr]
            return self.unescaped(f"is read as {_shown(box)}")
        reads = self.references(target)
        if reads is None:
            return self.unescaped(f"variable {target.value} is assigned in more than one place")
        edits = []
        for read in reads:
            steps, outer, nodes = accessor_chain(read, self.facts)
            if not steps or steps[0] not in _BOX_FIELDS:
                return self.unescaped(f"bounding box {target.value} is read as {_shown(outer)}")
            edits.append(
                ReadEdit(nodes[1], EditKind.REPLACE_WITH_TEXT, target.value + _BOX_FIELDS[steps[0]])
            )
        self._replace(plan, box, region_text + ".box", on_call)
        plan.edits.extend(edits)
        return None

    def _stream_loop(self, loop: Union[cst.For, cst.CompFor], plan: ReadPlan) -> Optional[Marker]:
        """Each item of a stream is read as a unary response is (a ``str`` per chunk...)."""
        target = loop.target
        if not isinstance(target, cst.Name):
            return self.unescaped("stream is consumed in a way the codemod does not recognise")
        accesses = self.references(target)
        if accesses is None:
            return self.unescaped(
                f"loop variable {target.value} is also assigned elsewhere and the codemod "
                "cannot tell which value each read sees"
            )
        return self._reads(accesses, plan)

    def _status(self, outer: cst.CSTNode, plan: ReadPlan) -> Optional[Marker]:
        comparison = self.facts.parent.get(outer)
        statement = self.facts.parent.get(comparison) if comparison is not None else None
        if isinstance(statement, (cst.If, cst.Assert)) and statement.test is comparison:
            if any(e.node is statement for e in plan.edits):
                return None
            line = self.facts.parent.get(statement)
            if isinstance(statement, cst.Assert) and has_comment(line):
                return self.unescaped("status is asserted on a line with a comment")
            problem = self.status_check(statement, plan)
            if (
                problem is None
                and isinstance(statement, cst.Assert)
                and isinstance(line, cst.SimpleStatementLine)
                and len(line.body) == 1
            ):  # the whole line goes, not only the ``assert`` (libcst would leave ``pass``)
                plan.edits = [
                    ReadEdit(line, e.kind) if e.node is statement else e for e in plan.edits
                ]
            return problem
        return self.unescaped("status is read outside an `if status.code != SUCCESS` check")


def plan_reads(site: CallSite, context: Planner) -> Optional[Marker]:
    """Plan every read of the call's result, checked against the signature's return type."""
    new_method = site.method.new_method
    status_check = context.status_check(new_method, asked_by=CODE)
    reads = ResponseReads(
        context.facts, context.references, status_check, new_method, context.helper_parameter
    )
    plan = reads.plan(site.call, streams=site.method.kind.streams_output)
    if isinstance(plan, Marker):
        return plan
    site.reads = plan
    signature = site.signature
    for value_kind in sorted(plan.kinds):
        if signature is not None and signature.returns is not None:
            returned = signature.returns.type_name
            if signature.returns.item_type:
                returned = f"{returned}:{signature.returns.item_type}"
            if returned not in RETURN_TYPES[value_kind]:
                return Marker(
                    CODE,
                    f"the response is read as {value_kind} but the model's {new_method} "
                    f"returns {returned}: adapt the reads by hand",
                )
            site.assumptions.append(f"return value is {value_kind} (from the signature)")
        else:
            site.assumptions.append(
                f"return value is {value_kind} (by convention from how the response is "
                "read; no signature)"
            )
    return None
