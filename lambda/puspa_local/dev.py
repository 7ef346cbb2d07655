"""`make dev`: dynalite, the PUSPA table, and the real webhook handler on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from .connect import LOCAL_PEPPER
from .dynalite import DEFAULT_PORT, PROJECT, start_dynalite

LOCAL_DEFAULTS = {
    "PUSPA_TABLE": "puspa-local",
    "WHATSAPP_APP_SECRET": "local-app-secret",
    "WHATSAPP_VERIFY_TOKEN": "local-verify-token",
    "PUSPA_NIK_PEPPER": LOCAL_PEPPER,
    "AWS_REGION": "ap-southeast-3",
    "AWS_ACCESS_KEY_ID": "local",
    "AWS_SECRET_ACCESS_KEY": "local",
}


def main() -> int:
    """Run the local stack in the foreground until Ctrl+C."""
    dynalite_port = int(os.environ.get("DYNALITE_PORT", DEFAULT_PORT))
    web_port = int(os.environ.get("PORT", "8080"))
    data_dir = Path(os.environ.get("PUSPA_DEV_DATA", PROJECT / ".dev-data" / "dynalite"))
    for name, value in LOCAL_DEFAULTS.items():
        os.environ.setdefault(name, value)
    os.environ["DYNAMODB_ENDPOINT"] = f"http://127.0.0.1:{dynalite_port}"
    dynalite = start_dynalite(dynalite_port, data_dir)
    signal.signal(signal.SIGTERM, _stop)
    try:
        from puspa_bot import handler

        from .tables import ensure_table
        from .webhook_server import make_server

        ensure_table(handler.dynamodb, handler.settings.table)
        server = make_server(web_port, handler.lambda_handler)
        sending = (
            f"replies go to {handler.settings.api_base}"
            if handler.settings.access_token
            else "no WHATSAPP_ACCESS_TOKEN: replies are printed, not sent"
        )
        print(
            f"PUSPA local stack\n"
            f"  webhook:   http://127.0.0.1:{web_port}/webhook\n"
            f"  dynalite:  {os.environ['DYNAMODB_ENDPOINT']} (data in {data_dir})\n"
            f"  table:     {handler.settings.table}\n"
            f"  {sending}\n"
            "Ctrl+C stops.",
            flush=True,
        )
        server.serve_forever()
    except KeyboardInterrupt:
        return 0
    finally:
        dynalite.terminate()
        dynalite.wait(timeout=10)
    return 0


def _stop(signum: int, frame: object) -> None:
    """Stop on SIGTERM as on Ctrl+C, so dynalite is stopped too."""
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())
