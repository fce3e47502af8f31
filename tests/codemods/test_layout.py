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
SIGNATURES = SignatureSet.from_json(
    {
        "version": 1,
        "models": {
            URL: {
                "methods": {
                    "predict": {
                        "kind": "predict",
                        "parameters": [
                            {"name": "prompt", "type": "STR", "stream": False, "required": False},
                            {"name": "image", "type": "IMAGE", "stream": False, "required": False},
                            {
                                "name": "temperature",
                                "type": "FLOAT",
                                "stream": False,
                                "required": False,
                            },
                            {
                                "name": "max_tokens",
                                "type": "INT",
                                "stream": False,
                                "required": False,
                            },
                        ],
                        "returns": {"type": "STR", "stream": False},
                    }
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
        "# always text\n"
        "r = model.predict(\n"
        '    prompt="hi",  # the prompt\n'
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
