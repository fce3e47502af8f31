"""The gRPC ``V2`` servicer: control plane, records and faults in front of the SDK's runner.

Each inference request is resolved to a served model by ``(user, app, model)``, recorded
(inputs copied before the runner downloads URLs), checked against the known routing targets,
given any armed fault, and handed to that model's own ``ModelServicer``, the class the SDK
runs on the platform. Nothing about inference is re-implemented here.

RPCs the endpoint does not serve answer ``UNIMPLEMENTED`` (the base class's behaviour), so a
client that needs one fails loudly instead of getting an invented answer.
"""

from __future__ import annotations

import threading
from typing import Any, Iterator, Optional, Tuple

import grpc
from clarifai_grpc.grpc.api import service_pb2, service_pb2_grpc
from clarifai_grpc.grpc.api.service_pb2 import MultiOutputResponse as Response
from clarifai_grpc.grpc.api.service_pb2 import PostModelOutputsRequest as Request
from clarifai_grpc.grpc.api.status import status_code_pb2, status_pb2

from legacy_compat.testing.control_plane import ControlPlane
from legacy_compat.testing.faults import CONTROL_RPCS, Fault, FaultTable
from legacy_compat.testing.records import (
    ControlRecord,
    RecordLog,
    RequestRecord,
    has_auth,
    record_from_request,
)
from legacy_compat.testing.routing import ModelKey, ServedModel

__all__ = ["EndpointServicer"]


def _request_key(request: Request) -> ModelKey:
    return (
        request.user_app_id.user_id,
        request.user_app_id.app_id,
        request.model_id or request.model.id,
    )


def _fault_status(fault: Fault) -> status_pb2.Status:
    code = int(fault.status_code or 0)
    description = fault.description or (
        f"{status_code_pb2.StatusCode.Name(code)} (fault injected by LocalEndpoint)"
    )
    return status_pb2.Status(code=code, description=description)


class EndpointServicer(service_pb2_grpc.V2Servicer):
    """Routes ``V2`` calls to the control plane and to the served models' runners."""

    def __init__(
        self,
        control: ControlPlane,
        records: RecordLog[RequestRecord],
        control_records: RecordLog[ControlRecord],
        faults: FaultTable,
        stopping: threading.Event,
    ) -> None:
        self.control = control
        self.records = records
        self.control_records = control_records
        self.faults = faults
        self._stopping = stopping

    # -- control plane -------------------------------------------------------------------
    def _note(self, rpc: str, request: Any, target: str, context: grpc.ServicerContext) -> None:
        self.control_records.append(
            ControlRecord(
                rpc=rpc,
                user_id=request.user_app_id.user_id,
                app_id=request.user_app_id.app_id,
                target=target,
                has_auth=has_auth(context.invocation_metadata()),
            )
        )

    def _control_fault(
        self, rpc: str, request: Any, context: grpc.ServicerContext
    ) -> Optional[status_pb2.Status]:
        """Apply an armed fault to a model-scoped control call; the status to answer, if any."""
        if rpc not in CONTROL_RPCS:
            return None
        key = (request.user_app_id.user_id, request.user_app_id.app_id, request.model_id)
        served = self.control.registry.resolve(key)
        fault = self.faults.take(served.model_id, rpc) if served else None
        if fault is None:
            return None
        self._delay(fault)
        if fault.grpc_code is not None:
            context.abort(fault.grpc_code, f"{fault.describe()} (fault injected by LocalEndpoint)")
        return _fault_status(fault) if fault.status_code is not None else None

    def GetModel(self, request: Any, context: grpc.ServicerContext) -> Any:
        self._note("GetModel", request, request.model_id, context)
        status = self._control_fault("GetModel", request, context)
        if status is not None:
            return service_pb2.SingleModelResponse(status=status)
        return self.control.get_model(request)

    def GetModelVersion(self, request: Any, context: grpc.ServicerContext) -> Any:
        self._note("GetModelVersion", request, request.model_id, context)
        status = self._control_fault("GetModelVersion", request, context)
        if status is not None:
            return service_pb2.SingleModelVersionResponse(status=status)
        return self.control.get_model_version(request)

    def GetModelType(self, request: Any, context: grpc.ServicerContext) -> Any:
        self._note("GetModelType", request, request.model_type_id, context)
        return self.control.get_model_type(request)

    def GetUser(self, request: Any, context: grpc.ServicerContext) -> Any:
        self._note("GetUser", request, request.user_app_id.user_id, context)
        return self.control.get_user(request)

    def GetDeployment(self, request: Any, context: grpc.ServicerContext) -> Any:
        self._note("GetDeployment", request, request.deployment_id, context)
        return self.control.get_deployment(request)

    def GetNodepool(self, request: Any, context: grpc.ServicerContext) -> Any:
        target = f"{request.compute_cluster_id}/{request.nodepool_id}"
        self._note("GetNodepool", request, target, context)
        return self.control.get_nodepool(request)

    # -- inference -----------------------------------------------------------------------
    def _admit(
        self, rpc: str, request: Request, context: grpc.ServicerContext
    ) -> Tuple[Optional[ServedModel], Optional[Fault], Optional[status_pb2.Status]]:
        """Resolve, take a fault, record. Returns (model, fault, refusal status)."""
        key = _request_key(request)
        served, status = self.control.find_model(key, request.version_id)
        refusal: Optional[status_pb2.Status] = None
        if served is None:
            refusal = status
        else:
            refusal = self.control.check_runner_selector(request.runner_selector)
        fault = self.faults.take(served.model_id, rpc) if served and refusal is None else None
        self.records.append(
            record_from_request(
                rpc,
                request,
                context.invocation_metadata(),
                served_model_id=served.model_id if served else "",
                fault=fault.describe() if fault else "",
            )
        )
        return served, fault, refusal

    def _delay(self, fault: Fault) -> None:
        if fault.delay_s:
            self._stopping.wait(fault.delay_s)  # cut short when the endpoint stops

    def PostModelOutputs(self, request: Request, context: grpc.ServicerContext) -> Response:
        served, fault, refusal = self._admit("PostModelOutputs", request, context)
        if refusal is not None:
            return Response(status=refusal)
        assert served is not None
        if fault is not None:
            self._delay(fault)
            if fault.grpc_code is not None:
                context.abort(fault.grpc_code, f"{fault.describe()} (fault injected)")
            if fault.status_code is not None:
                return Response(status=_fault_status(fault))
        response: Response = served.servicer.PostModelOutputs(request, context)
        return response

    def GenerateModelOutputs(
        self, request: Request, context: grpc.ServicerContext
    ) -> Iterator[Response]:
        served, fault, refusal = self._admit("GenerateModelOutputs", request, context)
        if refusal is not None:
            yield Response(status=refusal)
            return
        assert served is not None
        yield from self._stream_through(
            served.servicer.GenerateModelOutputs(request, context), fault, context
        )

    def StreamModelOutputs(
        self, request_iterator: Iterator[Request], context: grpc.ServicerContext
    ) -> Iterator[Response]:
        first = next(request_iterator, None)
        if first is None:
            return
        served, fault, refusal = self._admit("StreamModelOutputs", first, context)
        if refusal is not None:
            yield Response(status=refusal)
            return
        assert served is not None
        metadata = context.invocation_metadata()

        def recorded() -> Iterator[Request]:
            yield first
            for index, message in enumerate(request_iterator, start=1):
                self.records.append(
                    record_from_request(
                        "StreamModelOutputs",
                        message,
                        metadata,
                        served_model_id=served.model_id,
                        stream_index=index,
                    )
                )
                yield message

        yield from self._stream_through(
            served.servicer.StreamModelOutputs(recorded(), context), fault, context
        )

    def _stream_through(
        self,
        responses: Iterator[Response],
        fault: Optional[Fault],
        context: grpc.ServicerContext,
    ) -> Iterator[Response]:
        """The runner's responses, with ``fault`` applied (delay, status, abort or cut)."""
        if fault is None:
            yield from responses
            return
        self._delay(fault)
        cut = fault.cut_stream_after
        if cut is None:
            if fault.grpc_code is not None:
                context.abort(fault.grpc_code, f"{fault.describe()} (fault injected)")
            if fault.status_code is not None:
                yield Response(status=_fault_status(fault))
                return
            yield from responses
            return
        sent = 0
        for response in responses:
            if sent >= cut:
                break
            yield response
            sent += 1
        close = getattr(responses, "close", None)
        if close is not None:
            close()
        code = fault.grpc_code if fault.grpc_code is not None else grpc.StatusCode.UNAVAILABLE
        context.abort(code, f"stream cut after {sent} responses (fault injected by LocalEndpoint)")
