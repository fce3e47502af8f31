"""The control-plane answers the SDK needs around inference, as the real protos.

An unmodified ``clarifai.client.model.Model(url=..., base_url=..., pat=...)`` calls, in order:
``GetModel`` (``load_info(validate=True)`` in ``__init__``); ``GetUser('me')`` when routing
keywords come without ``deployment_user_id``; ``GetDeployment`` / ``GetNodepool`` to validate
routing; ``GetModelVersion`` when a pythonic method is first touched (its
``model_version.method_signatures`` define the client's methods); and, for the legacy
``*_by_*`` methods without ``input_type``, ``GetModel`` again (full info) then
``GetModelType``, whose ``model_type.input_fields[0]`` picks image / text / audio / video.

Unknown ids get a failure status naming the id, like the platform's ``MODEL_DOES_NOT_EXIST``.
The SDK raises on those (``Exception(response.status)``, or ``UserError`` for routing), so a
typo fails at ``Model(...)`` as it does against the platform.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from clarifai_grpc.grpc.api import resources_pb2, service_pb2
from clarifai_grpc.grpc.api.status import status_code_pb2, status_pb2

from legacy_compat.testing.routing import (
    DeploymentTarget,
    ModelKey,
    ModelRegistry,
    NodepoolTarget,
    ServedModel,
)

__all__ = ["MODEL_TYPE_FIELDS", "ControlPlane", "failure_status", "model_not_found"]

#: Model type id -> (input fields, output fields), as ``GetModelType`` reports them. The SDK's
#: legacy methods read only ``input_fields``.
MODEL_TYPE_FIELDS: Dict[str, Tuple[Tuple[str, ...], Tuple[str, ...]]] = {
    "visual-classifier": (("image",), ("concepts",)),
    "visual-detector": (("image",), ("regions",)),
    "image-to-text": (("image",), ("text",)),
    "text-to-text": (("text",), ("text",)),
    "audio-to-text": (("audio",), ("text",)),
    "video-to-text": (("video",), ("text",)),
    "multimodal-to-text": (("text", "image"), ("text",)),
}


def failure_status(code: int, description: str, details: str = "") -> status_pb2.Status:
    return status_pb2.Status(code=code, description=description, details=details)


def model_not_found(key: ModelKey, version_id: str, known: Iterable[str]) -> status_pb2.Status:
    """The status for an unknown model (or version), naming what was asked for."""
    user_id, app_id, model_id = key
    if not model_id:
        return failure_status(
            status_code_pb2.MODEL_DOES_NOT_EXIST,
            "The request names no model (model_id is empty)",
            "Send user_app_id and model_id, e.g. build the client with Model(url=...).",
        )
    what = f"Model '{model_id}'"
    if version_id:
        what += f" version '{version_id}'"
    return failure_status(
        status_code_pb2.MODEL_DOES_NOT_EXIST,
        f"{what} does not exist in app '{user_id}/{app_id}'",
        f"This local endpoint serves: {', '.join(sorted(known)) or 'no models'}.",
    )


def _success() -> status_pb2.Status:
    return status_pb2.Status(code=status_code_pb2.SUCCESS, description="Ok")


@dataclass
class ControlPlane:
    """Answers for the control-plane RPCs, from the registry and the known targets.

    The methods take the request proto and return the response proto; they know nothing of
    gRPC, so they are easy to call from the servicer and from tests.
    """

    registry: ModelRegistry
    default_user_id: str
    deployments: List[DeploymentTarget] = field(default_factory=list)
    nodepools: List[NodepoolTarget] = field(default_factory=list)
    model_types: Dict[str, Tuple[Tuple[str, ...], Tuple[str, ...]]] = field(
        default_factory=lambda: dict(MODEL_TYPE_FIELDS)
    )

    # -- models -------------------------------------------------------------------------
    def define_model_type(
        self, model_id: str, model_type_id: str, input_fields: Optional[Sequence[str]]
    ) -> None:
        """Make ``GetModelType(model_type_id)`` answer ``input_fields`` (checked for conflicts).

        ``model_id`` only names the model being added, for the error messages.
        """
        known = self.model_types.get(model_type_id)
        if input_fields is None:
            if known is None:
                raise ValueError(
                    f"model {model_id!r}: model type {model_type_id!r} is not one the endpoint "
                    f"knows ({', '.join(sorted(self.model_types))}); pass input_fields=[...] "
                    "(e.g. ['image']) for it"
                )
            return
        fields = tuple(input_fields)
        if known is None:
            self.model_types[model_type_id] = (fields, ("text",))
        elif known[0] != fields:
            raise ValueError(
                f"model {model_id!r}: model type {model_type_id!r} already has input fields "
                f"{list(known[0])}, not {list(fields)}; GetModelType answers per model type, "
                "so use another model_type_id for different input fields"
            )

    def find_model(
        self, key: ModelKey, version_id: str
    ) -> Tuple[Optional[ServedModel], status_pb2.Status]:
        """The served model for ``key`` (and ``version_id`` if given), or None and why."""
        served = self.registry.resolve(key)
        if served is None or (version_id and version_id != served.version_id):
            known = ["/".join(m.key) for m in self.registry.models()]
            known += ["/".join(alias) for alias in self.registry.aliases()]
            return None, model_not_found(key, version_id if served else "", known)
        return served, _success()

    def model_version_proto(self, served: ServedModel, key: ModelKey) -> resources_pb2.ModelVersion:
        version = resources_pb2.ModelVersion(
            id=served.version_id,
            user_id=key[0],
            app_id=key[1],
            description=served.description,
        )
        version.status.code = status_code_pb2.MODEL_TRAINED
        version.status.description = "Model is trained and ready for deployment"
        version.method_signatures.extend(served.method_signatures)
        return version

    def model_proto(self, served: ServedModel, key: ModelKey) -> resources_pb2.Model:
        model = resources_pb2.Model(
            id=key[2],
            name=key[2],
            user_id=key[0],
            app_id=key[1],
            model_type_id=served.model_type_id,
            description=served.description,
        )
        model.model_version.CopyFrom(self.model_version_proto(served, key))
        return model

    def get_model(self, request: service_pb2.GetModelRequest) -> service_pb2.SingleModelResponse:
        key = (request.user_app_id.user_id, request.user_app_id.app_id, request.model_id)
        served, status = self.find_model(key, request.version_id)
        if served is None:
            return service_pb2.SingleModelResponse(status=status)
        return service_pb2.SingleModelResponse(status=status, model=self.model_proto(served, key))

    def get_model_version(
        self, request: service_pb2.GetModelVersionRequest
    ) -> service_pb2.SingleModelVersionResponse:
        key = (request.user_app_id.user_id, request.user_app_id.app_id, request.model_id)
        served, status = self.find_model(key, request.version_id)
        if served is None:
            return service_pb2.SingleModelVersionResponse(status=status)
        return service_pb2.SingleModelVersionResponse(
            status=status, model_version=self.model_version_proto(served, key)
        )

    def get_model_type(
        self, request: service_pb2.GetModelTypeRequest
    ) -> service_pb2.SingleModelTypeResponse:
        fields = self.model_types.get(request.model_type_id)
        if fields is None:
            return service_pb2.SingleModelTypeResponse(
                status=failure_status(
                    status_code_pb2.MODEL_INVALID_ARGUMENT,
                    f"Model type '{request.model_type_id}' does not exist",
                    f"Known model types: {', '.join(sorted(self.model_types))}.",
                )
            )
        inputs, outputs = fields
        model_type = resources_pb2.ModelType(
            id=request.model_type_id,
            title=request.model_type_id,
            input_fields=list(inputs),
            output_fields=list(outputs),
        )
        return service_pb2.SingleModelTypeResponse(status=_success(), model_type=model_type)

    # -- routing targets and users ------------------------------------------------------
    def known_users(self) -> List[str]:
        users = {self.default_user_id}
        users.update(m.user_id for m in self.registry.models())
        users.update(d.user_id for d in self.deployments)
        users.update(n.user_id for n in self.nodepools)
        return sorted(users)

    def get_user(self, request: service_pb2.GetUserRequest) -> service_pb2.SingleUserResponse:
        # "me" is the PAT's owner; every PAT belongs to the endpoint's default user.
        user_id = request.user_app_id.user_id
        if user_id in ("", "me"):
            user_id = self.default_user_id
        if user_id not in self.known_users():
            return service_pb2.SingleUserResponse(
                status=failure_status(
                    status_code_pb2.CONN_DOES_NOT_EXIST,
                    f"User '{user_id}' does not exist",
                    f"Known users: {', '.join(self.known_users())}.",
                )
            )
        user = resources_pb2.User(id=user_id, first_name="Local", last_name="Endpoint")
        return service_pb2.SingleUserResponse(status=_success(), user=user)

    def find_deployment(self, deployment_id: str, user_id: str) -> Optional[status_pb2.Status]:
        """None when the deployment exists, else the failure status naming it."""
        if DeploymentTarget(deployment_id, user_id) in self.deployments:
            return None
        known = ", ".join(f"{d.user_id}/{d.deployment_id}" for d in self.deployments) or "none"
        return failure_status(
            status_code_pb2.DEPLOYMENT_DOES_NOT_EXIST,
            f"Deployment '{deployment_id}' does not exist for user '{user_id}'",
            f"Known deployments (user/deployment): {known}.",
        )

    def find_nodepool(
        self, compute_cluster_id: str, nodepool_id: str, user_id: str
    ) -> Optional[status_pb2.Status]:
        """None when the nodepool exists, else the failure status naming it."""
        if NodepoolTarget(compute_cluster_id, nodepool_id, user_id) in self.nodepools:
            return None
        known = (
            ", ".join(f"{n.user_id}/{n.compute_cluster_id}/{n.nodepool_id}" for n in self.nodepools)
            or "none"
        )
        return failure_status(
            status_code_pb2.NODEPOOL_DOES_NOT_EXIST,
            f"Nodepool '{nodepool_id}' in compute cluster '{compute_cluster_id}' does not exist "
            f"for user '{user_id}'",
            f"Known nodepools (user/cluster/nodepool): {known}.",
        )

    def get_deployment(
        self, request: service_pb2.GetDeploymentRequest
    ) -> service_pb2.SingleDeploymentResponse:
        user_id = request.user_app_id.user_id
        missing = self.find_deployment(request.deployment_id, user_id)
        if missing is not None:
            return service_pb2.SingleDeploymentResponse(status=missing)
        deployment = resources_pb2.Deployment(id=request.deployment_id, user_id=user_id)
        return service_pb2.SingleDeploymentResponse(status=_success(), deployment=deployment)

    def get_nodepool(
        self, request: service_pb2.GetNodepoolRequest
    ) -> service_pb2.SingleNodepoolResponse:
        user_id = request.user_app_id.user_id
        missing = self.find_nodepool(request.compute_cluster_id, request.nodepool_id, user_id)
        if missing is not None:
            return service_pb2.SingleNodepoolResponse(status=missing)
        nodepool = resources_pb2.Nodepool(id=request.nodepool_id)
        nodepool.compute_cluster.id = request.compute_cluster_id
        nodepool.compute_cluster.user_id = user_id
        return service_pb2.SingleNodepoolResponse(status=_success(), nodepool=nodepool)

    def check_runner_selector(
        self, selector: resources_pb2.RunnerSelector
    ) -> Optional[status_pb2.Status]:
        """None when the request's runner selector names a known target (or none at all)."""
        if selector.deployment.id:
            return self.find_deployment(selector.deployment.id, selector.deployment.user_id)
        if selector.nodepool.id:
            cluster = selector.nodepool.compute_cluster
            return self.find_nodepool(cluster.id, selector.nodepool.id, cluster.user_id)
        return None
