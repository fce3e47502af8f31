"""LC006: a legacy-named call whose receiver cannot be proven to be a Clarifai ``Model``.

Upstream context: ``Workflow`` (and unrelated libraries) also have ``predict_by_url``;
rewriting a call on the wrong object would break working code. The receiver is followed
through assignments (per assignment: what the name holds at that point), ``self.x`` set in
any method of the class or its bases, dict entries (and entries stored later), functions of
the module and their callers' arguments, subclasses of ``Model``, ``App(...).model(...)`` /
``User(...).app(...).model(...)`` / ``app.create_model(...)``, and models, factories and
subclasses of the project's other files (:mod:`codemods.project_index`). When it still cannot
be told (a parameter of a function called from elsewhere, an import from outside the files
being migrated, a star import), and the file can hold a Clarifai model, the call is reported
with its file:line and left as it is; so is a legacy method passed on uncalled
(``functools.partial(m.predict_by_url, ...)``). No legacy call on a Clarifai ``Model`` goes
without a finding, and ``migrate --check`` fails while one is reported.
"""

from __future__ import annotations

import libcst as cst

from codemods.analysis import Resolution
from codemods.findings import Finding, Outcome
from codemods.legacy_api import LEGACY_METHODS
from codemods.rules import Rule, register
from codemods.rules.marker import Marker

__all__ = ["UnresolvedReceiver", "method_reference_finding", "unresolved"]

CODE = "LC006"


@register
class UnresolvedReceiver(Rule):
    CODE = CODE
    NAME = "unresolved-receiver"
    MESSAGE = "receiver may not be a Clarifai Model: reported, not rewritten"
    VALID = (
        "from clarifai.client.model import Model\n"
        "def run(model):\n"
        "    return model.predict_by_url('https://x/y.jpg', input_type='image')\n",
        # the name Model holds a local class at this point, not the SDK's
        "from clarifai.client.model import Model\n"
        "class Model:\n"
        "    def predict_by_url(self, url, input_type):\n"
        "        return url\n"
        "Model().predict_by_url('https://x/y.jpg', input_type='image')\n",
        # a legacy method handed on uncalled: reported with what to pass instead
        "import functools\n"
        "from clarifai.client.model import Model\n"
        "model = Model('https://clarifai.com/u/a/models/m')\n"
        "tag = functools.partial(model.predict_by_url, input_type='image')\n",
    )
    INVALID = ()


def unresolved(reason: str, method_name: str) -> Marker:
    return Marker(
        CODE,
        f"cannot tell whether the receiver of {method_name} is a Clarifai Model ({reason}): "
        "migrate it by hand or build the model in this module",
        keep_legacy=False,
    )


def method_reference_finding(
    reference: cst.Attribute, resolution: Resolution, path: str
) -> Finding:
    """The finding for a legacy method used as a value, not called here."""
    method = LEGACY_METHODS[reference.attr.value]
    receiver = cst.Module([]).code_for_node(reference.value)
    whose = (
        "a Clarifai Model"
        if resolution.is_model
        else f"an object that may be a Clarifai Model ({resolution.reason})"
    )
    return Finding(
        CODE,
        0,
        0,
        Outcome.REPORTED,
        f"{receiver}.{method.name} of {whose} is passed on as a function and called elsewhere: "
        f"pass a function that calls {receiver}.{method.new_method}(...) instead "
        f"(e.g. lambda u: {receiver}.{method.new_method}(...)), then run migrate again",
        path,
    )
