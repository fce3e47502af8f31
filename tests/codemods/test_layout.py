"""Layout, comments, imports and nesting of rewritten code (issue 10 section 2).

Each test names the class of defect it guards. Every rewrite is also checked the way the
verified write checks it: the output compiles, keeps every comment of the input, and a second
run changes nothing.
"""

from __future__ import annotations

import io
import textwrap
import tokenize

import pytest

from codemods.engine import migrate_python
from codemods.findings import Outcome
from codemods.options import MigrateOptions
from codemods.signature_file import SignatureSet

URL = "https://clarifai.com/u/a/models/m"
#: A model whose signature is known, so the value form (``predict(prompt=...)``) is the one
#: chosen whatever the default for unknown models becomes.
_PARAMETERS = [
    {"name": name, "type": kind, "stream": False, "required": False}
    for name, kind in (
        ("prompt", "STR"),
        ("image", "IMAGE"),
        ("temperature", "FLOAT"),
        ("max_tokens", "INT"),
    )
]
SIGNATURES = SignatureSet.from_json(
    {
        "version": 1,
        "models": {
            URL: {
                "methods": {
                    "predict": {
                        "kind": "predict",
                        "parameters": _PARAMETERS,
                        "returns": {"type": "STR", "stream": False},
                    },
                    "generate": {
                        "kind": "generate",
                        "parameters": _PARAMETERS,
                        "returns": {"type": "STR", "stream": True},
                    },
                }
            }
        },
    }
)
OPTIONS = MigrateOptions(signatures=SIGNATURES)


def comments(source: str) -> list[str]:
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return [t.string for t in tokens if t.type == tokenize.COMMENT]


def migrated(source: str, options: MigrateOptions = OPTIONS) -> str:
    """Migrate ``source`` and check what the verified write checks."""
    source = textwrap.dedent(source)
    new, findings = migrate_python(source, options, path="t.py")
    compile(new, "t.py", "exec")
    kept = comments(new)
    for comment in comments(source):
        assert comment in kept, f"lost {comment!r}"
        kept.remove(comment)
    again, _ = migrate_python(new, options, path="t.py")
    assert again == new, "a second run changed the output"
    assert all(f.outcome is not Outcome.SKIPPED for f in findings), findings
    return new


def test_a_call_inside_a_parenthesised_chain_keeps_the_parentheses() -> None:
    new = migrated(
        f"""\
        from clarifai.client.model import Model
        model = Model("{URL}")
        def ask(u):
            x = (
                model
                .predict_by_url(u, input_type="image")
                .outputs[0].data.text.raw
            )
            return x
        """
    )
    assert "    x = (\n        model\n        .predict(image=Image(url=u))\n    )\n" in new


ROUTED_CALL = 'model.predict_by_bytes(b"hi", "text", deployment_id="d", user_id="me")\n'


@pytest.mark.parametrize(
    ("constructor", "expected"),
    [
        (
            f'Model("{URL}")',
            f'Model("{URL}", deployment_id="d", deployment_user_id="me")',
        ),
        (  # one per line, no trailing comma: the bracket stays on its own line
            f'Model(\n    "{URL}"\n)',
            f'Model(\n    "{URL}",\n    deployment_id="d",\n    deployment_user_id="me"\n)',
        ),
        (  # one per line with a trailing comma
            f'Model(\n    "{URL}",\n    pat="x",\n)',
            f'Model(\n    "{URL}",\n    pat="x",\n    deployment_id="d",\n'
            '    deployment_user_id="me",\n)',
        ),
        (  # aligned under the opening bracket, bracket on the last line
            f'Model("{URL}",\n              pat="x")',
            f'Model("{URL}",\n              pat="x",\n              deployment_id="d",\n'
            '              deployment_user_id="me")',
        ),
        (  # comments stay after the argument they follow
            f'Model(\n    "{URL}",  # the model\n    pat="x"  # secret\n)',
            f'Model(\n    "{URL}",  # the model\n    pat="x",  # secret\n    deployment_id="d",\n'
            '    deployment_user_id="me"\n)',
        ),
        (  # trailing spaces after the last comma are not copied between arguments
            f'Model("{URL}", pat="x",  \n)',
            f'Model("{URL}", pat="x", deployment_id="d", deployment_user_id="me",  \n)',
        ),
    ],
)
def test_keywords_added_to_a_constructor_follow_its_layout(constructor: str, expected: str) -> None:
    source = f"from clarifai.client.model import Model\nmodel = {constructor}\n{ROUTED_CALL}"
    new = migrated(source)
    assert new == (
        f'from clarifai.client.model import Model\nmodel = {expected}\nmodel.predict(prompt="hi")\n'
    )


def test_comments_in_arguments_and_inference_params_stay_next_to_the_new_code() -> None:
    new = migrated(
        f"""\
        from clarifai.client.model import Model
        model = Model("{URL}")
        r = model.predict_by_bytes(
            b"hi",  # the prompt
            "text",  # always text
            inference_params={{
                "temperature": 0.2,  # warm
                # "max_tokens": 10,
            }},
        )
        """
    )
    assert new.endswith(
        "r = model.predict(\n"
        '    prompt="hi",  # the prompt\n'
        "    # always text\n"
        "    temperature=0.2,  # warm\n"
        '    # "max_tokens": 10,\n'
        ")\n"
    )


def test_comments_that_have_no_line_of_their_own_go_above_the_statement() -> None:
    new = migrated(
        f"""\
        from clarifai.client.model import Model
        model = Model("{URL}")
        def ask():
            return model.predict_by_bytes(b"hi", "text", inference_params={{
                "temperature": 0.2,  # warm
                # "max_tokens": 10,
            }}).outputs[0].data.text.raw
        """
    )
    assert new.endswith(
        "def ask():\n"
        "    # warm\n"
        '    # "max_tokens": 10,\n'
        '    return model.predict(prompt="hi", temperature=0.2)\n'
    )


# -- imports -----------------------------------------------------------------------------------
CALL = f'model = Model("{URL}")\nmodel.predict_by_url("https://x/y.jpg", "image")\n'
IMAGE = "from clarifai.runners.utils.data_types import Image\n"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (  # a shebang and an encoding declaration stay on lines 1-2
            "#!/usr/bin/env python\n# -*- coding: latin-1 -*-\n",
            "#!/usr/bin/env python\n# -*- coding: latin-1 -*-\n" + IMAGE,
        ),
        (  # after the docstring and the __future__ imports, a section of its own
            '"""Docs."""\n\nfrom __future__ import annotations\n',
            '"""Docs."""\n\nfrom __future__ import annotations\n\n' + IMAGE,
        ),
        ('"""Docs."""\n\n', '"""Docs."""\n\n' + IMAGE),
    ],
)
def test_new_imports_go_after_what_must_stay_first(header: str, expected: str) -> None:
    # the Model import is inside the function, so nothing at the top holds an import yet
    source = f"{header}def run():\n    from clarifai.client.model import Model\n" + textwrap.indent(
        CALL, "    "
    )
    new = migrated(source)
    assert new.startswith(expected + "\n\ndef run():\n")  # two blank lines before a def
    assert _formatter_changes(new) == ""


def _formatter_changes(source: str) -> str:
    """What ruff's import sorting (I001) and formatter (its defaults, this project's line
    length) would change in ``source`` up to its first ``def``: "" when the imports and the
    blank lines around them are laid out as the formatter lays them out."""
    import importlib.util
    import subprocess
    import sys

    if importlib.util.find_spec("ruff") is None:
        # ruff is the oracle here and comes with the lint extra, which the SDK-matrix and
        # other-Python runs of CI do not install; the main run has it.
        pytest.skip("needs ruff (pip install -e '.[lint]') to compare with a formatter")
    ruff = [sys.executable, "-m", "ruff"]
    common = ["--isolated", "--line-length", "100", "--stdin-filename", "t.py", "-"]
    sort = [*ruff, "check", "--select", "I001", "--fix", "--quiet", "--exit-zero", *common]
    fixed = subprocess.run(sort, input=source, capture_output=True, text=True, check=True)
    formatted = subprocess.run(
        [*ruff, "format", *common], input=fixed.stdout, capture_output=True, text=True, check=True
    ).stdout
    head = source[: source.index("\ndef ")]
    return "" if formatted.startswith(head + "\ndef ") else formatted


@pytest.mark.parametrize(
    "after_imports",
    ["def classify(path):\n", "# the classifier\ndef classify(path):\n", "\ndef classify(path):\n"],
)
def test_a_first_import_section_is_laid_out_as_a_formatter_would(after_imports: str) -> None:
    # The red team's program: only a function-local Model import; Path (standard library)
    # and Image (third-party) are new, so the file's first import section is ours to lay out.
    body = (
        "    from clarifai.client.model import Model\n\n"
        f'    clf = Model(url="{URL}")\n'
        '    r = clf.predict_by_filepath(path, input_type="image")\n'
        "    return r.outputs[0].data.text.raw\n"
    )
    # An image-only signature: the value form, Image(bytes=Path(...).read_bytes()).
    image_only = SignatureSet.from_json(
        {
            "version": 1,
            "models": {
                URL: {
                    "methods": {
                        "predict": {
                            "kind": "predict",
                            "parameters": [
                                {
                                    "name": "image",
                                    "type": "IMAGE",
                                    "stream": False,
                                    "required": True,
                                }
                            ],
                            "returns": {"type": "STR", "stream": False},
                        }
                    }
                }
            },
        }
    )
    new = migrated(after_imports + body, MigrateOptions(signatures=image_only))
    assert new.startswith(f"from pathlib import Path\n\n{IMAGE}\n\n")
    assert "image=Image(bytes=Path(path).read_bytes())" in new
    assert _formatter_changes(new) == ""


def test_new_imports_go_before_the_first_use_not_after_a_later_import() -> None:
    new = migrated(f"from clarifai.client.model import Model\n{CALL}import os\nprint(os.sep)\n")
    assert new.startswith(f"from clarifai.client.model import Model\n{IMAGE}model = ")


def test_standard_library_imports_join_the_standard_library_section() -> None:
    source = (
        "import os\nimport sys\n\nfrom clarifai.client.model import Model\n\n"
        f'model = Model("{URL}")\nmodel.predict_by_filepath(sys.argv[1], "image")\n'
        "print(os.sep)\n"
    )
    new = migrated(source)
    assert new.startswith(
        "import os\nimport sys\nfrom pathlib import Path\n\n"
        f"from clarifai.client.model import Model\n{IMAGE}\n"
    )


def test_a_new_standard_library_section_is_a_group_of_its_own() -> None:
    source = (
        "from clarifai.client.model import Model\n\n"
        f'model = Model("{URL}")\nmodel.predict_by_filepath("a.png", "image")\n'
    )
    assert migrated(source).startswith(
        f"from pathlib import Path\n\nfrom clarifai.client.model import Model\n{IMAGE}\n"
    )


def test_import_legacy_compat_is_placed_in_order_and_the_unused_model_import_goes() -> None:
    source = (
        "import os\n\nfrom clarifai.client.model import Model  # the client\n"
        "from google.protobuf.json_format import MessageToDict\n\n"
        "# Model is mentioned in this comment, which is not a use\n"
        f'model = Model("{URL}")\n'
        # two routes on one model: the calls are marked and the model stays on the shim
        'print(MessageToDict(model.predict_by_url(u, "image", deployment_id="a")), os.sep)\n'
        'print(MessageToDict(model.predict_by_url(u, "image", deployment_id="b")), os.sep)\n'
    )
    new = migrated(source)
    assert new.startswith(
        "import os\n\nimport legacy_compat\n# the client\n"
        "from google.protobuf.json_format import MessageToDict\n\n"
    )
    assert f'model = legacy_compat.Model("{URL}")\n' in new


@pytest.mark.parametrize(
    "binding",
    [
        "from PIL import Image\n",
        "Image = None\n",
        "def Image():\n    pass\n",
        "for Image in []:\n    pass\n",
        "def f(Image):\n    return Image\n",
        "from PIL.Image import *\n",
    ],
)
def test_a_name_the_user_binds_is_never_shadowed(binding: str) -> None:
    source = f"from clarifai.client.model import Model\n{binding}{CALL}"
    new = migrated(source)
    assert "from clarifai.runners.utils.data_types import Image as ClarifaiImage\n" in new
    assert 'model.predict(image=ClarifaiImage(url="https://x/y.jpg"))' in new
    assert binding in new


def test_a_variable_named_data_types_is_not_reused() -> None:
    source = f"from clarifai.client.model import Model\ndata_types = []\nImage = None\n{CALL}"
    new = migrated(source)
    assert 'model.predict(image=ClarifaiImage(url="https://x/y.jpg"))' in new
    assert "import data_types" not in new and "data_types = []\n" in new


def test_an_existing_import_of_the_new_name_is_reused_under_its_alias() -> None:
    source = (
        "from clarifai.client.model import Model\n"
        "from clarifai.runners.utils.data_types import Image as CImage\n"
        f"from PIL import Image\n{CALL}"
    )
    new = migrated(source)
    assert 'model.predict(image=CImage(url="https://x/y.jpg"))' in new
    assert new.count("import") == 3


def test_in_a_notebook_new_imports_land_in_a_cell_before_the_first_use() -> None:
    from functools import partial

    from codemods.formats.notebook import migrate_python_cells

    cells = [
        "from clarifai.client.model import Model\n",
        CALL,
        "import os\nprint(os.sep)\n",
    ]
    new_cells, _ = migrate_python_cells(cells, partial(migrate_python, options=OPTIONS))
    assert new_cells[0] == "from clarifai.client.model import Model\n" + IMAGE
    assert new_cells[2] is None


# -- rule selection ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("rule", "call"),
    [
        (
            "LC002",
            'r = model.predict_by_bytes(b"hi", "text", deployment_id="d", '
            'inference_params={"temperature": 0.2})\nprint(r.outputs[0].data.text.raw)\n',
        ),
        (
            "LC004",
            'r = model.predict_by_bytes(b"hi", "text", deployment_id="d")\n'
            "print(r.outputs[0].data.text.raw)\n",
        ),
        (
            "LC005",
            'r = model.predict_by_bytes(b"hi", "text", deployment_id="d")\n'
            "if r.status.code != 10000:\n    raise RuntimeError(r.status.description)\n"
            "print(r.outputs[0].data.text.raw)\n",
        ),
    ],
)
def test_a_disabled_rule_leaves_every_piece_of_its_sites_alone(rule: str, call: str) -> None:
    """The routing of a model is a piece of every call on it: the constructor must not change
    while a call that needs a disabled rule stays as it was."""
    source = (
        f'from clarifai.client.model import Model\nmodel = Model("{URL}")\n{call}'
        'model.predict_by_bytes(b"other", "text", deployment_id="d")\n'
    )
    # the model is pythonic (signatures), so the value form and its read rewrites are needed
    options = MigrateOptions(ignore=frozenset({rule}), signatures=SIGNATURES)
    new, findings = migrate_python(source, options)
    assert new == source
    assert [f.outcome for f in findings] == [Outcome.REPORTED, Outcome.REPORTED]
    assert all("disabled" in f.message for f in findings)


# -- nesting -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (  # the outer rewrite drops the .encode() the inner read ended with
            'print(model.predict_by_bytes(\n    model.predict_by_bytes(b"x", "text")'
            '.outputs[0].data.text.raw.encode(), "text"\n).outputs[0].data.text.raw)\n',
            'print(model.predict(\n    prompt=model.predict(prompt="x")\n))\n',
        ),
        (  # a legacy call inside an inference_params value
            'model.predict_by_bytes(b"x", "text", inference_params={"temperature": '
            'float(model.predict_by_bytes(b"y", "text").outputs[0].data.text.raw)})\n',
            'model.predict(prompt="x", temperature=float(model.predict(prompt="y")))\n',
        ),
    ],
)
def test_a_call_nested_in_another_is_migrated_in_one_run(call: str, expected: str) -> None:
    source = f'from clarifai.client.model import Model\nmodel = Model("{URL}")\n{call}'
    new = migrated(source)  # also checks that a second run changes nothing
    assert new == f'from clarifai.client.model import Model\nmodel = Model("{URL}")\n{expected}'
    _, findings = migrate_python(source, OPTIONS)
    assert [(f.outcome, f.line) for f in findings] == [
        (Outcome.REWRITTEN, 3),
        (Outcome.REWRITTEN, 3 if "temperature" in call else 4),
    ]


def test_comments_of_removed_and_unwrapped_statements_stay_where_they_were() -> None:
    new = migrated(
        f"""\
        from clarifai.client.model import Model
        from clarifai_grpc.grpc.api.status import status_code_pb2
        model = Model("{URL}")
        r = model.predict_by_bytes(b"hi", "text")
        # top-level check
        if r.status.code != status_code_pb2.SUCCESS:  # not ok
            raise RuntimeError(r.status.description)  # boom
        print(r.outputs[0].data.text.raw)
        def f():
            for chunk in model.generate_by_bytes(b"hi", "text"):
                if chunk.outputs:  # guard
                    print(chunk.outputs[0].data.text.raw)  # inner
                # skip empty
                if not chunk.outputs:  # empty
                    continue  # next
        """
    )
    # A status check or dead guard that holds a comment is not removed (it would take the
    # comment with it): both calls keep the legacy response through the proto form, and every
    # comment stays on its own statement.
    assert new == textwrap.dedent(
        f"""\
        from clarifai.client.input import Inputs
        from clarifai.client.model import Model
        from clarifai_grpc.grpc.api.status import status_code_pb2
        model = Model("{URL}")
        r = model.predict(inputs=[Inputs.get_input_from_bytes("", text_bytes=b"hi")])
        # top-level check
        if r.status.code != status_code_pb2.SUCCESS:  # not ok
            raise RuntimeError(r.status.description)  # boom
        print(r.outputs[0].data.text.raw)
        def f():
            for chunk in model.generate(inputs=[Inputs.get_input_from_bytes("", text_bytes=b"hi")]):
                if chunk.outputs:  # guard
                    print(chunk.outputs[0].data.text.raw)  # inner
                # skip empty
                if not chunk.outputs:  # empty
                    continue  # next
        """
    )


def test_an_input_written_over_several_lines_inside_the_call_is_kept() -> None:
    new = migrated(
        f"""\
        from clarifai.client.model import Model
        model = Model("{URL}")
        def ask(q):
            return model.predict_by_bytes(q
                .strip()
                .encode(), "text").outputs[0].data.text.raw
        """
    )
    assert "    return model.predict(prompt=q\n        .strip())\n" in new


def test_a_comment_on_a_removed_name_of_a_kept_import_stays() -> None:
    source = (
        "from clarifai.client.model import (\n"
        "    Model,  # the client\n"
        "    ModelClient,  # kept\n"
        ")\n"
        f'model = Model("{URL}")\n'
        'print(ModelClient, model.predict_by_url("https://x/doc.txt", "text"))\n'
    )
    new = migrated(source)
    assert new.startswith(
        "import legacy_compat\n# the client\nfrom clarifai.client.model import (\n"
        "    ModelClient,  # kept\n)\n"
    )


def test_comments_of_dropped_arguments_keep_their_order() -> None:
    new = migrated(
        f"""\
        from clarifai.client.model import Model
        model = Model("{URL}", deployment_id="d")
        r = model.predict_by_bytes(
            b"hi",
            input_type="text",  # text!
            deployment_id="d",  # route
        )
        print(r.outputs[0].data.text.raw)
        """
    )
    assert 'r = model.predict(\n    prompt="hi",  # text!\n    # route\n)\n' in new


@pytest.mark.parametrize(
    ("arguments", "input_line"),
    [
        (  # the red team's call: the comment described the input type, now the input's
            '    b"hi",\n    input_type="text",  # text model\n'
            '    inference_params={"temperature": 0.1},\n',
            '    prompt="hi",  # text model\n    temperature=0.1,\n',
        ),
        (  # the input given last, by keyword
            '    input_type="text",  # text model\n    input_bytes=b"hi",\n',
            '    prompt="hi",  # text model\n',
        ),
    ],
)
def test_the_comment_of_a_dropped_argument_ends_the_input_line(
    arguments: str, input_line: str
) -> None:
    source = f'from clarifai.client.model import Model\nmodel = Model("{URL}")\n'
    source += f"r = model.predict_by_bytes(\n{arguments})\nprint(r.outputs[0].data.text.raw)\n"
    new = migrated(source)
    assert f"r = model.predict(\n{input_line})\n" in new


def test_a_new_clarifai_import_joins_the_clarifai_group_not_the_projects_own() -> None:
    source = (
        "import os\n\nimport numpy as np\nfrom clarifai.client.model import Model\n\n"
        f"from myapp import helpers\n\n{CALL}print(os, np, helpers)\n"
    )
    assert migrated(source).startswith(
        "import os\n\nimport numpy as np\nfrom clarifai.client.model import Model\n"
        f"{IMAGE}\nfrom myapp import helpers\n\n"
    )
