"""Drop-in modes: ``install()`` / ``uninstall()`` on the SDK's own ``Model``, and ``wrap()``.

Which implementation served a call is read from the wire: the facade calls the model's
pythonic method (the request carries ``_method_name``), the SDK's own legacy methods send an
old-format request without it.
"""

from __future__ import annotations

import random
import runpy
import sys
import textwrap
import threading
from pathlib import Path
from typing import Any, Callable, ContextManager, Dict, Iterator, Optional

import pytest

import legacy_compat
from codemods.legacy_api import LEGACY_METHOD_NAMES
from legacy_compat import LegacyInferenceWarning
from legacy_compat.legacy_methods import LEGACY_IMPLEMENTATIONS
from legacy_compat.patching import installed
from legacy_compat.sdk_support import has_from_local_grpc
from legacy_compat.testing.endpoint import FAKE_PAT, LocalEndpoint
from legacy_compat.testing.reference_models import caption


def _sdk_model() -> Any:
    from clarifai.client.model import Model

    return Model


def _own_methods() -> Dict[str, Any]:
    model_class = _sdk_model()
    return {name: model_class.__dict__.get(name) for name in LEGACY_METHOD_NAMES}


@pytest.fixture(autouse=True)
def always_uninstalled() -> Iterator[None]:
    """Every test starts and ends with the SDK as shipped, whatever it did."""
    legacy_compat.uninstall()
    before = _own_methods()
    yield
    legacy_compat.uninstall()
    assert _own_methods() == before


def _text_llm(endpoint: LocalEndpoint) -> Any:
    return _sdk_model()(
        url=endpoint.model_url("text-llm"), base_url=endpoint.base_url, pat=FAKE_PAT
    )


def test_install_patches_the_sdk_class_and_uninstall_restores_the_same_objects() -> None:
    shipped = _own_methods()
    assert all(callable(method) for method in shipped.values())
    legacy_compat.install()
    assert installed()
    assert _own_methods() == dict(LEGACY_IMPLEMENTATIONS)
    legacy_compat.uninstall()
    assert not installed()
    restored = _own_methods()
    assert all(restored[name] is shipped[name] for name in LEGACY_METHOD_NAMES)


def test_install_and_uninstall_are_idempotent() -> None:
    shipped = _own_methods()
    legacy_compat.install()
    legacy_compat.install()
    assert _own_methods() == dict(LEGACY_IMPLEMENTATIONS)
    legacy_compat.uninstall()
    assert all(_own_methods()[name] is shipped[name] for name in LEGACY_METHOD_NAMES)
    legacy_compat.uninstall()
    assert all(_own_methods()[name] is shipped[name] for name in LEGACY_METHOD_NAMES)


_USER_SCRIPT = textwrap.dedent(
    """
    # Unmodified legacy code: three import styles, nothing from legacy_compat.
    import clarifai.client.model as m
    from clarifai.client import Model as ClientModel
    from clarifai.client.model import Model

    kwargs = dict(base_url=BASE_URL, pat=PAT)
    results = [
        Model(url=MODEL_URL, **kwargs).predict_by_bytes(b"one two three", input_type="text"),
        ClientModel(url=MODEL_URL, **kwargs).predict_by_bytes(b"four five", "text"),
        m.Model(url=MODEL_URL, **kwargs).predict_by_bytes(b"six seven eight", "text"),
        EXISTING.predict_by_bytes(b"nine ten", "text"),
    ]
    """
)


def test_unmodified_code_in_every_import_style_is_served_by_the_facade(
    endpoint: LocalEndpoint, tmp_path: Path
) -> None:
    script = tmp_path / "legacy_user_code.py"
    script.write_text(_USER_SCRIPT, encoding="utf-8")
    existing = _text_llm(endpoint)  # created before install
    names = {
        "BASE_URL": endpoint.base_url,
        "PAT": FAKE_PAT,
        "MODEL_URL": endpoint.model_url("text-llm"),
        "EXISTING": existing,
    }
    with legacy_compat.install(), pytest.warns(LegacyInferenceWarning) as caught:
        results = runpy.run_path(str(script), init_globals=names)["results"]
    assert [r.outputs[0].data.text.raw for r in results] == [
        "three two one",
        "five four",
        "eight seven six",
        "ten nine",
    ]
    predicts = [r for r in endpoint.records if r.rpc == "PostModelOutputs"]
    assert [r.method_name for r in predicts] == ["predict"] * 4
    legacy = [w for w in caught if issubclass(w.category, LegacyInferenceWarning)]
    assert [Path(w.filename).name for w in legacy] == [script.name] * 4


def test_after_uninstall_the_sdk_serves_its_own_legacy_call(endpoint: LocalEndpoint) -> None:
    model = _text_llm(endpoint)
    with legacy_compat.install(), pytest.warns(LegacyInferenceWarning):
        model.predict_by_bytes(b"one two", "text")
    endpoint.clear_records()
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the SDK's own method warns nothing
        response = model.predict_by_bytes(b"one two", "text")
    assert response.outputs[0].data.text.raw == "two one"
    assert [r.method_name for r in endpoint.records] == [""]  # an old-format request


def test_isinstance_and_type_are_unaffected(endpoint: LocalEndpoint) -> None:
    model_class = _sdk_model()
    before = _text_llm(endpoint)
    with legacy_compat.install():
        after = _text_llm(endpoint)
        assert type(before) is model_class and type(after) is model_class
        assert isinstance(before, model_class) and isinstance(after, model_class)
        assert issubclass(legacy_compat.Model, model_class)
        import clarifai.client
        import clarifai.client.model

        assert clarifai.client.Model is clarifai.client.model.Model is model_class


def test_the_context_manager_restores_the_previous_state() -> None:
    shipped = _own_methods()
    with legacy_compat.install() as installation:
        assert isinstance(installation, legacy_compat.patching.Installation)
        with legacy_compat.install():
            assert installed()
        assert installed()  # the inner block found it installed and left it so
    assert not installed()
    assert all(_own_methods()[name] is shipped[name] for name in LEGACY_METHOD_NAMES)


def test_the_context_manager_uninstalls_when_the_block_raises() -> None:
    with pytest.raises(KeyError), legacy_compat.install():
        raise KeyError("boom")
    assert not installed()


def test_concurrent_installs_record_the_sdk_originals_not_each_other() -> None:
    shipped = _own_methods()
    threads = 8
    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []

    def race(seed: int) -> None:
        rng = random.Random(seed)
        try:
            barrier.wait(timeout=10)
            for _ in range(200):
                if rng.random() < 0.5:
                    legacy_compat.install()
                else:
                    legacy_compat.uninstall()
                current = _own_methods()
                # Never a mix: all nine are the SDK's or all nine are ours.
                assert current == shipped or current == dict(LEGACY_IMPLEMENTATIONS)
        except BaseException as exc:  # reported in the main thread
            errors.append(exc)

    workers = [threading.Thread(target=race, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert not any(worker.is_alive() for worker in workers)
    assert errors == []
    legacy_compat.uninstall()
    assert all(_own_methods()[name] is shipped[name] for name in LEGACY_METHOD_NAMES)


def test_install_does_not_touch_other_modules_or_global_warning_filters() -> None:
    import warnings

    filters = list(warnings.filters)
    modules = set(sys.modules)
    with legacy_compat.install():
        pass
    assert warnings.filters == filters
    assert {m for m in set(sys.modules) - modules if not m.startswith("legacy_compat")} == set()


# -- wrap ----------------------------------------------------------------------------------


def _bare_client(endpoint: LocalEndpoint, model_id: str) -> Any:
    """A ModelClient made by hand, as code without a Model does (every supported release)."""
    from clarifai.client.model_client import ModelClient
    from clarifai_grpc.grpc.api import resources_pb2, service_pb2

    stub = _text_llm(endpoint).STUB
    template = service_pb2.PostModelOutputsRequest(
        user_app_id=resources_pb2.UserAppIDSet(user_id=endpoint.user_id, app_id=endpoint.app_id),
        model_id=model_id,
    )
    return ModelClient(stub=stub, request_template=template)


def test_wrap_gives_a_bare_client_the_nine_methods(endpoint: LocalEndpoint) -> None:
    from clarifai.client.model_client import ModelClient

    client = _bare_client(endpoint, "text-llm")
    assert legacy_compat.wrap(client) is client
    assert isinstance(client, ModelClient)
    assert all(callable(getattr(client, name)) for name in LEGACY_METHOD_NAMES)
    with pytest.warns(LegacyInferenceWarning, match=r"client\.predict\(prompt="):
        response = client.predict_by_bytes(b"one two three", "text")
    assert response.outputs[0].data.text.raw == "three two one"
    with pytest.warns(LegacyInferenceWarning, match=r"client\.generate\("):
        chunks = [r.outputs[0].data.text.raw for r in client.generate_by_bytes(b"a b", "text")]
    assert "".join(chunks) == "b a"
    assert client.predict(prompt="x y") == "y x"  # its own pythonic methods still work
    assert "predict_by_bytes" not in vars(ModelClient)  # the class is untouched


def test_wrap_twice_is_wrap_once(endpoint: LocalEndpoint) -> None:
    client = legacy_compat.wrap(legacy_compat.wrap(_bare_client(endpoint, "text-llm")))
    with pytest.warns(LegacyInferenceWarning):
        assert client.predict_by_bytes(b"p q", "text").outputs[0].data.text.raw == "q p"


def test_wrap_rejects_a_model_and_other_objects(endpoint: LocalEndpoint) -> None:
    with pytest.raises(TypeError, match=r"for a Model use legacy_compat\.Model"):
        legacy_compat.wrap(_text_llm(endpoint))
    with pytest.raises(TypeError, match=r"wrap\(\) takes a clarifai\.client\.model_client"):
        legacy_compat.wrap(object())


@pytest.mark.skipif(
    not has_from_local_grpc(), reason="ModelClient.from_local_grpc arrived in clarifai 12.3.0"
)
@pytest.mark.parametrize(
    ("model_id", "method", "argument", "expected"),
    [
        ("text-llm", "predict_by_bytes", b"one two three", "three two one"),
        ("image-to-text", "predict_by_filepath", "cat.png", None),
    ],
)
def test_wrap_from_local_grpc(
    endpoint: LocalEndpoint,
    single_model_server: Callable[[str], ContextManager[int]],
    model_id: str,
    method: str,
    argument: Any,
    expected: Optional[str],
) -> None:
    """The local server ``from_local_grpc`` expects: one model, no control plane."""
    from clarifai.client.model_client import ModelClient

    input_type = "text"
    if isinstance(argument, str):
        path = endpoint.fixture_path(argument)
        argument, input_type, expected = str(path), "image", caption(path.read_bytes())
    with single_model_server(model_id) as port:
        client = legacy_compat.wrap(ModelClient.from_local_grpc(port=port))
        with pytest.warns(LegacyInferenceWarning):
            response = getattr(client, method)(argument, input_type=input_type)
    assert response.outputs[0].data.text.raw == expected
