"""Which served model answers a request, and which routing targets exist.

A model lives at ``(user_id, app_id, model_id)``, as on the platform, so several models (and
several users' models) share one endpoint. An alias maps another ``USER/APP/MODEL`` onto a
served model, so code with a hard-coded model URL (``clarifai/main/general-image-recognition``)
runs against a local model unchanged. Deployments and nodepools are the runner-selector
targets the SDK validates (``GetDeployment`` / ``GetNodepool``) and sends with each request.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

__all__ = [
    "DeploymentTarget",
    "ModelKey",
    "ModelRegistry",
    "NodepoolTarget",
    "ServedModel",
    "parse_model_ref",
]

#: ``(user_id, app_id, model_id)``
ModelKey = Tuple[str, str, str]


@dataclass(frozen=True)
class ServedModel:
    """One model instance as served: where it lives and what the control plane says of it.

    ``servicer`` is the SDK's ``ModelServicer`` wrapping ``instance``; ``method_signatures``
    are the ``resources_pb2.MethodSignature`` protos of its ``@ModelClass.method`` methods
    (empty for a non-pythonic model). ``deploying_calls`` is how many inference calls answer
    ``MODEL_DEPLOYING`` after each reset.
    """

    user_id: str
    app_id: str
    model_id: str
    version_id: str
    model_type_id: str
    input_fields: Tuple[str, ...]
    instance: Any
    servicer: Any
    method_signatures: Tuple[Any, ...]
    description: str = ""
    deploying_calls: int = 0

    @property
    def key(self) -> ModelKey:
        return (self.user_id, self.app_id, self.model_id)


@dataclass(frozen=True)
class DeploymentTarget:
    """A deployment the endpoint knows: ``Model(..., deployment_id=, deployment_user_id=)``."""

    deployment_id: str
    user_id: str


@dataclass(frozen=True)
class NodepoolTarget:
    """A compute cluster + nodepool the endpoint knows."""

    compute_cluster_id: str
    nodepool_id: str
    user_id: str


def parse_model_ref(ref: str, default_user: str, default_app: str) -> ModelKey:
    """``"MODEL"``, ``"USER/APP/MODEL"`` or a model URL -> ``(user, app, model)``.

    >>> parse_model_ref("clarifai/main/general-image-recognition", "u", "a")
    ('clarifai', 'main', 'general-image-recognition')
    >>> parse_model_ref("https://clarifai.com/u2/a2/models/m2", "u", "a")
    ('u2', 'a2', 'm2')
    """
    text = ref.strip()
    if "://" in text:
        path = [p for p in text.split("://", 1)[1].split("/")[1:] if p]
        if len(path) >= 4 and path[2] == "models":
            return (path[0], path[1], path[3])
    else:
        parts = text.split("/")
        if len(parts) == 1 and parts[0]:
            return (default_user, default_app, parts[0])
        if len(parts) == 3 and all(parts):
            return (parts[0], parts[1], parts[2])
    raise ValueError(
        f"cannot read a model reference from {ref!r}: expected MODEL_ID, USER/APP/MODEL or "
        "https://clarifai.com/USER/APP/models/MODEL"
    )


class ModelRegistry:
    """Served models and aliases by ``(user, app, model)``; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._models: Dict[ModelKey, ServedModel] = {}
        self._aliases: Dict[ModelKey, ModelKey] = {}

    def add(self, served: ServedModel) -> None:
        with self._lock:
            if served.key in self._models or served.key in self._aliases:
                raise ValueError(
                    f"a model is already served at {'/'.join(served.key)}; choose another "
                    "model_id (or user_id/app_id)"
                )
            self._models[served.key] = served

    def add_alias(self, alias: ModelKey, target: ModelKey) -> None:
        with self._lock:
            if target not in self._models:
                known = ", ".join("/".join(k) for k in self._models) or "none"
                raise KeyError(
                    f"cannot alias {'/'.join(alias)} to {'/'.join(target)}: no model is "
                    f"served there (served: {known}); add_model() it first"
                )
            if alias in self._models:
                raise ValueError(
                    f"{'/'.join(alias)} is a served model, not a free name for an alias"
                )
            self._aliases[alias] = target

    def resolve(self, key: ModelKey) -> Optional[ServedModel]:
        with self._lock:
            return self._models.get(self._aliases.get(key, key))

    def models(self) -> List[ServedModel]:
        with self._lock:
            return list(self._models.values())

    def aliases(self) -> Dict[ModelKey, ModelKey]:
        with self._lock:
            return dict(self._aliases)

    def model_ids(self) -> List[str]:
        return [served.model_id for served in self.models()]
