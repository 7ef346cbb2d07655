"""`make dev`: dynalite, the PUSPA table, and the real webhook handler on 127.0.0.1.

Nothing starts unless both ports are free, so `make dev` never talks to another program's
server. The webhook hands each request to one of PUSPA_DEV_WORKERS worker processes
(workers.py), each handling one request at a time as a Lambda execution environment does.
dynalite stops with `make dev`, even when `make dev` is killed; if dynalite stops first,
`make dev` says so and stops too.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError
from puspa_bot import paths
from puspa_bot.settings import Settings
from puspa_office.connect import LOCAL_PEPPER, port_from_env

from .dynalite import (
    DynaliteError,
    configured_port,
    last_lines,
    log_path,
    start_dynalite,
    stop_dynalite,
)
from .ports import busy_message, in_use
from .tables import ensure_table
from .template import function_timeout
from .webhook_server import make_server
from .workers import DEFAULT_SIZE, WorkerError, WorkerPool

LOCAL_DEFAULTS = {
    "PUSPA_TABLE": "puspa-local",
    "WHATSAPP_APP_SECRET": "local-app-secret",
    "WHATSAPP_VERIFY_TOKEN": "local-verify-token",
    "PUSPA_NIK_PEPPER": LOCAL_PEPPER,
    "AWS_REGION": "ap-southeast-3",
    "AWS_ACCESS_KEY_ID": "local",
    "AWS_SECRET_ACCESS_KEY": "local",
}
DEFAULT_WEB_PORT = 8080
MAX_WORKERS = 64


def main() -> int:
    """Run the local stack in the foreground until Ctrl+C; non-zero if it cannot run."""
    try:
        dynalite_port = configured_port()
        web_port = port_from_env("PORT", DEFAULT_WEB_PORT)
        workers = _worker_count()
    except ValueError as error:
        return _fail(f"make dev: {error}")
    if dynalite_port == web_port:
        return _fail(f"make dev: PORT and DYNALITE_PORT are both {web_port}; give them two ports")
    for name, port in (("DYNALITE_PORT", dynalite_port), ("PORT", web_port)):
        if in_use(port):
            return _fail(busy_message(name, port))
    data_dir = Path(os.environ.get("PUSPA_DEV_DATA") or paths.PROJECT / ".dev-data" / "dynalite")
    for name, value in LOCAL_DEFAULTS.items():
        os.environ.setdefault(name, value)
    # The workers inherit this environment: the handler talks to this dynalite only.
    os.environ["DYNAMODB_ENDPOINT"] = f"http://127.0.0.1:{dynalite_port}"
    settings = Settings.from_env()
    pool = WorkerPool(workers)
    try:
        server = make_server(web_port, pool.invoke)  # holds PORT from now on
    except OSError:
        return _fail(busy_message("PORT", web_port))
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, _stop)
    dynalite: subprocess.Popen[bytes] | None = None
    serving: threading.Thread | None = None
    try:
        dynalite = start_dynalite(dynalite_port, data_dir)
        ensure_table(_dynamodb(settings), settings.table)
        pool.start()
        serving = threading.Thread(target=server.serve_forever, name="webhook", daemon=True)
        serving.start()
        _announce(settings, web_port, workers, pool.limit, data_dir)
        status = dynalite.wait()
        lines = "".join(f"\n  {line}" for line in last_lines(log_path(data_dir)))
        return _fail(
            f"make dev: dynalite stopped (status {status}), so the webhook has no table; "
            f"stopping. Its last lines ({log_path(data_dir)}):{lines or ' none'}"
        )
    except KeyboardInterrupt:
        return 0
    except (DynaliteError, WorkerError) as error:
        return _fail(f"make dev: {error}")
    except (BotoCoreError, ClientError) as error:
        return _fail(f"make dev: could not create the table on dynalite: {error}")
    finally:
        for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(number, signal.SIG_IGN)  # a second Ctrl+C must not cut the clean-up
        if serving is not None:
            server.shutdown()
        server.server_close()
        pool.close()
        if dynalite is not None:
            stop_dynalite(dynalite)


def _worker_count() -> int:
    """PUSPA_DEV_WORKERS, the number of worker processes (workers.DEFAULT_SIZE if not set)."""
    text = os.environ.get("PUSPA_DEV_WORKERS", "").strip()
    if not text:
        return DEFAULT_SIZE
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_WORKERS:
        raise ValueError(f"PUSPA_DEV_WORKERS must be from 1 to {MAX_WORKERS}, not {text!r}")
    return int(text)


def _dynamodb(settings: Settings) -> Any:
    """A DynamoDB client on this stack's dynalite."""
    import boto3

    return boto3.client(
        "dynamodb", region_name=settings.region, endpoint_url=settings.dynamodb_endpoint
    )


def _announce(settings: Settings, web_port: int, workers: int, limit: int, data_dir: Path) -> None:
    """Say where everything is, once the webhook answers."""
    sending = (
        f"replies go to {settings.api_base}"
        if settings.access_token
        else "no WHATSAPP_ACCESS_TOKEN: replies are printed, not sent"
    )
    print(
        f"PUSPA local stack\n"
        f"  webhook:   http://127.0.0.1:{web_port}/webhook, {workers} warm worker processes "
        f"(PUSPA_DEV_WORKERS), up to {limit} at once, one request at a time each\n"
        f"  budget:    {function_timeout()} s per request (Timeout in infra/template.yaml)\n"
        f"  dynalite:  {settings.dynamodb_endpoint} (data in {data_dir}, "
        f"output in {log_path(data_dir)})\n"
        f"  table:     {settings.table}\n"
        f"  {sending}\n"
        "Ctrl+C stops.",
        flush=True,
    )


def _fail(line: str) -> int:
    """Print why `make dev` cannot go on; the exit status."""
    print(line, file=sys.stderr, flush=True)
    return 1


def _stop(signum: int, frame: object) -> None:
    """Stop on SIGTERM or SIGHUP as on Ctrl+C, so dynalite and the workers are stopped too."""
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())
