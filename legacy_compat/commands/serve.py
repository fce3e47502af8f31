"""``legacy-compat serve``: the local endpoint with the reference models, from the shell.

For trying migrations offline: point unmodified SDK code at the printed base URL (or export
the printed environment) and call the printed model URLs. Serves until Ctrl-C or until
``--duration`` seconds have passed.

Nothing heavy is imported at module level, so ``legacy-compat --help`` stays fast; the SDK
and gRPC load in :func:`run`.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from types import FrameType
from typing import TYPE_CHECKING, Optional, TextIO

from legacy_compat.commands import usage_error

if TYPE_CHECKING:
    from legacy_compat.testing.endpoint import LocalEndpoint

__all__ = ["configure", "run"]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--port",
        type=int,
        default=0,
        help="gRPC port on 127.0.0.1 (default: 0, a free port)",
    )
    parser.add_argument(
        "--duration",
        type=float,
        default=None,
        metavar="SECONDS",
        help="stop after this many seconds (default: serve until Ctrl-C)",
    )


def _describe(ep: LocalEndpoint, out: TextIO) -> None:
    from legacy_compat.testing.endpoint import FAKE_PAT
    from legacy_compat.testing.http_fixtures import fixture_names
    from legacy_compat.testing.reference_models import REFERENCE_MODELS

    print(f"Local Clarifai-compatible endpoint: {ep.base_url}", file=out)
    print("\nModels:", file=out)
    for model_id in ep.model_ids:
        ref = REFERENCE_MODELS[model_id]
        print(f"  {ep.model_url(model_id)}  ({ref.model_type_id}: {ref.description})", file=out)
    print("\nFixture files:", file=out)
    for name in fixture_names():
        print(f"  {ep.fixture_url(name)}", file=out)
    target = ep.deployments[0]
    print(
        f"\nRouting targets (user {target.user_id}): deployment {target.deployment_id}; "
        f"compute cluster {ep.nodepools[0].compute_cluster_id} / nodepool "
        f"{ep.nodepools[0].nodepool_id}",
        file=out,
    )
    print("\nTry it:", file=out)
    print("  from clarifai.client.model import Model", file=out)
    print(
        f'  model = Model(url="{ep.model_url("text-llm")}", base_url="{ep.base_url}", '
        f'pat="{FAKE_PAT}")',
        file=out,
    )
    print('  model.predict(prompt="hello local world")', file=out)
    print("\nOr export, for code that reads the environment:", file=out)
    for key, value in ep.client_env().items():
        print(f"  export {key}={value}", file=out)


def run(args: argparse.Namespace) -> int:
    from legacy_compat.testing.endpoint import EndpointError, LocalEndpoint

    duration: Optional[float] = args.duration
    if duration is not None and duration <= 0:
        return usage_error(args, "serve", f"--duration {duration} must be > 0 seconds")
    done = threading.Event()

    def on_signal(signum: int, frame: Optional[FrameType]) -> None:
        done.set()

    previous = signal.signal(signal.SIGTERM, on_signal)
    # The endpoint's own watchdog ends it a little after --duration, should this process hang.
    lifetime = duration + 30.0 if duration is not None else 365 * 24 * 3600.0
    try:
        with LocalEndpoint(port=args.port, max_lifetime_s=lifetime) as ep:
            _describe(ep, sys.stdout)
            print(
                "\nServing"
                + (f" for {duration:g} s." if duration is not None else "; Ctrl-C to stop."),
                flush=True,
            )
            with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is the normal way out
                done.wait(duration)
    except (EndpointError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous)
    print("Stopped.", flush=True)
    return 0
