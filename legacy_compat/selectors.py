"""Deployment / compute cluster / nodepool routing: per call (legacy) and per model (now).

From 10.8.9 to 11.2.3 the legacy methods took ``compute_cluster_id``, ``nodepool_id``,
``deployment_id`` and (from 11.0.1) ``user_id`` on every call. Since 11.3.0 routing is given
once, to the ``Model(...)`` constructor, which bakes a ``RunnerSelector`` into the client's
request template; a per-call keyword raises ``TypeError`` in the SDK. The facade accepts both:
this module merges the two sources, refuses conflicting values and impossible combinations
with a message that names them, and builds the selector a per-call request needs.

The module is pure: resolving the deployment user (``GetUser('me')``) is the caller's job,
passed in as a function, so the user is looked up through the model's own stub.

Example:
    >>> merge_routing(Routing(), Routing(deployment_id="prod")).deployment_id
    'prod'
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Callable

from clarifai.errors import UserError
from clarifai_grpc.grpc.api import resources_pb2

__all__ = [
    "CONSTRUCTOR_NAMES",
    "Routing",
    "build_runner_selector",
    "merge_routing",
    "routing_of_selector",
]

#: How each per-call routing keyword is spelled in the ``Model(...)`` constructor.
CONSTRUCTOR_NAMES = {
    "compute_cluster_id": "compute_cluster_id",
    "nodepool_id": "nodepool_id",
    "deployment_id": "deployment_id",
    "user_id": "deployment_user_id",
}

# The SDK's own wording for a deployment together with a nodepool (10.8.9 - 12.5.0).
_DEPLOYMENT_AND_NODEPOOL = (
    "You can only specify one of deployment_id or compute_cluster_id and nodepool_id."
)


@dataclass(frozen=True)
class Routing:
    """Where a prediction runs. Every field is optional; ``user_id`` owns the deployment."""

    compute_cluster_id: str | None = None
    nodepool_id: str | None = None
    deployment_id: str | None = None
    user_id: str | None = None

    def items(self) -> tuple[tuple[str, str], ...]:
        """The fields that are set, as ``(name, value)`` pairs, in declaration order."""
        pairs = ((f.name, getattr(self, f.name)) for f in fields(self))
        return tuple((name, value) for name, value in pairs if value)

    def __bool__(self) -> bool:
        return bool(self.items())

    @property
    def targets(self) -> bool:
        """Whether a deployment or a nodepool is named (``user_id`` alone routes nowhere)."""
        return bool(self.deployment_id or self.compute_cluster_id or self.nodepool_id)


def routing_of_selector(selector: resources_pb2.RunnerSelector) -> Routing:
    """The routing a constructor baked into a request template's ``runner_selector``."""
    if selector.deployment.id:
        return Routing(deployment_id=selector.deployment.id, user_id=selector.deployment.user_id)
    if selector.nodepool.id:
        cluster = selector.nodepool.compute_cluster
        return Routing(
            compute_cluster_id=cluster.id or None,
            nodepool_id=selector.nodepool.id,
            user_id=cluster.user_id or None,
        )
    return Routing()


def merge_routing(constructor: Routing, call: Routing) -> Routing:
    """The routing one call runs with: the constructor's, completed by the call's.

    A value given in both places must agree; a deployment cannot be combined with a compute
    cluster or nodepool; a nodepool needs its compute cluster. Each error names the values
    and where they came from.

    >>> merge_routing(Routing(deployment_id="a"), Routing(deployment_id="b"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    clarifai.errors.UserError: deployment_id='b' in the call conflicts with ...
    """
    for name, value in call.items():
        fixed = getattr(constructor, name)
        if fixed and fixed != value:
            ctor_name = CONSTRUCTOR_NAMES[name]
            raise UserError(
                f"{name}={value!r} in the call conflicts with {ctor_name}={fixed!r} given to "
                f"Model(...). Since clarifai 11.3.0 routing is set once per model: drop it from "
                f"the call, or use a second Model(..., {ctor_name}={value!r})."
            )
    merged = replace(constructor, **dict(call.items()))
    origin = {name: "in the call" for name, _ in call.items()}

    def described(name: str) -> str:
        where = origin.get(name, "given to Model(...)")
        return f"{name}={getattr(merged, name)!r} ({where})"

    if merged.deployment_id and (merged.compute_cluster_id or merged.nodepool_id):
        other = "nodepool_id" if merged.nodepool_id else "compute_cluster_id"
        raise UserError(
            f"{_DEPLOYMENT_AND_NODEPOOL} Got {described('deployment_id')} and "
            f"{described(other)}: a deployment already names its nodepool, so pass only one."
        )
    if bool(merged.compute_cluster_id) != bool(merged.nodepool_id):
        given = "compute_cluster_id" if merged.compute_cluster_id else "nodepool_id"
        missing = "nodepool_id" if given == "compute_cluster_id" else "compute_cluster_id"
        raise UserError(
            f"Got {described(given)} without {missing}: a nodepool is named within its compute "
            f"cluster, so pass both compute_cluster_id and nodepool_id (or a deployment_id)."
        )
    return merged


def build_runner_selector(
    routing: Routing, resolve_user: Callable[[], str]
) -> resources_pb2.RunnerSelector | None:
    """The ``RunnerSelector`` for ``routing``, or None when it names no deployment or nodepool.

    ``resolve_user`` is called only when ``routing.user_id`` is empty (it looks up the PAT's
    user); the SDK's constructor does the same since 11.4.7.

    >>> build_runner_selector(Routing(deployment_id="d", user_id="u"), str).deployment.user_id
    'u'
    """
    if not routing.targets:
        return None
    user_id = routing.user_id or resolve_user()
    if routing.deployment_id:
        return resources_pb2.RunnerSelector(
            deployment=resources_pb2.Deployment(id=routing.deployment_id, user_id=user_id)
        )
    return resources_pb2.RunnerSelector(
        nodepool=resources_pb2.Nodepool(
            id=routing.nodepool_id,
            compute_cluster=resources_pb2.ComputeCluster(
                id=routing.compute_cluster_id, user_id=user_id
            ),
        )
    )
