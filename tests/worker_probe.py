"""A handler for the worker-pool tests: says which process ran it, and misbehaves when asked.

The body of the request says what to do. While it runs, the handler holds a marker file named
after its process (in $PROBE_DIR); a second request in the same process at the same time
would find the marker and answer 409, so a 200 proves one request at a time per process.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

RELEASE = "release"
"""The file in $PROBE_DIR whose existence lets waiting requests finish."""


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Do what the body says; answer with the process id and the time budget left."""
    folder = Path(os.environ["PROBE_DIR"])
    marker = folder / f"busy-{os.getpid()}"
    try:
        descriptor = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return {"statusCode": 409, "body": "two requests at once in one process"}
    try:
        action = event["body"]
        if action == "boom":
            raise RuntimeError("a message that may hold 3201064510900001")
        if action == "exit":
            os._exit(3)
        if action == "wait":
            while not (folder / RELEASE).exists():
                time.sleep(0.02)
        if action == "unpicklable":
            return {"statusCode": 200, "body": lambda: None}
        answer = {
            "pid": os.getpid(),
            "remaining": context.get_remaining_time_in_millis(),
            "request_id": context.aws_request_id,
        }
        return {"statusCode": 200, "body": json.dumps(answer)}
    finally:
        os.close(descriptor)
        marker.unlink()
