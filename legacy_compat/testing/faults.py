"""Injected faults: what the routing layer does instead of (or on top of) the runner.

A fault is armed for one model and a set of RPCs, for a number of calls. It sits in front of
the runner, where the platform's own failures come from: a failure status in the response
(``MODEL_DEPLOYING``, ``MODEL_BUSY_PLEASE_RETRY``, ...), a gRPC error (``UNAVAILABLE``,
``DEADLINE_EXCEEDED``), a slow answer, or a stream that stops after K responses.

This module only keeps the table; :mod:`legacy_compat.testing.endpoint` applies the faults.
It imports neither gRPC nor the SDK, so the gRPC code is kept as given (a
``grpc.StatusCode``).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, FrozenSet, List, Optional

from codemods.legacy_api import CallKind

__all__ = [
    "CONTROL_RPCS",
    "FAULTABLE_RPCS",
    "INFERENCE_RPCS",
    "STREAMING_RPCS",
    "Fault",
    "FaultTable",
]

INFERENCE_RPCS: FrozenSet[str] = frozenset(kind.rpc for kind in CallKind)
STREAMING_RPCS: FrozenSet[str] = frozenset(kind.rpc for kind in CallKind if kind.streams_output)
#: Model-scoped control-plane calls that can be faulted too (e.g. to force the SDK's backup
#: signature fetch); they are faulted only when named explicitly.
CONTROL_RPCS: FrozenSet[str] = frozenset({"GetModel", "GetModelVersion"})
FAULTABLE_RPCS: FrozenSet[str] = INFERENCE_RPCS | CONTROL_RPCS


@dataclass(frozen=True)
class Fault:
    """One armed fault. ``grpc_code`` is a ``grpc.StatusCode``; ``status_code`` a
    ``status_code_pb2`` value. ``cut_stream_after=K`` lets K responses through, then aborts
    the call with ``grpc_code`` (``UNAVAILABLE`` when not given)."""

    model_id: str
    rpcs: FrozenSet[str]
    status_code: Optional[int] = None
    grpc_code: Any = None
    delay_s: float = 0.0
    cut_stream_after: Optional[int] = None
    #: The status description sent with ``status_code``; a generic one when empty.
    description: str = ""

    def describe(self) -> str:
        """A short text for records and messages, e.g. ``"status_code=21351 delay_s=0.5"``."""
        parts = []
        if self.status_code is not None:
            parts.append(f"status_code={self.status_code}")
        if self.grpc_code is not None:
            parts.append(f"grpc_code={getattr(self.grpc_code, 'name', self.grpc_code)}")
        if self.delay_s:
            parts.append(f"delay_s={self.delay_s:g}")
        if self.cut_stream_after is not None:
            parts.append(f"cut_stream_after={self.cut_stream_after}")
        return " ".join(parts)


def validate_fault(fault: Fault) -> None:
    """Raise ``ValueError`` for a fault that cannot do what it says."""
    unknown = fault.rpcs - FAULTABLE_RPCS
    if unknown:
        raise ValueError(
            f"cannot inject a fault into {sorted(unknown)}: expected one of "
            f"{sorted(FAULTABLE_RPCS)} (or rpc=None for the three inference RPCs)"
        )
    if fault.status_code is not None and fault.grpc_code is not None:
        raise ValueError(
            "give either status_code (an answer with a failure status) or grpc_code (a gRPC "
            "error), not both"
        )
    if fault.delay_s < 0:
        raise ValueError(f"delay_s={fault.delay_s} is negative; give a delay in seconds >= 0")
    if fault.cut_stream_after is not None:
        if fault.cut_stream_after < 0:
            raise ValueError(
                f"cut_stream_after={fault.cut_stream_after} is negative; give the number of "
                "responses to let through (0 or more)"
            )
        if fault.status_code is not None:
            raise ValueError("cut_stream_after aborts the call; combine it with grpc_code only")
        if not fault.rpcs <= STREAMING_RPCS:
            raise ValueError(
                f"cut_stream_after applies to streaming RPCs only ({sorted(STREAMING_RPCS)}), "
                f"got {sorted(fault.rpcs)}"
            )
    if (
        fault.status_code is None
        and fault.grpc_code is None
        and not fault.delay_s
        and fault.cut_stream_after is None
    ):
        raise ValueError(
            "this fault would do nothing: give status_code, grpc_code, delay_s or cut_stream_after"
        )


@dataclass
class _Armed:
    fault: Fault
    remaining: int


class FaultTable:
    """Armed faults with their remaining uses; thread-safe, first armed first applied."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._armed: List[_Armed] = []

    def arm(self, fault: Fault, times: int) -> None:
        validate_fault(fault)
        if times < 1:
            raise ValueError(f"times={times}: a fault must apply to at least 1 call")
        with self._lock:
            self._armed.append(_Armed(fault, times))

    def take(self, model_id: str, rpc: str) -> Optional[Fault]:
        """The fault to apply to this call, using one of its uses; None when there is none."""
        with self._lock:
            for armed in self._armed:
                if armed.fault.model_id == model_id and rpc in armed.fault.rpcs:
                    armed.remaining -= 1
                    if armed.remaining == 0:
                        self._armed.remove(armed)
                    return armed.fault
        return None

    def pending(self) -> List[Fault]:
        """The faults that still have uses left, in the order they apply."""
        with self._lock:
            return [armed.fault for armed in self._armed]

    def clear(self) -> None:
        with self._lock:
            self._armed.clear()
