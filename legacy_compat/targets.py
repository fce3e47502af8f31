"""What a legacy call runs against: an SDK ``Model``, or a bare ``ModelClient``.

The nine implementations take ``self`` = any ``clarifai.client.model.Model`` (ours, or the
SDK's after ``install()``) or a ``ModelClient`` without a control plane (``wrap(client)``, e.g.
``ModelClient.from_local_grpc(port)``). :class:`InferenceTarget` gives both the same face:

* the base client and its stub (shared by every request of this model object);
* the method signatures, read once per object from the model version (``GetModelVersion``)
  where a control plane exists, else from the SDK's probe; empty for a non-pythonic model
  (or a probe that failed), which then goes through the proto path;
* the model type's input fields (``GetModelType``), where a control plane exists, and the
  ``input_type`` an earlier call named (the SDK's ``Model.input_types``), which the SDK
  reuses for a later call that names none;
* the deployment user, looked up with ``GetUser('me')`` through the model's *own* stub (the
  SDK's constructor builds a fresh ``User`` client on the default API base instead, which
  would leave a loopback test or a private deployment);
* a client per call when the call needs its own request template: the SDK bakes the
  constructor's runner selector, params and output config into ``request_template`` at first
  use, so per-call routing, ``inference_params`` and ``output_config`` get a copy of it. Putting
  ``output_config`` in the template is also what keeps the SDK's generate/stream proto paths
  away from their broken ``MergeFromDict`` call.

Example:
    >>> target = target_for(model)  # doctest: +SKIP
    >>> sorted(target.signatures())  # doctest: +SKIP
    ['generate', 'predict', 'stream']
"""

from __future__ import annotations

import threading
from typing import Any, Hashable, Mapping

import grpc
from clarifai.client.model import Model as SDKModel
from clarifai.client.model_client import ModelClient
from clarifai.errors import UserError
from clarifai_grpc.grpc.api import resources_pb2, service_pb2
from clarifai_grpc.grpc.api.status import status_code_pb2
from google.protobuf import struct_pb2

from legacy_compat.inputs import shown
from legacy_compat.retries import ReplayingStub
from legacy_compat.selectors import Routing, routing_of_selector

__all__ = ["InferenceTarget", "target_for"]

# Attribute (in the instance __dict__) holding the target of a model or client object. Read
# through vars(): getattr would trigger Model.__getattr__ / ModelClient.__getattr__, which
# fetch signatures over the network.
_STATE_ATTRIBUTE = "_legacy_compat_target"
_CREATION_LOCK = threading.Lock()

# Call plans kept per model object; a program has few distinct call shapes, so reaching this
# means plans are keyed on something that varies per call, and the cache starts again.
_MAX_PLANS = 256


class InferenceTarget:
    """The per-object state behind the legacy methods of one model or client object."""

    def __init__(self, owner: Any) -> None:
        self.owner = owner
        self.is_model = isinstance(owner, SDKModel)
        self._lock = threading.RLock()
        self._signatures: dict[str, resources_pb2.MethodSignature] | None = None
        self._model_type_inputs: tuple[str, ...] | None = None
        self._me: str | None = None
        self._named_input_type: str | None = None
        self._validated: set[bytes] = set()
        self.plans: dict[Hashable, Any] = {}

    # -- identity -------------------------------------------------------------------------

    @property
    def base_client(self) -> ModelClient:
        """The client the owner's own pythonic calls use (``Model.client``, or the client)."""
        return self.owner.client if self.is_model else self.owner

    @property
    def receiver(self) -> str:
        """How the messages name the object the user calls (``model.predict(...)``)."""
        return "model" if self.is_model else "client"

    @property
    def name(self) -> str:
        """``USER/APP/models/MODEL`` for messages, or a description of a local client."""
        template = self.base_client.request_template
        ids = template.user_app_id
        if template.model_id:
            return f"{ids.user_id}/{ids.app_id}/models/{template.model_id}"
        return "(local model)"

    def constructor_routing(self) -> Routing:
        """The routing baked into the base request template, plus ``deployment_user_id``."""
        routing = routing_of_selector(self.base_client.request_template.runner_selector)
        explicit_user = vars(self.owner).get("deployment_user_id") if self.is_model else None
        if explicit_user and not routing.user_id:
            return Routing(**{**dict(routing.items()), "user_id": explicit_user})
        return routing

    # -- signatures and input types -------------------------------------------------------

    def signatures(self) -> Mapping[str, resources_pb2.MethodSignature]:
        """The model's method signatures by name; empty for a non-pythonic model. Cached,
        unless neither the control plane nor the probe could say (then asked again)."""
        if self._signatures is None:
            with self._lock:
                if self._signatures is None:
                    return self._fetch_signatures()
        return self._signatures

    @property
    def signatures_known(self) -> bool:
        """Whether :meth:`signatures` has a settled answer (plans may then be cached)."""
        return self._signatures is not None

    def _fetch_signatures(self) -> dict[str, resources_pb2.MethodSignature]:
        client = self.base_client
        fetched = vars(client).get("_method_signatures")
        if vars(client).get("_defined") and fetched is not None:
            # The SDK's own pythonic calls fetched them already. (A failed fetch() marks the
            # client defined too, with no signatures: that one is fetched again here.)
            self._signatures = dict(fetched)
            return self._signatures
        signatures = self._signatures_from_control_plane(client)
        if signatures is None:
            signatures = self._signatures_from_probe(client)
            if signatures is None:
                # A failed probe means "no signatures" (the proto path serves the model, as
                # the SDK's legacy methods did); not remembered when the control plane
                # failed too, so a pythonic model gets its methods back on the next call.
                if self.is_model:
                    return {}
                signatures = {}
        _adopt_signatures(client, signatures)
        self._signatures = signatures
        return signatures

    def _signatures_from_control_plane(
        self, client: ModelClient
    ) -> dict[str, resources_pb2.MethodSignature] | None:
        """The model version's method signatures (``GetModelVersion``), without a predict.

        None when there is no control plane to ask, or it did not answer: then the probe
        decides. Empty for a model from before pythonic models: the proto path, no probe
        (some such models answer the probe with FAILURE and would fail every call).
        """
        template = client.request_template
        get_version = _rpc(client.STUB, "GetModelVersion")
        if get_version is None or not template.model_id:
            return None
        try:
            response = get_version(
                service_pb2.GetModelVersionRequest(
                    user_app_id=template.user_app_id,
                    model_id=template.model_id,
                    version_id=template.version_id,
                )
            )
        except Exception:  # an unreachable control plane: the probe decides
            return None
        if response.status.code != status_code_pb2.SUCCESS:
            self._raise_if_the_model_is_missing()
            return None
        return {s.name: s for s in response.model_version.method_signatures}

    def _signatures_from_probe(
        self, client: ModelClient
    ) -> dict[str, resources_pb2.MethodSignature] | None:
        """The SDK's backup fetch (an empty ``_GET_SIGNATURES`` input); None if it failed.

        A failure *status* is an answer (the model cannot say, so it has no signatures); a
        gRPC error is not: the model cannot be reached, and the next call asks again.
        """
        try:
            client._fetch_signatures_backup()
        except grpc.RpcError as e:
            raise RuntimeError(
                f"Fetching the method signatures of {self.name} failed ({type(e).__name__}: "
                f"{e}). The next legacy call tries again."
            ) from e
        except Exception:  # FAILURE, MODEL_PREDICTION_FAILED, ...: no signatures
            return None
        return dict(vars(client).get("_method_signatures") or {})

    def _raise_if_the_model_is_missing(self) -> None:
        """Report an unknown model as the SDK's ``load_info()`` does, not as a fetch failure.

        clarifai < 11.10.0 does not ask for the model when ``Model(...)`` is created, so the
        first sign of a wrong model URL is the signature fetch failing, and the SDK's backup
        fetch then fails with an unrelated ``IndexError``.
        """
        if not self.is_model:
            return
        model = self.owner
        response = model.STUB.GetModel(
            service_pb2.GetModelRequest(
                user_app_id=model.user_app_id,
                model_id=model.id,
                version_id=model.model_info.model_version.id,
            )
        )
        if response.status.code != status_code_pb2.SUCCESS:
            raise Exception(response.status)

    def remembered_input_type(self) -> str | None:
        """The input type an earlier call named: the SDK keeps it in ``Model.input_types``."""
        if self.is_model:
            kept = vars(self.owner).get("input_types")
            if kept is not None and len(kept) == 1:
                return str(kept[0])
            return None
        return self._named_input_type

    def remember_input_type(self, input_type: str) -> None:
        """Keep an explicit ``input_type`` for later calls without one, as the SDK does."""
        if self.is_model:
            state = vars(self.owner)
            kept = state.get("input_types")
            if kept is None or len(kept) != 1 or kept[0] != input_type:
                state["input_types"] = [input_type]
        else:
            self._named_input_type = input_type

    def model_type_input_types(self) -> tuple[str, ...]:
        """The input fields of the model's type (``GetModelType``), as the SDK detected them."""
        if self._model_type_inputs is not None:
            return self._model_type_inputs
        if not self.is_model:
            raise UserError(
                f"Cannot detect the input type of {self.name}: it has no method signatures "
                "and a bare client has no control plane to ask. Pass input_type='image', "
                "'text', 'video' or 'audio'."
            )
        model = self.owner
        stub = model.STUB
        type_id = model.model_info.model_type_id
        if not type_id:
            response = stub.GetModel(
                service_pb2.GetModelRequest(
                    user_app_id=model.user_app_id,
                    model_id=model.model_info.id,
                    version_id=model.model_info.model_version.id,
                )
            )
            _check(response, f"GetModel for {self.name}")
            type_id = response.model.model_type_id
        response = stub.GetModelType(
            service_pb2.GetModelTypeRequest(user_app_id=model.user_app_id, model_type_id=type_id)
        )
        _check(response, f"GetModelType {type_id!r} for {self.name}")
        self._model_type_inputs = tuple(response.model_type.input_fields)
        return self._model_type_inputs

    # -- routing --------------------------------------------------------------------------

    def resolve_user(self) -> str:
        """The PAT's user (``GetUser('me')``), through this model's own stub. Cached."""
        if self._me is None:
            get_user = _rpc(self.base_client.STUB, "GetUser")
            if get_user is None:
                raise UserError(
                    f"Cannot look up the user that owns the deployment for {self.name}: its "
                    "client has no control plane. Pass user_id=... with the routing."
                )
            response = get_user(
                service_pb2.GetUserRequest(user_app_id=resources_pb2.UserAppIDSet(user_id="me"))
            )
            _check(response, "GetUser('me') for the deployment user")
            self._me = response.user.id
        return self._me

    def validate_selector(self, selector: resources_pb2.RunnerSelector) -> None:
        """Check a per-call deployment or nodepool exists, as the SDK's constructor does."""
        key = selector.SerializeToString(deterministic=True)
        if key in self._validated:
            return
        stub = self.base_client.STUB
        if selector.deployment.id:
            get, user_id = _rpc(stub, "GetDeployment"), selector.deployment.user_id
            request: Any = service_pb2.GetDeploymentRequest(
                user_app_id=resources_pb2.UserAppIDSet(user_id=user_id),
                deployment_id=selector.deployment.id,
            )
            what = f"Deployment '{selector.deployment.id}' not found for user_id '{user_id}'."
        else:
            cluster = selector.nodepool.compute_cluster
            get, user_id = _rpc(stub, "GetNodepool"), cluster.user_id
            request = service_pb2.GetNodepoolRequest(
                user_app_id=resources_pb2.UserAppIDSet(user_id=user_id),
                compute_cluster_id=cluster.id,
                nodepool_id=selector.nodepool.id,
            )
            what = (
                f"Nodepool '{selector.nodepool.id}' not found for user_id '{user_id}' in "
                f"compute cluster '{cluster.id}'."
            )
        if get is not None:  # a bare local client has no control plane to ask
            response = get(request)
            if response.status.code != status_code_pb2.SUCCESS:
                raise UserError(f"{what} Status: {response.status.description}")
        self._validated.add(key)

    # -- clients --------------------------------------------------------------------------

    def client_for(
        self,
        selector: resources_pb2.RunnerSelector | None,
        params: Mapping[str, Any],
        output_config: Mapping[str, Any],
    ) -> ModelClient:
        """A client whose request template carries this call's routing, params and config.

        Without any of them the base client itself is returned. Otherwise a new client shares
        the base client's stub and fetched signatures (nothing is fetched again).
        """
        base = self.base_client
        if selector is None and not params and not output_config:
            return base
        template = service_pb2.PostModelOutputsRequest()
        template.CopyFrom(base.request_template)
        if selector is not None:
            template.runner_selector.CopyFrom(selector)
        output_info = template.model.model_version.output_info
        if params:
            _update_params(output_info.params, params)
        if output_config:
            try:
                output_info.output_config.MergeFrom(resources_pb2.OutputConfig(**output_config))
            except (TypeError, ValueError) as e:
                raise UserError(
                    f"output_config {dict(output_config)!r} is not a valid OutputConfig ({e}); "
                    "use its fields, e.g. {'max_concepts': 3, 'min_value': 0.5}."
                ) from e
        return _sharing_signatures(ModelClient(stub=base.STUB, request_template=template), base)

    def replaying_client(self, client: ModelClient) -> ModelClient:
        """``client`` for one stream call, its stub a :class:`~legacy_compat.retries.ReplayingStub`
        so the SDK's stream retry re-sends what it had consumed."""
        replaying = ModelClient(
            stub=ReplayingStub(client.STUB), request_template=client.request_template
        )
        return _sharing_signatures(replaying, self.base_client)

    # -- plans ----------------------------------------------------------------------------

    def remember_plan(self, key: Hashable, plan: Any) -> None:
        """Keep a call plan (bounded: a program has few distinct call shapes per model)."""
        if len(self.plans) >= _MAX_PLANS:
            self.plans.clear()
        self.plans[key] = plan


def _adopt_signatures(
    client: ModelClient, signatures: dict[str, resources_pb2.MethodSignature]
) -> None:
    """Give the client the fetched signatures, as its own ``fetch()`` would have, so the
    SDK's pythonic methods (``model.predict(...)``) reuse them instead of fetching again."""
    client._method_signatures = signatures
    if signatures:
        client._define_functions()
    else:
        client._define_compatability_functions()
    client._defined = True


def _sharing_signatures(client: ModelClient, base: ModelClient) -> ModelClient:
    # Share the fetched signatures; marking the client defined keeps its __getattr__ from
    # fetching them again.
    client._method_signatures = vars(base).get("_method_signatures")
    client._defined = True
    return client


def _update_params(struct: struct_pb2.Struct, params: Mapping[str, Any]) -> None:
    """Put ``params`` into the request's ``params`` Struct, as the legacy SDK did; a value a
    JSON Struct cannot hold is refused with its name, its value and what it may be."""
    try:
        struct.update(params)
        return
    except (TypeError, ValueError, AttributeError):
        pass
    for name, value in params.items():
        if not isinstance(name, str):
            raise UserError(
                f"inference_params key {shown(name)} is a {type(name).__name__}: request params "
                "are a JSON object, so every key must be a str."
            )
        try:
            struct_pb2.Struct().update({name: value})
        except (TypeError, ValueError, AttributeError) as e:
            raise UserError(
                f"inference_params[{name!r}]={shown(value)} ({type(value).__name__}) cannot be "
                f"sent as a request param ({e or 'unsupported type'}): it must be a JSON value "
                "(None, bool, number, str, or lists and str-keyed dicts of them)."
            ) from None
    raise UserError(f"inference_params {shown(dict(params))} cannot be sent as request params.")


def _rpc(stub: Any, name: str) -> Any:
    try:
        return getattr(stub, name)
    except AttributeError:
        return None


def _check(response: Any, what: str) -> None:
    if response.status.code != status_code_pb2.SUCCESS:
        raise UserError(
            f"{what} failed: {status_code_pb2.StatusCode.Name(response.status.code)} "
            f"{response.status.description}"
        )


def target_for(owner: Any) -> InferenceTarget:
    """The (cached) target of a ``Model`` or ``ModelClient`` object.

    Anything else is refused with a message saying what is expected.
    """
    target = vars(owner).get(_STATE_ATTRIBUTE) if hasattr(owner, "__dict__") else None
    if target is not None:
        return target
    if not isinstance(owner, (SDKModel, ModelClient)):
        raise TypeError(
            "The legacy methods run on a clarifai.client.model.Model or a "
            f"clarifai.client.model_client.ModelClient, got {type(owner).__name__}. Create "
            "one with Model(url, pat=...) or ModelClient.from_local_grpc(port)."
        )
    with _CREATION_LOCK:
        target = vars(owner).get(_STATE_ATTRIBUTE)
        if target is None:
            target = InferenceTarget(owner)
            vars(owner)[_STATE_ATTRIBUTE] = target
    return target
