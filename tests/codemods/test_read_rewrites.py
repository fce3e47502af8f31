"""Response reads real code does, rewritten for the value form and proven by a run.

Each case is a small program in the style of public code. It is migrated with the models'
signatures (fetched from the local endpoint, as ``--fetch-signatures`` does), then run twice
against the same :class:`~legacy_compat.testing.LocalEndpoint`: the original on
``legacy_compat.install()``, the migrated program on the plain SDK. Both must print the same,
raise the same and send the same requests. The expected migration is pinned as well, so a
change of wording shows up as a diff here and not only as "still equal".
"""

from __future__ import annotations

import contextlib
import io
import textwrap
import warnings
from dataclasses import dataclass
from typing import Any, Iterator

import pytest
from google.protobuf.json_format import MessageToDict

import legacy_compat
from codemods.engine import migrate_python
from codemods.findings import Outcome
from codemods.legacy_api import LEGACY_METHOD_NAMES
from codemods.options import MigrateOptions
from codemods.signature_file import SignatureSet
from legacy_compat.signature_fetch import fetch_signature_set
from legacy_compat.testing.endpoint import FAKE_PAT, LocalEndpoint

MODELS = ("text-llm", "image-to-text", "image-classifier", "audio-transcriber")
OWN_MODELS = ("box-detector", "painter", "speaker")


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[LocalEndpoint, SignatureSet]]:
    from tests.codemods.read_models import BoxDetector, Painter, Speaker

    with LocalEndpoint(MODELS, max_lifetime_s=600.0) as endpoint:
        endpoint.add_model("box-detector", BoxDetector(), model_type_id="visual-detector")
        endpoint.add_model(
            "painter", Painter(), model_type_id="text-to-image", input_fields=["text"]
        )
        endpoint.add_model(
            "speaker", Speaker(), model_type_id="text-to-audio", input_fields=["text"]
        )
        methods: dict[str, Any] = {}
        for model_id in (*MODELS, *OWN_MODELS):
            fetched = fetch_signature_set(
                endpoint.model_url(model_id), base_url=endpoint.base_url, pat=FAKE_PAT
            )
            methods.update(fetched.models)
        yield endpoint, SignatureSet(methods)


@dataclass(frozen=True)
class Run:
    stdout: str
    error: str
    requests: tuple[Any, ...]


def _request(record: Any) -> tuple[Any, ...]:
    inputs = []
    for item in record.inputs:
        data = MessageToDict(item)
        data.pop("id", None)  # a fresh uuid per request
        inputs.append(data)
    return (
        record.rpc,
        record.model_id,
        record.method_name,
        record.runner_selector,
        record.inference_params,
        inputs,
    )


def run_program(source: str, endpoint: LocalEndpoint, *, shim: bool) -> Run:
    """Run ``source`` as ``__main__`` in this process, on the shim or on the plain SDK."""
    endpoint.clear_records()
    if shim:
        legacy_compat.install()
    out = io.StringIO()
    error = ""
    namespace = {"__name__": "__main__", "BASE": endpoint.base_url, "PAT": FAKE_PAT}
    namespace["CAT"] = str(endpoint.fixture_path("cat.png"))
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(out):
            warnings.simplefilter("ignore")
            exec(compile(source, "program.py", "exec"), namespace)
    except Exception as exc:  # the program's own failure is part of what is compared
        error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    finally:
        legacy_compat.uninstall()
    return Run(out.getvalue(), error, tuple(_request(r) for r in endpoint.records))


def program(text: str, endpoint: LocalEndpoint) -> str:
    """``text`` (a header + an indented body) with ``<model-id>`` replaced by model URLs."""
    for head in (PATH_HEAD, HEAD):
        if text.startswith(head):
            text = head + textwrap.dedent(text[len(head) :])
            break
    for model_id in (*MODELS, *OWN_MODELS):
        text = text.replace(f"<{model_id}>", endpoint.model_url(model_id))
    return text


def migrate_and_compare(
    served: tuple[LocalEndpoint, SignatureSet], before: str, expected: str
) -> Run:
    endpoint, signatures = served
    source = program(before, endpoint)
    migrated, findings = migrate_python(
        source, MigrateOptions(signatures=signatures), path="program.py"
    )
    assert migrated == program(expected, endpoint), [f.message for f in findings]
    assert all(f.outcome is Outcome.REWRITTEN for f in findings), [f.message for f in findings]
    assert not any(name in migrated for name in LEGACY_METHOD_NAMES)
    again, _ = migrate_python(migrated, MigrateOptions(signatures=signatures), path="program.py")
    assert again == migrated, "a second run changes nothing"
    original = run_program(source, endpoint, shim=True)
    new = run_program(migrated, endpoint, shim=False)
    assert original.requests, "the program reached the endpoint"
    assert new == original
    return original


HEAD = "from clarifai.client.model import Model\n"
#: A migrated header with the new ``pathlib`` import: the standard library section comes first.
PATH_HEAD = "from pathlib import Path\n\n" + HEAD


def test_seed_page_stream_guard(served):
    run = migrate_and_compare(
        served,
        HEAD
        + """\
        model = Model(url="<text-llm>", base_url=BASE, pat=PAT)
        response_stream = model.generate_by_bytes(b"one two three", input_type="text")
        for response in response_stream:
            if response.outputs and response.outputs[0].data.text:
                print(response.outputs[0].data.text.raw)
        """,
        HEAD
        + """\
        model = Model(url="<text-llm>", base_url=BASE, pat=PAT)
        response_stream = model.generate(prompt="one two three")
        for response in response_stream:
            print(response)
        """,
    )
    assert run.stdout == "three\n two\n one\n"


def test_guard_with_a_value_read_keeps_the_value_test(served):
    run = migrate_and_compare(
        served,
        HEAD
        + """\
        model = Model(url="<text-llm>", base_url=BASE, pat=PAT)
        for chunk in model.generate_by_bytes(b"a b", "text"):
            if chunk.outputs and chunk.outputs[0].data.text.raw:
                print(chunk.outputs[0].data.text.raw.strip().upper())
        """,
        HEAD
        + """\
        model = Model(url="<text-llm>", base_url=BASE, pat=PAT)
        for chunk in model.generate(prompt="a b"):
            if chunk:
                print(chunk.strip().upper())
        """,
    )
    assert run.stdout == "B\nA\n"


def test_string_methods_on_the_text(served):
    run = migrate_and_compare(
        served,
        HEAD
        + """\
        model = Model(url="<text-llm>", base_url=BASE, pat=PAT)
        response = model.predict_by_bytes(b"  red green blue  ", "text")
        answer = response.outputs[0].data.text.raw.strip().split(" ")
        print(answer, len(response.outputs[0].data.text.raw))
        """,
        HEAD
        + """\
        model = Model(url="<text-llm>", base_url=BASE, pat=PAT)
        response = model.predict(prompt="  red green blue  ")
        answer = response.strip().split(" ")
        print(answer, len(response))
        """,
    )
    assert run.stdout == "['blue', 'green', 'red'] 14\n"


def test_status_check_that_logs_and_returns(served):
    run = migrate_and_compare(
        served,
        HEAD
        + """\
        from clarifai_grpc.grpc.api.status import status_code_pb2
        model = Model(url="<text-llm>", base_url=BASE, pat=PAT)
        def ask(prompt):
            response = model.predict_by_bytes(prompt.encode(), input_type="text")
            if response.status.code != status_code_pb2.SUCCESS:
                print("request failed:", response.status.description)
                return None
            return response.outputs[0].data.text.raw
        print(ask("one two"))
        """,
        HEAD
        + """\
        model = Model(url="<text-llm>", base_url=BASE, pat=PAT)
        def ask(prompt):
            response = model.predict(prompt=prompt)
            return response
        print(ask("one two"))
        """,
    )
    assert run.stdout == "two one\n"


def test_status_check_with_else(served):
    run = migrate_and_compare(
        served,
        HEAD
        + """\
        from clarifai_grpc.grpc.api.status import status_code_pb2
        model = Model(url="<text-llm>", base_url=BASE, pat=PAT)
        r = model.predict_by_bytes(b"x y", "text")
        if r.status.code == status_code_pb2.SUCCESS:
            print("ok:", r.outputs[0].data.text.raw)
        else:
            print("failed", r.status.details)
        """,
        HEAD
        + """\
        model = Model(url="<text-llm>", base_url=BASE, pat=PAT)
        r = model.predict(prompt="x y")
        print("ok:", r)
        """,
    )
    assert run.stdout == "ok: y x\n"


def test_regions_with_boxes_and_concepts_and_the_loop_variable_after_the_loop(served):
    run = migrate_and_compare(
        served,
        HEAD
        + """\
        detector = Model(url="<box-detector>", base_url=BASE, pat=PAT)
        result = detector.predict_by_filepath(CAT, input_type="image")
        for region in result.outputs[0].data.regions:
            print(region.region_info.bounding_box.top_row, region.region_info.bounding_box.left_col)
            print([(c.name, c.value) for c in region.data.concepts])
        print("last:", region.id, region.data.concepts[0].name)
        """,
        PATH_HEAD
        + """\
        from clarifai.runners.utils.data_types import Image
        detector = Model(url="<box-detector>", base_url=BASE, pat=PAT)
        result = detector.predict(image=Image(bytes=Path(CAT).read_bytes()))
        for region in result:
            print(region.box[1], region.box[0])
            print([(c.name, c.value) for c in region.concepts])
        print("last:", region.id, region.concepts[0].name)
        """,
    )
    assert run.stdout.count("hash-") >= 3


def test_reassigned_response_is_followed_per_assignment(served):
    run = migrate_and_compare(
        served,
        HEAD
        + """\
        llm = Model(url="<text-llm>", base_url=BASE, pat=PAT)
        captioner = Model(url="<image-to-text>", base_url=BASE, pat=PAT)
        response = llm.predict_by_bytes(b"first second", "text")
        print(response.outputs[0].data.text.raw)
        response = captioner.predict_by_filepath(CAT, "image")
        print(response.outputs[0].data.text.raw.split()[1])
        """,
        PATH_HEAD
        + """\
        from clarifai.runners.utils.data_types import Image
        llm = Model(url="<text-llm>", base_url=BASE, pat=PAT)
        captioner = Model(url="<image-to-text>", base_url=BASE, pat=PAT)
        response = llm.predict(prompt="first second")
        print(response)
        response = captioner.predict(image=Image(bytes=Path(CAT).read_bytes()))
        print(response.split()[1])
        """,
    )
    assert run.stdout.startswith("second first\n")


def test_response_handed_to_a_helper(served):
    run = migrate_and_compare(
        served,
        HEAD
        + """\
        def show(response):
            if response.outputs:
                print("caption:", response.outputs[0].data.text.raw)
        model = Model(url="<image-to-text>", base_url=BASE, pat=PAT)
        result = model.predict_by_filepath(CAT, "image")
        show(result)
        """,
        PATH_HEAD
        + """\
        from clarifai.runners.utils.data_types import Image
        def show(response):
            print("caption:", response)
        model = Model(url="<image-to-text>", base_url=BASE, pat=PAT)
        result = model.predict(image=Image(bytes=Path(CAT).read_bytes()))
        show(result)
        """,
    )
    assert run.stdout.startswith("caption: a ")


def test_stream_items_in_a_comprehension(served):
    run = migrate_and_compare(
        served,
        HEAD
        + """\
        model = Model(url="<text-llm>", base_url=BASE, pat=PAT)
        stream = model.generate_by_bytes(b"c b a", "text")
        print("".join(item.outputs[0].data.text.raw for item in stream))
        """,
        HEAD
        + """\
        model = Model(url="<text-llm>", base_url=BASE, pat=PAT)
        stream = model.generate(prompt="c b a")
        print("".join(item for item in stream))
        """,
    )
    assert run.stdout == "a b c\n"


def test_image_bytes(served):
    run = migrate_and_compare(
        served,
        HEAD
        + """\
        painter = Model(url="<painter>", base_url=BASE, pat=PAT)
        picture = painter.predict_by_bytes(b"a red fox", "text")
        data = picture.outputs[0].data.image.base64
        print(len(data), data[:4])
        """,
        HEAD
        + """\
        painter = Model(url="<painter>", base_url=BASE, pat=PAT)
        picture = painter.predict(prompt="a red fox")
        data = picture.bytes
        print(len(data), data[:4])
        """,
    )
    assert "b'\\x89PNG'" in run.stdout


def test_a_bounding_box_held_in_a_variable(served):
    run = migrate_and_compare(
        served,
        HEAD
        + """\
        detector = Model(url="<box-detector>", base_url=BASE, pat=PAT)
        result = detector.predict_by_filepath(CAT, input_type="image")
        for region in result.outputs[0].data.regions:
            box = region.region_info.bounding_box
            print(round(box.right_col - box.left_col, 4), box.top_row, box.bottom_row)
        first = result.outputs[0].data.regions[0].region_info.bounding_box
        print(first.left_col)
        """,
        PATH_HEAD
        + """\
        from clarifai.runners.utils.data_types import Image
        detector = Model(url="<box-detector>", base_url=BASE, pat=PAT)
        result = detector.predict(image=Image(bytes=Path(CAT).read_bytes()))
        for region in result:
            box = region.box
            print(round(box[2] - box[0], 4), box[1], box[3])
        first = result[0].box
        print(first[0])
        """,
    )
    assert run.stdout.count("0.75") == 2


def test_a_model_passed_to_a_function_of_the_module(served):
    run = migrate_and_compare(
        served,
        HEAD
        + """\
        def describe(model, path=CAT):
            result = model.predict_by_filepath(path, input_type="image")
            return result.outputs[0].data.text.raw
        captioner = Model(url="<image-to-text>", base_url=BASE, pat=PAT)
        print(describe(captioner))
        print(describe(model=captioner, path=CAT)[:9])
        """,
        PATH_HEAD
        + """\
        from clarifai.runners.utils.data_types import Image
        def describe(model, path=CAT):
            result = model.predict(image=Image(bytes=Path(path).read_bytes()))
            return result
        captioner = Model(url="<image-to-text>", base_url=BASE, pat=PAT)
        print(describe(captioner))
        print(describe(model=captioner, path=CAT)[:9])
        """,
    )
    assert run.stdout.count("a ") >= 2


def test_audio_bytes_written_to_a_file(served, tmp_path):
    out = tmp_path / "speech.wav"
    run = migrate_and_compare(
        served,
        HEAD
        + f"""\
        tts = Model(url="<speaker>", base_url=BASE, pat=PAT)
        speech = tts.predict_by_bytes("hello there".encode(), input_type="text")
        with open({str(out)!r}, "wb") as f:
            f.write(speech.outputs[0].data.audio.base64)
        print(open({str(out)!r}, "rb").read()[:4], len(speech.outputs[0].data.audio.base64))
        """,
        HEAD
        + f"""\
        tts = Model(url="<speaker>", base_url=BASE, pat=PAT)
        speech = tts.predict(prompt="hello there")
        with open({str(out)!r}, "wb") as f:
            f.write(speech.bytes)
        print(open({str(out)!r}, "rb").read()[:4], len(speech.bytes))
        """,
    )
    assert run.stdout == "b'RIFF' 24\n"
