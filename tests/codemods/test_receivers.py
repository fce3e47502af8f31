"""Which calls are legacy calls: resolved through scopes and imports, never by spelling."""

from __future__ import annotations

import textwrap

import pytest

from codemods.engine import migrate_python
from codemods.findings import Outcome

URL = "'https://clarifai.com/u/a/models/m'"


def outcomes(source: str) -> list[str]:
    _, findings = migrate_python(textwrap.dedent(source), path="t.py")
    return [f.outcome.value for f in findings]


@pytest.mark.parametrize(
    "source",
    [
        f"from clarifai.client.model import Model\nModel({URL}).predict_by_url('u', 'image')\n",
        f"from clarifai.client import Model\nm = Model({URL})\nm.predict_by_url('u', 'image')\n",
        f"import clarifai.client.model\nm = clarifai.client.model.Model({URL})\n"
        "m.predict_by_url('u', 'image')\n",
        f"import clarifai.client.model as cm\ncm.Model({URL}).predict_by_url('u', 'image')\n",
        f"from clarifai.client.model import Model as ClarifaiModel\nm = ClarifaiModel({URL})\n"
        "m.predict_by_url('u', 'image')\n",
        f"import legacy_compat\nm = legacy_compat.Model({URL})\nm.predict_by_url('u', 'image')\n",
        f"from legacy_compat import Model\nm = Model({URL})\nm.predict_by_url('u', 'image')\n",
        # a local variable in a function, the model built at module level
        f"from clarifai.client.model import Model\nm = Model({URL})\n"
        "def f(u):\n    m.predict_by_url(u, 'image')\n",
        # self._model assigned in __init__
        f"""\
        from clarifai.client.model import Model
        class C:
            def __init__(self):
                self._model = Model({URL})
            def go(self, u):
                self._model.predict_by_url(u, 'image')
        """,
        # returned from a function of the same module
        f"""\
        from clarifai.client.model import Model
        def make():
            model = Model({URL})
            return model
        def go(u):
            make().predict_by_url(u, 'image')
        """,
        # the class stored in a variable first
        f"from clarifai.client.model import Model\nM = Model\n"
        f"M({URL}).predict_by_url('u', 'image')\n",
        # stored in a dict literal
        f"""\
        from clarifai.client.model import Model
        MODELS = {{'a': Model({URL}), 'b': Model({URL})}}
        def go(u):
            MODELS['b'].predict_by_url(u, 'image')
        """,
    ],
)
def test_clarifai_models_are_found_in_any_import_style(source: str) -> None:
    assert outcomes(source) == ["rewritten"]


@pytest.mark.parametrize(
    "source",
    [
        # a Workflow has the same method names
        "from clarifai.client.workflow import Workflow\n"
        "Workflow('https://clarifai.com/u/a/workflows/w').predict_by_url('u', 'image')\n",
        # an unrelated object, in a file that does not import the Clarifai Model
        "def go(prediction_service):\n    prediction_service.predict_by_url('u', 'image')\n",
        # a mock's return value
        "from unittest import mock\nfrom clarifai.client.model import Model\n"
        "with mock.patch('clarifai.client.model.Model') as M:\n"
        "    M.return_value.predict_by_url('u', 'image')\n",
        # a local class with the same name as the SDK's
        "class Model:\n    def predict_by_url(self, u, t):\n        return u\n"
        "Model().predict_by_url('u', 'image')\n",
        # the name Model rebound to something else in this scope
        "from clarifai.client.model import Model\ndef go():\n    Model = dict\n"
        "    Model(a=1).predict_by_url('u', 'image')\n",
        # strings and comments
        "s = 'Model(x).predict_by_url(u, \"image\")'\n# m.predict_by_url(u, 'image')\n",
    ],
)
def test_other_objects_are_never_rewritten(source: str) -> None:
    new, findings = migrate_python(textwrap.dedent(source), path="t.py")
    assert new == textwrap.dedent(source)
    assert all(f.outcome is not Outcome.REWRITTEN for f in findings)


def test_unknown_receiver_is_reported_only_when_the_file_imports_model() -> None:
    source = (
        "from clarifai.client.model import Model\ndef go(m):\n    m.predict_by_url('u', 'image')\n"
    )
    new, findings = migrate_python(source, path="t.py")
    assert new == source
    assert [(f.code, f.outcome, f.line) for f in findings] == [("LC006", Outcome.REPORTED, 3)]
    assert "function parameter" in findings[0].message
    assert outcomes("def go(m):\n    m.predict_by_url('u', 'image')\n") == []


def test_model_from_mixed_origins_is_not_guessed() -> None:
    source = f"""\
    from clarifai.client.model import Model
    from somewhere import other
    def go(flag, u):
        m = Model({URL}) if flag else other
        m.predict_by_url(u, 'image')
    """
    assert outcomes(source) == ["reported"]


# -- flow-sensitive names, SDK factories, subclasses (issue 10 section 2, issue 14 section 4) ---


def test_a_local_class_defined_after_the_import_is_not_the_clarifai_model() -> None:
    source = (
        "from clarifai.client.model import Model\n"
        "class Model:\n"
        "    def predict_by_url(self, u, t):\n"
        "        return u\n"
        "Model().predict_by_url('u', 'image')\n"
    )
    new, findings = migrate_python(source, path="t.py")
    assert new == source
    assert findings == []


def test_the_import_after_a_local_class_is_what_later_reads_see() -> None:
    source = (
        "class Model:\n"
        "    pass\n"
        f"from clarifai.client.model import Model\nModel({URL}).predict_by_url('u', 'image')\n"
    )
    assert outcomes(source) == ["rewritten"]


def test_a_dict_entry_replaced_by_a_workflow_is_not_taken_for_a_model() -> None:
    source = f"""\
    from clarifai.client.model import Model
    from clarifai.client.workflow import Workflow
    MODELS = {{'a': Model({URL})}}
    MODELS['a'] = Workflow('https://clarifai.com/u/a/workflows/w')
    MODELS['a'].predict_by_url('u', 'image')
    """
    new, findings = migrate_python(textwrap.dedent(source), path="t.py")
    assert new == textwrap.dedent(source)
    assert [f.outcome for f in findings] == [Outcome.REPORTED]


@pytest.mark.parametrize(
    "source",
    [
        "from clarifai.client.app import App\n"
        "app = App(app_id='a', user_id='u')\n"
        "app.model('m').predict_by_url('u', 'image')\n",
        "from clarifai.client.user import User\n"
        "m = User(user_id='u').app(app_id='a').model(model_id='m')\n"
        "m.predict_by_url('u', 'image')\n",
        "from clarifai.client.app import App\n"
        "def build():\n"
        "    app = App(app_id='a', user_id='u')\n"
        "    return app.create_model('m')\n"
        "build().predict_by_url('u', 'image')\n",
        # a subclass of Model, and self inside it
        f"from clarifai.client.model import Model\nclass Tagger(Model):\n    pass\n"
        f"Tagger({URL}).predict_by_url('u', 'image')\n",
        "from clarifai.client.model import Model\n"
        "class Tagger(Model):\n"
        "    def tag(self, u):\n"
        "        self.predict_by_url(u, 'image')\n",
        # self.model assigned in a base class
        f"""\
        from clarifai.client.model import Model
        class Base:
            def __init__(self):
                self.model = Model({URL})
        class Child(Base):
            def go(self, u):
                self.model.predict_by_url(u, 'image')
        """,
    ],
)
def test_models_the_sdk_or_the_class_hierarchy_builds(source: str) -> None:
    new, findings = migrate_python(textwrap.dedent(source), path="t.py")
    assert [f.outcome.value for f in findings] == ["rewritten"]
    assert "legacy_compat" not in new


def test_method_references_and_star_imports_are_reported() -> None:
    source = (
        "import asyncio, functools\n"
        "from clarifai.client.model import Model\n"
        f"m = Model({URL})\n"
        "f = functools.partial(m.predict_by_url, input_type='image')\n"
        "async def go(u):\n"
        "    return await asyncio.to_thread(m.generate_by_url, u, 'image')\n"
    )
    new, findings = migrate_python(source, path="t.py")
    assert new == source
    assert [(f.code, f.outcome, f.line) for f in findings] == [
        ("LC006", Outcome.REPORTED, 4),
        ("LC006", Outcome.REPORTED, 6),
    ]
    assert "lambda u: m.predict(...)" in findings[0].message
    star = f"from clarifai.client.model import *\nModel({URL}).predict_by_url('u', 'image')\n"
    _, findings = migrate_python(star, path="t.py")
    assert [(f.code, f.outcome) for f in findings] == [("LC006", Outcome.REPORTED)]
    assert "import *" in findings[0].message


def test_models_built_in_other_files_of_the_project(tmp_path, monkeypatch) -> None:
    from codemods.options import MigrateOptions
    from codemods.runner import migrate_files

    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "models.py").write_text(
        "from clarifai.client.model import Model\n"
        "from clarifai.client.user import User\n"
        f"llm = Model({URL})\n"
        "def captioner():\n"
        "    return User(user_id='u').app(app_id='a').model(model_id='cap')\n"
        "class Detector(Model):\n"
        "    pass\n"
    )
    app = package / "app.py"
    app.write_text(
        "from .models import llm, captioner, Detector\n"
        "from pkg import models\n"
        "print(llm.predict_by_bytes(b'hi', 'text').outputs[0].data.text.raw)\n"
        "captioner().predict_by_url('u', 'image')\n"
        f"Detector({URL}).predict_by_url('u', 'image')\n"
        "models.llm.predict_by_bytes(b'x', 'text')\n"
    )
    monkeypatch.chdir(tmp_path)
    [result] = list(migrate_files(sorted(package.rglob("*.py")), MigrateOptions()))
    assert result.path == app
    assert [f.outcome.value for f in result.findings] == ["rewritten"] * 4
    # No signature for models made elsewhere, so the form that works on both kinds of model.
    assert result.new is not None and b"_by_" not in result.new
    assert b"print(llm.predict(inputs=[" in result.new


def test_a_parameter_is_what_every_call_in_the_module_passes() -> None:
    head = f"from clarifai.client.model import Model\nm = Model({URL})\n"
    body = "def run(model, u):\n    model.predict_by_url(u, 'image')\n"
    assert outcomes(head + body + "run(m, 'a')\nrun(model=m, u='b')\n") == ["rewritten"]
    # one caller passes something else, or the function escapes: not guessed
    assert outcomes(head + body + "run(m, 'a')\nrun(object(), 'b')\n") == ["reported"]
    assert outcomes(head + body + "run(m, 'a')\nhandlers = [run]\n") == ["reported"]


def test_a_receiver_variable_is_resolved_per_assignment() -> None:
    source = (
        "from clarifai.client.model import Model\n"
        "from clarifai.client.workflow import Workflow\n"
        f"m = Model({URL})\n"
        "m.predict_by_url('u', 'image')\n"
        "m = Workflow('https://clarifai.com/u/a/workflows/w')\n"
        "m.predict_by_url('u', 'image')\n"
    )
    new, findings = migrate_python(source, path="t.py")
    assert [(f.outcome.value, f.line) for f in findings] == [("rewritten", 4)]
    assert new.endswith(
        "m = Workflow('https://clarifai.com/u/a/workflows/w')\nm.predict_by_url('u', 'image')\n"
    )


def test_the_first_escaping_read_names_the_reason_every_time() -> None:
    source = (
        "from clarifai.client.model import Model\n"
        f"m = Model({URL})\n"
        "r = m.predict_by_url('u', 'image', output_config={'max_concepts': 3})\n"
        "send(r)\n"
        "store = [r]\n"
        "keep(r)\n"
    )
    messages = {migrate_python(source, path="t.py")[1][0].message for _ in range(20)}
    assert len(messages) == 1
