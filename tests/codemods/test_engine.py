"""The engine on whole files: bytes, formatting, imports, signatures, robustness."""

from __future__ import annotations

import ast
import codecs
import json
import textwrap
from pathlib import Path

import pytest

from codemods.engine import migrate_python
from codemods.findings import Outcome
from codemods.options import MigrateOptions
from codemods.rules.lc001_legacy_call import EXAMPLE_SIGNATURES
from codemods.runner import migrate_file
from codemods.signature_file import SignatureSet

URL = "https://clarifai.com/u/a/models/m"
LEGACY = f"""\
from clarifai.client.model import Model
model = Model("{URL}")
model.predict_by_url("https://x/y.jpg", "image")
"""


# The models of these tests are pythonic (their signatures are known); without a signature a
# predict call keeps the proto form (see test_form_differential.py).
PYTHONIC = SignatureSet.from_json({"version": 1, "models": dict(EXAMPLE_SIGNATURES)})


def migrate(source: str, **options: object) -> tuple[str, list]:
    options.setdefault("signatures", PYTHONIC)
    new, findings = migrate_python(textwrap.dedent(source), MigrateOptions(**options), path="t.py")  # type: ignore[arg-type]
    return new, findings


def test_bytes_encoding_bom_and_crlf_are_preserved(tmp_path: Path) -> None:
    body = LEGACY.replace("\n", "\r\n").replace('"image")', '"image")  # café')
    path = tmp_path / "latin.py"
    path.write_bytes(b"# -*- coding: latin-1 -*-\r\n" + body.encode("latin-1"))
    result = migrate_file(path, MigrateOptions(signatures=PYTHONIC))
    assert result.new is not None
    text = result.new.decode("latin-1")
    assert 'model.predict(image=Image(url="https://x/y.jpg"))  # café\r\n' in text
    assert "\n" not in text.replace("\r\n", "")
    bom = tmp_path / "bom.py"
    bom.write_bytes(codecs.BOM_UTF8 + LEGACY.encode())
    new = migrate_file(bom, MigrateOptions(signatures=PYTHONIC)).new
    assert new is not None and new.startswith(codecs.BOM_UTF8) and new.count(codecs.BOM_UTF8) == 1


def test_only_the_rewritten_expression_changes() -> None:
    source = """\
    # leading comment
    from clarifai.client.model import Model

    x = [1,2,   3]  # odd spacing kept


    def unrelated( a ,b ):
        return a+b   # untouched
    model = Model("https://clarifai.com/u/a/models/m")
    model.predict_by_url(   "https://x/y.jpg", input_type = "image" )  # keep me
    """
    new, _ = migrate(source)
    expected = (
        textwrap.dedent(source)
        .replace(
            'model.predict_by_url(   "https://x/y.jpg", input_type = "image" )',
            'model.predict(   image=Image(url="https://x/y.jpg") )',
        )
        .replace(
            "from clarifai.client.model import Model\n",
            "from clarifai.client.model import Model\n"
            "from clarifai.runners.utils.data_types import Image\n",
        )
    )
    assert new == expected


@pytest.mark.parametrize(
    "source",
    [
        "def broken(:\n    model.predict_by_url(u)\n",
        "print 'python 2'\nmodel.predict_by_url(u, 'image')\n",
        "x = 1\x00\nm.predict_by_url(u)\n",
    ],
)
def test_code_that_does_not_parse_is_skipped_not_raised(source: str) -> None:
    new, findings = migrate_python(source, path="bad.py")
    assert new == source
    assert [f.outcome for f in findings] == [Outcome.SKIPPED]
    assert "does not parse" in findings[0].message


def test_signature_names_the_parameter_and_the_return_type() -> None:
    signatures = SignatureSet.from_json(
        {
            "version": 1,
            "models": {
                URL: {
                    "methods": {
                        "predict": {
                            "kind": "predict",
                            "parameters": [
                                {"name": "text", "type": "STR", "stream": False, "required": True},
                                {
                                    "name": "temperature",
                                    "type": "FLOAT",
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
    source = f"""\
    from clarifai.client.model import Model
    m = Model("{URL}")
    r = m.predict_by_bytes(b"hi", "text", inference_params={{"temperature": 0.1}})
    print(r.outputs[0].data.text.raw)
    m.predict_by_bytes(b"hi", "text", inference_params={{"top_k": 3}})
    i = m.predict_by_url("u", "image")
    """
    new, findings = migrate(source, signatures=signatures)
    assert 'r = m.predict(text="hi", temperature=0.1)\nprint(r)\n' in new
    first, second, third = findings
    assert first.outcome is Outcome.REWRITTEN
    assert first.assumptions == ("return value is text (from the signature)",)
    assert (second.code, second.outcome) == ("LC002", Outcome.MARKED)
    assert "no parameter 'top_k'" in second.message
    assert (third.code, third.outcome) == ("LC001", Outcome.MARKED)
    assert "accepts image" in third.message


def test_return_type_mismatch_with_signature_is_marked() -> None:
    signatures = SignatureSet.from_json(
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
    source = LEGACY.replace(
        'model.predict_by_url("https://x/y.jpg", "image")',
        'print(model.predict_by_url("https://x/y.jpg", "image").outputs[0].data.concepts[0].name)',
    )
    new, findings = migrate(source, signatures=signatures)
    # The reads cannot become reads of a str, so the call keeps the legacy response shape in
    # the proto form, which works on the model whatever it returns.
    assert [(f.code, f.outcome) for f in findings] == [("LC001", Outcome.REWRITTEN)]
    assert "returns STR" in findings[0].assumptions[0]
    assert (
        'model.predict(inputs=[Inputs.get_input_from_url("", image_url="https://x/y.jpg")])'
        ".outputs[0].data.concepts[0].name"
    ) in new


def test_name_clashes_import_the_new_names_under_an_alias() -> None:
    source = f"""\
    from PIL import Image
    from clarifai.client.model import Model
    Path = None
    m = Model("{URL}")
    m.predict_by_filepath("a.png", "image")
    """
    new, _ = migrate(source)
    assert 'm.predict(image=ClarifaiImage(bytes=PathlibPath("a.png").read_bytes()))' in new
    assert "from clarifai.runners.utils.data_types import Image as ClarifaiImage\n" in new
    assert "from pathlib import Path as PathlibPath\n" in new
    ast.parse(new)


def test_existing_imports_are_reused_and_unused_ones_removed() -> None:
    source = f"""\
    from clarifai.client.model import Model
    from clarifai.runners.utils.data_types import Image
    from clarifai_grpc.grpc.api.status import status_code_pb2
    m = Model("{URL}")
    r = m.predict_by_url("u", "image")
    if r.status.code != status_code_pb2.SUCCESS:
        raise RuntimeError(r.status.description)
    print(r.outputs[0].data.image.base64)
    """
    new, _ = migrate(source)
    assert new == textwrap.dedent(
        f"""\
        from clarifai.client.model import Model
        from clarifai.runners.utils.data_types import Image
        m = Model("{URL}")
        r = m.predict(image=Image(url="u"))
        print(r.bytes)
        """
    )


@pytest.mark.parametrize(
    ("read", "new_read"),
    [
        ("r.outputs[0].data.embeddings[0].vector", "r"),
        ("r.outputs[-1].data.audio.base64", "r.bytes"),
        ("r.outputs[0].data.concepts[0].value", "r[0].value"),
        ("len(r.outputs[0].data.concepts)", "len(r)"),
    ],
)
def test_recognised_reads(read: str, new_read: str) -> None:
    new, findings = migrate(
        LEGACY.replace("model.predict_by_url", "r = model.predict_by_url") + f"print({read})\n"
    )
    assert new.endswith(f"print({new_read})\n")
    assert findings[0].outcome is Outcome.REWRITTEN


@pytest.mark.parametrize(
    ("use", "why"),
    [
        ("return_it = lambda: r", "used in a way"),
        ("print(r.outputs[0].status.code)", "is read as `r.outputs[0].status.code`"),
        ("store = [r]", "stored in a container"),
        ("send(r)", "passed to send()"),
    ],
)
def test_escaping_responses_keep_the_legacy_shape(use: str, why: str) -> None:
    source = LEGACY.replace("model.predict_by_url", "r = model.predict_by_url") + use + "\n"
    new, findings = migrate(source)
    # A pythonic model (it has a signature) whose response escapes: the proto form keeps the
    # legacy MultiOutputResponse for the code after the call.
    assert [(f.code, f.outcome) for f in findings] == [("LC001", Outcome.REWRITTEN)]
    assert why in findings[0].assumptions[0]
    assert 'r = model.predict(inputs=[Inputs.get_input_from_url("", image_url=' in new
    assert "legacy_compat" not in new
    assert migrate(new)[0] == new


def test_routing_moves_to_the_constructor_with_deployment_user_id() -> None:
    source = f"""\
    from clarifai.client.model import Model
    class Bot:
        def __init__(self):
            self.model = Model(
                "{URL}",
            )
        def run(self):
            self.model.generate_by_bytes(b"x", "text", deployment_id="d", user_id="me")
    """
    new, findings = migrate(source)
    assert (
        f'self.model = Model(\n            "{URL}",\n            deployment_id="d",\n'
        '            deployment_user_id="me",\n        )'
    ) in new
    assert 'self.model.generate(prompt="x")' in new
    assert findings[0].outcome is Outcome.REWRITTEN


def test_disabled_rule_reports_instead_of_rewriting() -> None:
    source = LEGACY.replace('"image")', '"image", deployment_id="d")')
    new, findings = migrate(source, ignore=frozenset({"LC003"}))
    assert new == source
    assert [(f.code, f.outcome) for f in findings] == [("LC003", Outcome.REPORTED)]
    assert "disabled" in findings[0].message


def test_positional_arguments_of_every_era() -> None:
    source = f"""\
    from clarifai.client.model import Model
    m = Model("{URL}")
    m.predict_by_url("u", "image", {{"temperature": 2}}, {{}})
    m.predict_by_url("u", "image", None, None, "dep")
    m.predict_by_url("u", "image", some_value)
    """
    new, findings = migrate(source)
    outcomes = [(f.code, f.outcome.value) for f in findings]
    # the first call is fine; the second routes differently from it; the third is ambiguous
    assert outcomes == [("LC001", "rewritten"), ("LC003", "marked"), ("LC001", "marked")]
    assert 'm.predict(image=Image(url="u"), temperature=2)' in new
    assert "cannot be told apart by era" in findings[2].message


def test_a_routed_call_beside_an_unrouted_one_is_marked_the_same_way_on_every_run() -> None:
    # the unrouted call becomes a new-style call once rewritten: the routed call's marker must
    # not change because of that, or the verified write refuses the file as not idempotent
    source = f"""\
    from clarifai.client.model import Model
    m = Model("{URL}")
    m.predict_by_bytes(b"a", "text", deployment_id="dep")
    m.predict_by_bytes(b"b", "text")
    """
    new, findings = migrate(source)
    assert [(f.code, f.outcome.value) for f in findings] == [
        ("LC003", "marked"),
        ("LC001", "rewritten"),
    ]
    assert new.count("TODO(legacy-compat LC003)") == 1
    again, _ = migrate_python(new, MigrateOptions(signatures=PYTHONIC), path="t.py")
    assert again == new


def test_findings_point_at_the_method_name() -> None:
    _, findings = migrate(LEGACY)
    assert (findings[0].line, findings[0].column) == (3, 7)
    assert json.dumps(findings[0].assumptions)


def test_nested_legacy_call_in_the_input_is_rewritten_too() -> None:
    source = f"""\
    from clarifai.client.model import Model
    m = Model("{URL}")
    m.predict_by_url(m.predict_by_url("u", "image").outputs[0].data.text.raw, "image")
    """
    new, findings = migrate(source)
    assert 'm.predict(image=Image(url=m.predict(image=Image(url="u"))))\n' in new
    assert [f.outcome for f in findings] == [Outcome.REWRITTEN, Outcome.REWRITTEN]


def test_markers_go_above_the_enclosing_statement_once() -> None:
    source = f"""\
    from clarifai.client.model import Model
    m = Model("{URL}")
    if ready: m.predict_by_url(u, kind)
    xs = [m.predict_by_url(u, kind) for u in urls]
    """
    new, findings = migrate(source)
    lines = new.splitlines()
    assert lines[lines.index("if ready: m.predict_by_url(u, kind)") - 1].startswith(
        "# TODO(legacy-compat LC001): input_type is known only at run time"
    )
    assert new.count("# TODO(legacy-compat") == 2
    assert migrate(new)[0] == new
    assert [f.line for f in findings] == [3, 4]


def test_a_second_run_over_marked_calls_renders_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The verified write migrates its output again (the idempotence check); a marker already
    above its statement used to be planned again, so every file with a marked call was
    re-rendered, spliced and import-checked a second time to produce the same text."""
    from codemods import rewrite

    source = f"""\
    from clarifai.client.model import Model
    m = Model("{URL}")
    r = m.predict_by_bytes(b"hi", "text", inference_params={{"temperature": 0.1}})
    """
    new, findings = migrate_python(textwrap.dedent(source), path="t.py")
    assert [f.outcome for f in findings] == [Outcome.MARKED]
    rendered: list[object] = []
    apply = rewrite.apply_to_statement
    monkeypatch.setattr(
        rewrite, "apply_to_statement", lambda *a, **k: rendered.append(a) or apply(*a, **k)
    )
    again, findings_again = migrate_python(new, path="t.py")
    assert again == new
    assert [f.outcome for f in findings_again] == [Outcome.MARKED]
    assert rendered == []


def test_imports_go_after_future_imports_and_files_without_final_newline() -> None:
    source = (
        '"""Doc."""\nfrom __future__ import annotations\nimport clarifai.client.model as cm\n'
        f'cm.Model("{URL}").predict_by_url("u", "image")'
    )
    new, _ = migrate_python(source, MigrateOptions(signatures=PYTHONIC))
    assert new == (
        '"""Doc."""\nfrom __future__ import annotations\nimport clarifai.client.model as cm\n'
        "from clarifai.runners.utils.data_types import Image\n"
        f'cm.Model("{URL}").predict(image=Image(url="u"))'
    )
