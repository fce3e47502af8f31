"""``LocalEndpoint``: a Clarifai-compatible API on 127.0.0.1 that serves real models.

One gRPC server answers the control-plane calls the SDK makes and routes inference to the
SDK's own runner servicer, one per served model; one HTTP server serves fixture files so URL
inputs are real URLs. Both listen on loopback only, on ephemeral ports unless told otherwise.

Every server stops by itself: on leaving the ``with`` block, on :meth:`LocalEndpoint.stop`,
and at the latest after ``max_lifetime_s`` (a watchdog), so a forgotten endpoint cannot
outlive a test run. All threads are daemons and are joined on stop.

Example::

    from clarifai.client.model import Model
    from legacy_compat.testing import LocalEndpoint

    with LocalEndpoint() as ep:
        model = Model(url=ep.model_url("text-llm"), base_url=ep.base_url,
                      pat="fake-pat-for-tests")
        model.predict(prompt="one two three", max_tokens=2)  # "three two"
        ep.records[-1].method_name                            # "predict"
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from legacy_compat.testing.faults import INFERENCE_RPCS, STREAMING_RPCS, Fault, FaultTable
from legacy_compat.testing.http_fixtures import FixtureServer, fixture_path
from legacy_compat.testing.records import ControlRecord, RecordLog, RequestRecord
from legacy_compat.testing.routing import (
    DeploymentTarget,
    ModelKey,
    ModelRegistry,
    NodepoolTarget,
    ServedModel,
    parse_model_ref,
)

__all__ = [
    "DEFAULT_APP_ID",
    "DEFAULT_COMPUTE_CLUSTER_ID",
    "DEFAULT_DEPLOYMENT_ID",
    "DEFAULT_NODEPOOL_ID",
    "DEFAULT_USER_ID",
    "FAKE_PAT",
    "EndpointError",
    "LocalEndpoint",
    "ModelLoadError",
    "PortInUseError",
]

logger = logging.getLogger(__name__)
# Each endpoint names its server threads apart, so a leak check counts its own pool only
# (a test session may run several endpoints side by side).
_ENDPOINT_SERIALS = itertools.count(1)

DEFAULT_USER_ID = "test-user"
DEFAULT_APP_ID = "test-app"
DEFAULT_DEPLOYMENT_ID = "test-deployment"
DEFAULT_COMPUTE_CLUSTER_ID = "test-cluster"
DEFAULT_NODEPOOL_ID = "test-nodepool"
#: An obviously fake credential; the endpoint records whether one was sent, never its value.
FAKE_PAT = "fake-pat-for-tests"

_HOST = "127.0.0.1"
_MAX_MESSAGE_BYTES = 64 * 1024 * 1024


class EndpointError(RuntimeError):
    """The endpoint could not start or was misconfigured."""


class PortInUseError(EndpointError):
    """The requested port is already bound."""


class ModelLoadError(EndpointError):
    """A served model's ``load_model()`` raised."""


def _version_id(user_id: str, app_id: str, model_id: str) -> str:
    # Stable across runs, shaped like the platform's 32-hex version ids.
    return hashlib.sha1(f"{user_id}/{app_id}/{model_id}".encode()).hexdigest()[:32]


class LocalEndpoint:
    """A local Clarifai-compatible endpoint serving the reference models (or your own).

    ``models`` picks reference models by id (default: all of
    :data:`~legacy_compat.testing.reference_models.REFERENCE_MODELS`; ``[]`` for none).
    ``port=0`` takes an ephemeral port. ``deploying_calls`` is how many inference calls the
    ``deploying-llm`` reference model answers ``MODEL_DEPLOYING`` (again after each
    :meth:`reset`). ``max_lifetime_s`` bounds how long the servers run.

    Known routing targets: deployment ``test-deployment`` and compute cluster
    ``test-cluster`` / nodepool ``test-nodepool``, all owned by ``test-user``, which is also
    who ``GetUser('me')`` says the PAT belongs to.
    """

    def __init__(
        self,
        models: Optional[Iterable[str]] = None,
        *,
        port: int = 0,
        user_id: str = DEFAULT_USER_ID,
        app_id: str = DEFAULT_APP_ID,
        deploying_calls: int = 2,
        max_lifetime_s: float = 300.0,
        max_workers: int = 16,
    ) -> None:
        from legacy_compat.testing.reference_models import REFERENCE_MODELS

        chosen = list(REFERENCE_MODELS) if models is None else list(models)
        unknown = [m for m in chosen if m not in REFERENCE_MODELS]
        if unknown:
            raise ValueError(
                f"unknown reference model(s) {unknown}; expected some of "
                f"{', '.join(REFERENCE_MODELS)} (add your own with add_model())"
            )
        if not 0 <= port <= 65535:
            raise ValueError(f"port={port} is not a TCP port; give 0 (ephemeral) or 1-65535")
        if max_lifetime_s <= 0:
            raise ValueError(f"max_lifetime_s={max_lifetime_s} must be > 0 seconds")
        if deploying_calls < 0:
            raise ValueError(f"deploying_calls={deploying_calls} must be >= 0")
        self.user_id = user_id
        self.app_id = app_id
        self._reference_ids = chosen
        self._requested_port = port
        self._deploying_calls = deploying_calls
        self._max_lifetime_s = max_lifetime_s
        self._max_workers = max_workers
        self._thread_prefix = f"legacy-compat-grpc-{next(_ENDPOINT_SERIALS)}"

        self._registry = ModelRegistry()
        self._records: RecordLog[RequestRecord] = RecordLog()
        self._control_records: RecordLog[ControlRecord] = RecordLog()
        self._faults = FaultTable()
        self._stopping = threading.Event()
        self._lifecycle = threading.Lock()
        self._deployments = [DeploymentTarget(DEFAULT_DEPLOYMENT_ID, user_id)]
        self._nodepools = [NodepoolTarget(DEFAULT_COMPUTE_CLUSTER_ID, DEFAULT_NODEPOOL_ID, user_id)]

        self._server: Any = None
        self._executor: Optional[ThreadPoolExecutor] = None
        self._http = FixtureServer()
        self._watchdog: Optional[threading.Thread] = None
        self._port: Optional[int] = None
        self._control: Any = None

    # -- lifecycle -----------------------------------------------------------------------
    def start(self) -> LocalEndpoint:
        """Load the models, bind the ports and serve. Returns ``self``."""
        import grpc
        from clarifai_grpc.grpc.api import service_pb2_grpc

        from legacy_compat.testing.control_plane import ControlPlane
        from legacy_compat.testing.reference_models import REFERENCE_MODELS
        from legacy_compat.testing.servicer import EndpointServicer

        with self._lifecycle:
            if self._server is not None:
                raise EndpointError(f"this endpoint is already running at {self.base_url}")
            if self._stopping.is_set():
                raise EndpointError("this endpoint was stopped; create a new LocalEndpoint")
            self._control = ControlPlane(
                registry=self._registry,
                default_user_id=self.user_id,
                deployments=self._deployments,
                nodepools=self._nodepools,
            )
            for model_id in self._reference_ids:
                ref = REFERENCE_MODELS[model_id]
                self._serve(
                    model_id,
                    ref.create(),
                    model_type_id=ref.model_type_id,
                    input_fields=ref.input_fields,
                    description=ref.description,
                    deploying_calls=self._deploying_calls if ref.deploying else 0,
                )
            executor = ThreadPoolExecutor(
                max_workers=self._max_workers, thread_name_prefix=self._thread_prefix
            )
            server = grpc.server(
                executor,
                options=[
                    # Without this, gRPC binds an already-used port "successfully" (SO_REUSEPORT)
                    # and a second endpoint would silently share the first one's port.
                    ("grpc.so_reuseport", 0),
                    ("grpc.max_receive_message_length", _MAX_MESSAGE_BYTES),
                    ("grpc.max_send_message_length", _MAX_MESSAGE_BYTES),
                ],
            )
            servicer = EndpointServicer(
                self._control, self._records, self._control_records, self._faults, self._stopping
            )
            service_pb2_grpc.add_V2Servicer_to_server(servicer, server)
            try:
                port = server.add_insecure_port(f"{_HOST}:{self._requested_port}")
            except RuntimeError as exc:
                port = 0
                reason: BaseException = exc
            else:
                reason = OSError("bind failed")
            if not port:
                executor.shutdown(wait=True)
                raise PortInUseError(
                    f"cannot listen on {_HOST}:{self._requested_port}: the port is already in "
                    f"use ({reason}). Stop whatever holds it, or pass port=0 for a free one."
                ) from reason
            try:
                server.start()
                self._server, self._executor, self._port = server, executor, port
                self._http.start()
                self._arm_deploying()
                self._watchdog = threading.Thread(
                    target=self._watch, name="legacy-compat-watchdog", daemon=True
                )
                self._watchdog.start()
            except BaseException:
                self._stopping.set()
                server.stop(0).wait(5)
                executor.shutdown(wait=True)
                self._http.stop()
                self._server = self._executor = None
                raise
        return self

    def stop(self, grace_s: float = 1.0) -> None:
        """Stop both servers and join their threads; safe to call more than once."""
        with self._lifecycle:
            self._stopping.set()
            server, executor = self._server, self._executor
            self._server = self._executor = None
            if server is not None:
                # From an atexit hook (Python 3.12+ refuses new threads there) or with no grace,
                # cancel the calls now: a graceful stop starts a thread to wait out the grace.
                shutting_down = not threading.main_thread().is_alive()
                grace = None if shutting_down or grace_s <= 0 else grace_s
                server.stop(grace).wait(max(grace_s, 0) + 5)
            if executor is not None:
                executor.shutdown(wait=True)
            self._http.stop()
            watchdog, self._watchdog = self._watchdog, None
        if watchdog is not None and watchdog is not threading.current_thread():
            watchdog.join(timeout=5)

    close = stop

    def _watch(self) -> None:
        if not self._stopping.wait(self._max_lifetime_s):
            logger.warning(
                "LocalEndpoint on port %s stopped after max_lifetime_s=%s",
                self._port,
                self._max_lifetime_s,
            )
            self.stop()

    @property
    def running(self) -> bool:
        return self._server is not None

    def server_threads(self) -> List[threading.Thread]:
        """The live threads of this endpoint's gRPC pool (never more than ``max_workers``).

        Leak checks count these apart from every other thread, including other endpoints'.
        """
        prefix = self._thread_prefix + "_"
        return [t for t in threading.enumerate() if t.name.startswith(prefix)]

    def __enter__(self) -> LocalEndpoint:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- addresses -----------------------------------------------------------------------
    @property
    def port(self) -> int:
        if self._port is None:
            raise EndpointError("the endpoint has not started; use `with LocalEndpoint() as ep`")
        return self._port

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``: pass it as ``Model(base_url=...)``."""
        return f"http://{_HOST}:{self.port}"

    def model_url(
        self, model_id: str, *, user_id: Optional[str] = None, app_id: Optional[str] = None
    ) -> str:
        """The clarifai.com URL the SDK parses into user / app / model ids."""
        user, app = user_id or self.user_id, app_id or self.app_id
        return f"https://clarifai.com/{user}/{app}/models/{model_id}"

    def version_id(self, model_id: str) -> str:
        """The version id the endpoint reports for one of its models."""
        for served in self._registry.models():
            if served.model_id == model_id:
                return served.version_id
        raise KeyError(self._unknown_model(model_id))

    def fixture_url(self, name: str) -> str:
        """A real ``http://127.0.0.1`` URL for a shipped fixture file (``cat.png``, ...)."""
        return self._http.url(name)

    def fixture_path(self, name: str) -> Path:
        """The local path of a shipped fixture file."""
        return fixture_path(name)

    def client_env(self) -> Dict[str, str]:
        """Environment for a subprocess that runs unmodified SDK code against this endpoint.

        ``CLARIFAI_API_BASE`` also covers the SDK's calls that ignore ``base_url`` (e.g.
        ``User()`` built by ``Model(deployment_id=...)`` without ``deployment_user_id``).
        """
        return {
            "CLARIFAI_API_BASE": self.base_url,
            "CLARIFAI_PAT": FAKE_PAT,
            "CLARIFAI_USER_ID": self.user_id,
        }

    # -- what was served -----------------------------------------------------------------
    @property
    def records(self) -> List[RequestRecord]:
        """Every inference request message so far (a snapshot)."""
        return self._records.snapshot()

    @property
    def control_records(self) -> List[ControlRecord]:
        """Every control-plane call so far (a snapshot)."""
        return self._control_records.snapshot()

    def clear_records(self) -> None:
        self._records.clear()
        self._control_records.clear()

    def reset(self) -> None:
        """Clear records and faults and re-arm ``MODEL_DEPLOYING`` warm-ups: a fresh start."""
        self.clear_records()
        self._faults.clear()
        if self.running:
            self._arm_deploying()

    @property
    def model_ids(self) -> List[str]:
        return self._registry.model_ids()

    def served_model(self, key: ModelKey) -> Optional[ServedModel]:
        """The model served at ``(user, app, model)`` (an alias resolved), or None.

        :mod:`~legacy_compat.testing.request_meaning` reads a record through the methods of
        the model that answered it.
        """
        return self._registry.resolve(key)

    @property
    def deployments(self) -> Tuple[DeploymentTarget, ...]:
        return tuple(self._deployments)

    @property
    def nodepools(self) -> Tuple[NodepoolTarget, ...]:
        return tuple(self._nodepools)

    def add_deployment(self, deployment_id: str, *, user_id: Optional[str] = None) -> None:
        target = DeploymentTarget(deployment_id, user_id or self.user_id)
        if target not in self._deployments:
            self._deployments.append(target)

    def add_nodepool(
        self, compute_cluster_id: str, nodepool_id: str, *, user_id: Optional[str] = None
    ) -> None:
        target = NodepoolTarget(compute_cluster_id, nodepool_id, user_id or self.user_id)
        if target not in self._nodepools:
            self._nodepools.append(target)

    # -- models, aliases, faults ---------------------------------------------------------
    def add_model(
        self,
        model_id: str,
        model_instance: Any,
        *,
        model_type_id: str,
        input_fields: Optional[Sequence[str]] = None,
        user_id: Optional[str] = None,
        app_id: Optional[str] = None,
        description: str = "",
        deploying_calls: int = 0,
    ) -> str:
        """Serve ``model_instance`` (a ``ModelClass`` instance) and return its model URL.

        ``load_model()`` runs now; a failure raises :class:`ModelLoadError` naming the model.
        ``input_fields`` is what ``GetModelType`` reports for ``model_type_id`` (needed only
        for a model type the endpoint does not know).
        """
        if self._control is None:
            raise EndpointError(
                "start the endpoint before add_model(): `with LocalEndpoint() as ep`"
            )
        self._serve(
            model_id,
            model_instance,
            model_type_id=model_type_id,
            input_fields=input_fields,
            user_id=user_id,
            app_id=app_id,
            description=description,
            deploying_calls=deploying_calls,
        )
        if deploying_calls:
            self._arm_deploying(only=model_id)
        return self.model_url(model_id, user_id=user_id, app_id=app_id)

    def _serve(
        self,
        model_id: str,
        model_instance: Any,
        *,
        model_type_id: str,
        input_fields: Optional[Sequence[str]],
        user_id: Optional[str] = None,
        app_id: Optional[str] = None,
        description: str = "",
        deploying_calls: int = 0,
    ) -> None:
        from clarifai.runners.models.model_class import ModelClass
        from clarifai.runners.models.model_servicer import ModelServicer

        if isinstance(model_instance, type):
            raise TypeError(
                f"add_model({model_id!r}, ...) got the class {model_instance.__name__}; pass an "
                f"instance: {model_instance.__name__}()"
            )
        if not isinstance(model_instance, ModelClass):
            raise TypeError(
                f"model {model_id!r} is a {type(model_instance).__name__}, expected an instance "
                "of clarifai.runners.models.model_class.ModelClass"
            )
        self._control.define_model_type(model_id, model_type_id, input_fields)
        try:
            model_instance.load_model()
        except Exception as exc:
            raise ModelLoadError(
                f"model {model_id!r} ({type(model_instance).__name__}) failed to load: "
                f"{type(exc).__name__}: {exc}. Fix its load_model(), or leave it out."
            ) from exc
        user, app = user_id or self.user_id, app_id or self.app_id
        infos = type(model_instance)._get_method_infos()
        signatures = tuple(info.signature for info in infos.values() if info.signature is not None)
        self._registry.add(
            ServedModel(
                user_id=user,
                app_id=app,
                model_id=model_id,
                version_id=_version_id(user, app, model_id),
                model_type_id=model_type_id,
                input_fields=self._control.model_types[model_type_id][0],
                instance=model_instance,
                servicer=ModelServicer(model_instance),
                method_signatures=signatures,
                description=description,
                deploying_calls=deploying_calls,
            )
        )

    def add_alias(self, alias: str, target: str) -> None:
        """Route ``alias`` (``USER/APP/MODEL`` or a model URL) to a served model.

        ``target`` is a served model id (in the default app) or ``USER/APP/MODEL``.
        Example: ``ep.add_alias("clarifai/main/general-image-recognition", "image-classifier")``.
        """
        self._registry.add_alias(
            parse_model_ref(alias, self.user_id, self.app_id),
            parse_model_ref(target, self.user_id, self.app_id),
        )

    def inject_fault(
        self,
        model_id: str,
        *,
        rpc: Optional[str] = None,
        status_code: Optional[int] = None,
        grpc_code: Any = None,
        times: int = 1,
        delay_s: float = 0.0,
        cut_stream_after: Optional[int] = None,
    ) -> None:
        """Make the next ``times`` calls to ``model_id`` misbehave.

        ``rpc`` narrows it to one RPC (default: the three inference RPCs; ``"GetModel"`` and
        ``"GetModelVersion"`` are accepted too). ``status_code`` answers with that failure
        status; ``grpc_code`` (a ``grpc.StatusCode`` or its name, e.g. ``"UNAVAILABLE"``)
        aborts the call; ``delay_s`` answers late; ``cut_stream_after=K`` lets K streamed
        responses through, then aborts (``UNAVAILABLE`` unless ``grpc_code`` says otherwise).

        Example: ``ep.inject_fault("text-llm", grpc_code="UNAVAILABLE", times=2)``.
        """
        if model_id not in self.model_ids:
            raise KeyError(self._unknown_model(model_id))
        if isinstance(grpc_code, str):
            import grpc

            try:
                grpc_code = grpc.StatusCode[grpc_code]
            except KeyError:
                names = ", ".join(code.name for code in grpc.StatusCode)
                raise ValueError(
                    f"unknown grpc_code {grpc_code!r}; expected one of {names}"
                ) from None
        rpcs = INFERENCE_RPCS if rpc is None else frozenset({rpc})
        if cut_stream_after is not None and rpc is None:
            rpcs = STREAMING_RPCS
        self._faults.arm(
            Fault(
                model_id=model_id,
                rpcs=rpcs,
                status_code=status_code,
                grpc_code=grpc_code,
                delay_s=delay_s,
                cut_stream_after=cut_stream_after,
            ),
            times,
        )

    def clear_faults(self) -> None:
        self._faults.clear()

    def pending_faults(self, model_id: Optional[str] = None) -> List[Fault]:
        """Armed faults with uses left (all, or those of ``model_id``), in the order they apply.

        ``deploying-llm``'s warm-up is one of them until it has been used up.
        """
        return [f for f in self._faults.pending() if model_id in (None, f.model_id)]

    def _arm_deploying(self, only: Optional[str] = None) -> None:
        from clarifai_grpc.grpc.api.status import status_code_pb2

        for served in self._registry.models():
            if not served.deploying_calls or (only is not None and served.model_id != only):
                continue
            self._faults.arm(
                Fault(
                    model_id=served.model_id,
                    rpcs=INFERENCE_RPCS,
                    status_code=status_code_pb2.MODEL_DEPLOYING,
                    description=(
                        f"Model is deploying ('{served.model_id}' answers MODEL_DEPLOYING for "
                        f"its first {served.deploying_calls} calls)"
                    ),
                ),
                served.deploying_calls,
            )

    def _unknown_model(self, model_id: str) -> str:
        return f"no model {model_id!r} is served here; served models: {', '.join(self.model_ids)}"

    def __repr__(self) -> str:
        where = self.base_url if self.running else "not running"
        return f"LocalEndpoint({where}, models={self.model_ids})"
