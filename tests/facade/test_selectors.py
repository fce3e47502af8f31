"""Merging constructor and per-call routing; building the runner selector (pure)."""

from __future__ import annotations

import pytest
from clarifai.errors import UserError
from clarifai_grpc.grpc.api import resources_pb2

from legacy_compat.selectors import (
    Routing,
    build_runner_selector,
    merge_routing,
    routing_of_selector,
)

DEP = Routing(deployment_id="d", user_id="u")
NODEPOOL = Routing(compute_cluster_id="c", nodepool_id="n", user_id="u")

MERGES = [
    (Routing(), Routing(), Routing()),
    (Routing(), Routing(deployment_id="d"), Routing(deployment_id="d")),
    (DEP, Routing(), DEP),
    (DEP, Routing(deployment_id="d"), DEP),  # the same value twice is no conflict
    (DEP, Routing(user_id="u"), DEP),
    (
        Routing(compute_cluster_id="c"),
        Routing(nodepool_id="n"),
        Routing(compute_cluster_id="c", nodepool_id="n"),
    ),
]


@pytest.mark.parametrize(("constructor", "call", "expected"), MERGES)
def test_merge(constructor, call, expected) -> None:
    assert merge_routing(constructor, call) == expected


CONFLICTS = [
    (
        DEP,
        Routing(deployment_id="e"),
        "deployment_id='e' in the call conflicts with deployment_id='d' given to Model",
    ),
    (
        DEP,
        Routing(user_id="v"),
        "user_id='v' in the call conflicts with deployment_user_id='u' given to Model",
    ),
    (
        DEP,
        Routing(compute_cluster_id="c", nodepool_id="n"),
        r"You can only specify one of deployment_id or compute_cluster_id and nodepool_id\. Got "
        r"deployment_id='d' \(given to Model\(\.\.\.\)\) and nodepool_id='n' \(in the call\)",
    ),
    (
        Routing(),
        Routing(deployment_id="d", nodepool_id="n", compute_cluster_id="c"),
        r"deployment_id='d' \(in the call\) and nodepool_id='n' \(in the call\)",
    ),
    (
        Routing(),
        Routing(nodepool_id="n"),
        r"Got nodepool_id='n' \(in the call\) without compute_cluster_id",
    ),
    (
        NODEPOOL,
        Routing(nodepool_id="m"),
        "nodepool_id='m' in the call conflicts with nodepool_id='n'",
    ),
]


@pytest.mark.parametrize(("constructor", "call", "match"), CONFLICTS)
def test_conflicts_say_which_values_and_where(constructor, call, match) -> None:
    with pytest.raises(UserError, match=match):
        merge_routing(constructor, call)


def test_selector_round_trips_through_routing() -> None:
    for routing in (DEP, NODEPOOL):
        selector = build_runner_selector(routing, resolve_user=lambda: "unused")
        assert selector is not None
        assert routing_of_selector(selector) == routing


def test_user_is_resolved_only_when_missing() -> None:
    asked = []

    def me() -> str:
        asked.append(1)
        return "me-user"

    assert build_runner_selector(Routing(), me) is None
    assert build_runner_selector(Routing(user_id="u"), me) is None  # a user alone routes nowhere
    selector = build_runner_selector(Routing(deployment_id="d"), me)
    assert selector == resources_pb2.RunnerSelector(
        deployment=resources_pb2.Deployment(id="d", user_id="me-user")
    )
    assert asked == [1]
