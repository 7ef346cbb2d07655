"""`make chat`: talk to the bot in the terminal, with the same engine and store as the webhook."""

from __future__ import annotations

import sys
import time
import urllib.error
import urllib.request

from puspa_bot.conversation import Incoming, Kind
from puspa_bot.graph_api import PrintingSender
from puspa_bot.reply_index import load_index
from puspa_bot.responder import Responder
from puspa_bot.store import DynamoStore, MemoryStore, Store
from puspa_bot.whatsapp_payload import Delivery
from puspa_office.connect import ektp_list, local_endpoint, nik_pepper, open_local, stats

from .template import function_timeout

CHAT_WA_ID = "chat-local"
"""The conversation key of the terminal chat (not a phone number)."""


def open_store() -> tuple[Store, str]:
    """The local stack's DynamoDB when `make dev` runs, else memory; and a line saying which.

    The local DynamoDB is $DYNAMODB_ENDPOINT, else make dev's dynalite on $DYNALITE_PORT (4567).
    """
    endpoint = local_endpoint()
    try:
        urllib.request.urlopen(endpoint, timeout=0.5).close()
    except urllib.error.HTTPError:
        pass  # dynalite answers a plain GET with an error: it is there
    except OSError:
        return MemoryStore(), (
            f"state in memory: nothing answers at {endpoint} "
            "(start `make dev` to use the local DynamoDB)"
        )
    store, where = open_local(endpoint)
    return store, f"state in {where}"


def main() -> int:
    """Read messages from the terminal and print the bot's replies until end of input."""
    index = load_index()
    store, where = open_store()
    printer = PrintingSender(write=lambda text: print(f"\nPUSPA: {text}"), label=False)
    responder = Responder(index, store, printer, pepper=nik_pepper(where))
    if isinstance(store, DynamoStore):
        responder.cards, responder.stats = ektp_list(store), stats(store)
    print(f"PUSPA chat ({where}). Ketik pesan; Ctrl+D untuk keluar.\n")
    for number, line in enumerate(sys.stdin):
        text = line.rstrip("\n")
        if not text:
            continue
        incoming = Incoming(Kind.TEXT, text, timestamp=int(time.time()))
        delivery = Delivery(f"chat-{time.time_ns()}-{number}", CHAT_WA_ID, "chat", incoming)
        responder.handle(delivery, deadline=time.monotonic() + function_timeout())
    return 0


if __name__ == "__main__":
    sys.exit(main())
