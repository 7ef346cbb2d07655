"""A seeded generator of hostile WhatsApp webhook requests, and a raw HTTP client to send them.

Everything is derived from `random.Random(seed)`: the same seed gives the same requests (only
"now" in the timestamps follows the clock). Payloads start from the shapes Meta documents for
the WhatsApp Cloud API webhook (every message type, statuses, errors, batches) and are then
broken: wrong types, missing keys, nulls, huge and strange strings, absurd timestamps, odd ids,
deep nesting, duplicate keys, non-JSON and non-UTF-8 bodies. Used by tests/local/test_dev_fuzz.py.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import hmac
import json
import random
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .fake_graph_api import FakeGraphApi

WABA_ID = "102290129340398"
PHONE_NUMBER_ID = "106540352242922"
DISPLAY_NUMBER = "62895425781500"

TEXTS = (
    "info",
    "INFO",
    "halo",
    "p",
    "tes",
    "menu",
    "0",
    "1",
    "3",
    "syarat kk",
    "Assalamualaikum pak, mau tanya syarat bikin KTP yang hilang",
    "cek ktp",
    "resepsi",
    "petugas",
    "status ABC2345",
    "makasih",
    "bikin akta lahir anak gmn",
)
ROW_IDS = (
    "menu:kependudukan",
    "menu:usaha",
    "layanan:kia",
    "layanan:kartu-keluarga",
    "layanan:tidak-ada",
    "menu:tidak-ada",
    "membantu:ya",
    "",
    "layanan:",
    "menu:../../utama",
)
STRANGE = (
    "\u200b\u200c\u200d\ufeff",  # zero-width characters and a BOM inside the text
    "\u202eofni\u202c",  # right-to-left override
    "\u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd",  # Arabic and Hebrew
    "👨‍👩‍👧‍👦🏳️‍🌈🇮🇩",  # emoji joined by ZWJ, a flag
    "e\u0301\u0301\u0301\u0301",  # stacked combining marks
    "\ud800",  # lone high surrogate (sent as the JSON escape \ud800)
    "\udfff info",  # lone low surrogate
    "\udbff\udfff",  # a valid pair written as escapes
    "\x00\x01\x1f\x7f",  # control characters
    "line\nbreak\r\nand\ttab",
    "\ufffd\uffff\U0010ffff",
    "'; DROP TABLE puspa; --",
    "${jndi:ldap://x}{{7*7}}%s%n",
    '{"nested": "json"}',
    "\uff29\uff2e\uff26\uff2f",  # INFO in fullwidth letters
    "\u0130NFO \u0131nfo",  # Turkish dotted and dotless i
    "\u00a0info\u3000",
    "",
    " ",
)
TIMEOUT = 30.0
"""Seconds a request may take: the responder's 20 s Lambda timeout, and slack for a busy machine."""
FOCUSED_SHARE = 0.15
"""The share of payloads broken only in what the conversation reads (they are answered)."""
BROKEN_SHARE = 0.92
"""The share of the other payloads that also lose what a reply needs (so most junk is cheap)."""
HUGE_LENGTHS = (4096, 4097, 10_000, 100_000)
ABSURD_TIMESTAMPS: tuple[Any, ...] = (
    10**18,
    "1000000000000000000",
    -1,
    "-86400",
    -(10**12),
    0,
    "0",
    1.5,
    "1798000000.75",
    1e300,
    "abc",
    "",
    None,
    [],
    {},
    True,
    2**63,
    2**64 + 1,
    "١٧٩٨٠٠٠٠٠٠",  # Arabic-Indic digits: int() accepts them
    " 1798000000 ",
    "1_798_000_000",
)
# JSON numbers Python's json reads although they are not JSON, or that overflow.
RAW_NUMBERS = ("NaN", "Infinity", "-Infinity", "1e999", "-1e999", "1" + "0" * 5000)


def realistic_message_id(rng: random.Random, wa_id: str) -> str:
    """A message id shaped like WhatsApp's: base64 of the sender's number and a hex id."""
    number = wa_id.encode()[:255]
    inner = f"{rng.getrandbits(80):020X}".encode()
    raw = b"\x1c\x18" + bytes([len(number)]) + number + b"\x15\x02\x00\x12\x18"
    return "wamid." + base64.b64encode(raw + bytes([len(inner)]) + inner + b"\x00").decode()


@dataclass(frozen=True)
class Raw:
    """A JSON fragment written as is (NaN, 1e999, a deliberately broken string)."""

    text: str


def dump(value: Any, ascii: bool = True) -> str:
    """Write `value` as JSON text, with Raw fragments as given.

    With `ascii` every non-ASCII character is a \\u escape (lone surrogates included);
    without it they are written as they are.
    """
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, list):
        return "[" + ", ".join(dump(item, ascii) for item in value) + "]"
    if isinstance(value, dict):
        inner = (
            f"{json.dumps(str(k), ensure_ascii=ascii)}: {dump(v, ascii)}" for k, v in value.items()
        )
        return "{" + ", ".join(inner) + "}"
    return json.dumps(value, ensure_ascii=ascii)


@dataclass(frozen=True)
class Case:
    """One request body to send signed, with a label saying what was done to it."""

    label: str
    body: bytes


@dataclass
class Generator:
    """Build payloads from Meta's shapes and break them, all from one seeded random source."""

    seed: int
    now: int
    rng: random.Random = field(init=False)
    serial: int = 0

    def __post_init__(self) -> None:
        """Start the random source from the seed."""
        self.rng = random.Random(self.seed)

    # Senders and ids -------------------------------------------------------------------

    def resident(self) -> str:
        """A new, distinct Indonesian mobile number (so conversations never interfere)."""
        self.serial += 1
        return f"6285{self.seed % 100:02d}{self.serial:07d}"

    def message_id(self, wa_id: str) -> str:
        """A realistic, distinct message id for `wa_id`."""
        return realistic_message_id(self.rng, wa_id)

    # Strings ---------------------------------------------------------------------------

    def huge(self) -> str:
        """A very long string: WhatsApp's 4096 limit, just over it, or far beyond."""
        size = self.rng.choice(HUGE_LENGTHS)
        pattern = self.rng.choice(
            ["a", "😀", "\u200d", "\u0645", " ", "\n", "9", "e\u0301", "ab ", "info ", "\ud800"]
        )
        if pattern in ("ab ", "info ") and size > 4097:
            size = 4096  # many words: the long-text test measures those apart
        return (pattern * (size // len(pattern) + 1))[:size]

    def strange(self) -> str:
        """A string with unicode or control-character surprises."""
        return self.rng.choice(STRANGE)

    def junk(self, depth: int = 0) -> Any:
        """Any JSON value of a type a field does not expect."""
        roll = self.rng.random()
        if roll < 0.12:
            return None
        if roll < 0.22:
            return self.rng.choice([0, -1, 1, 2**31, -(2**63), 10**30, 6281234567890])
        if roll < 0.30:
            return self.rng.choice([0.5, -0.0, 1e-300, 1e308, 3.14])
        if roll < 0.36:
            return self.rng.choice([True, False])
        if roll < 0.46:
            return self.strange()
        if roll < 0.52:
            return self.huge()
        if roll < 0.58:
            return Raw(self.rng.choice(RAW_NUMBERS))
        if roll < 0.70 and depth < 3:
            return [self.junk(depth + 1) for _ in range(self.rng.randint(0, 3))]
        if roll < 0.82 and depth < 3:
            return {self.strange(): self.junk(depth + 1) for _ in range(self.rng.randint(0, 3))}
        if roll < 0.90:
            return self.nested(self.rng.randint(2, 400), "x")
        return self.rng.choice(["", "[]", "{}", "null", "true", "0", "wamid."])

    def nested(self, depth: int, core: Any) -> Raw:
        """`core` wrapped `depth` times in lists and objects (written out, never recursed)."""
        opens = [self.rng.random() < 0.5 for _ in range(depth)]
        start = "".join("[" if is_list else '{"a": ' for is_list in opens)
        end = "".join("]" if is_list else "}" for is_list in reversed(opens))
        return Raw(start + dump(core) + end)

    # Meta's shapes ---------------------------------------------------------------------

    def envelope(self, values: list[dict[str, Any]]) -> dict[str, Any]:
        """The webhook body around one change per value (several values: several changes)."""
        changes = [{"value": value, "field": "messages"} for value in values]
        return {
            "object": "whatsapp_business_account",
            "entry": [{"id": WABA_ID, "changes": changes}],
        }

    def value(self, messages: list[dict[str, Any]]) -> dict[str, Any]:
        """A change value carrying messages (and the contacts Meta sends with them)."""
        contacts = [
            {
                "profile": {"name": self.rng.choice(["Warga", "Siti", "Budi 🙏", ""])},
                "wa_id": m["from"],
            }
            for m in messages
        ]
        return {
            "messaging_product": "whatsapp",
            "metadata": {
                "display_phone_number": DISPLAY_NUMBER,
                "phone_number_id": PHONE_NUMBER_ID,
            },
            "contacts": contacts,
            "messages": messages,
        }

    def message(self, kind: str | None = None) -> dict[str, Any]:
        """One resident message of any type Meta documents, from a new resident."""
        wa_id = self.resident()
        kind = kind or self.rng.choice(
            "text text text interactive interactive button image audio video document "
            "sticker location contacts reaction unsupported system order referral".split()
        )
        message: dict[str, Any] = {
            "from": wa_id,
            "id": self.message_id(wa_id),
            "timestamp": str(self.now - self.rng.randint(0, 600)),
            "type": kind,
        }
        media = {"mime_type": "image/jpeg", "sha256": "x" * 44, "id": str(self.rng.getrandbits(50))}
        if kind in ("text", "referral"):
            message.update(type="text", text={"body": self.rng.choice(TEXTS)})
            if kind == "referral":
                message["referral"] = {
                    "source_url": "https://fb.me/x",
                    "source_id": "120",
                    "source_type": "ad",
                    "headline": "PUSPA",
                    "body": "Tanya layanan kecamatan",
                    "media_type": "image",
                    "image_url": "https://example.invalid/a.jpg",
                    "ctwa_clid": "ARAk",
                }
            if self.rng.random() < 0.3:
                message["context"] = {"from": DISPLAY_NUMBER, "id": self.message_id(DISPLAY_NUMBER)}
        elif kind == "interactive":
            reply_type = self.rng.choice(["list_reply", "button_reply", "nfm_reply"])
            if reply_type == "nfm_reply":
                body = {"response_json": '{"flow_token": "x"}', "body": "Sent", "name": "flow"}
            else:
                body = {"id": self.rng.choice(ROW_IDS), "title": "Pilihan", "description": "d"}
            message["interactive"] = {"type": reply_type, reply_type: body}
            message["context"] = {"from": DISPLAY_NUMBER, "id": self.message_id(DISPLAY_NUMBER)}
        elif kind == "button":
            message["button"] = {"text": self.rng.choice(["INFO", "Ya", "Tidak"]), "payload": "P"}
        elif kind in ("image", "video", "document", "sticker"):
            message[kind] = {**media, "caption": self.rng.choice(TEXTS)}
            if kind == "document":
                message[kind]["filename"] = "kk.pdf"
            if kind == "sticker":
                message[kind].update(mime_type="image/webp", animated=False)
        elif kind == "audio":
            message["audio"] = {**media, "mime_type": "audio/ogg; codecs=opus", "voice": True}
        elif kind == "location":
            message["location"] = {
                "latitude": -6.47,
                "longitude": 107.06,
                "name": "Kantor Kecamatan",
                "address": "Jonggol",
            }
        elif kind == "contacts":
            message["contacts"] = [
                {
                    "name": {"formatted_name": "Budi", "first_name": "Budi"},
                    "phones": [{"phone": "+62 812-3456-7890", "wa_id": "6281234567890"}],
                }
            ]
        elif kind == "reaction":
            message["reaction"] = {"message_id": self.message_id(wa_id), "emoji": "👍"}
        elif kind == "unsupported":
            message["errors"] = [
                {
                    "code": 131051,
                    "title": "Message type unknown",
                    "message": "Message type unknown",
                    "error_data": {"details": "Message type is currently not supported."},
                }
            ]
        elif kind == "system":
            message["system"] = {
                "body": "User changed from a number to another",
                "wa_id": self.resident(),
                "type": "user_changed_number",
            }
        elif kind == "order":
            message["order"] = {
                "catalog_id": "1",
                "product_items": [{"product_retailer_id": "a", "quantity": 1}],
            }
        return message

    def statuses(self) -> dict[str, Any]:
        """A change value with delivery statuses (sent, delivered, read, failed with errors)."""
        statuses = []
        for _ in range(self.rng.randint(1, 3)):
            wa_id = self.resident()
            status = self.rng.choice(["sent", "delivered", "read", "failed"])
            item: dict[str, Any] = {
                "id": self.message_id(wa_id),
                "status": status,
                "timestamp": str(self.now),
                "recipient_id": wa_id,
                "conversation": {
                    "id": "c" * 32,
                    "expiration_timestamp": str(self.now + 86400),
                    "origin": {"type": "service"},
                },
                "pricing": {"billable": True, "pricing_model": "CBP", "category": "service"},
            }
            if status == "failed":
                item["errors"] = [
                    {
                        "code": 131047,
                        "title": "Re-engagement message",
                        "error_data": {"details": "x"},
                    }
                ]
            statuses.append(item)
        return {
            "messaging_product": "whatsapp",
            "metadata": {
                "display_phone_number": DISPLAY_NUMBER,
                "phone_number_id": PHONE_NUMBER_ID,
            },
            "statuses": statuses,
        }

    def value_errors(self) -> dict[str, Any]:
        """A change value carrying only Meta's errors array."""
        return {
            "messaging_product": "whatsapp",
            "metadata": {
                "display_phone_number": DISPLAY_NUMBER,
                "phone_number_id": PHONE_NUMBER_ID,
            },
            "errors": [
                {
                    "code": 131000,
                    "title": "Something went wrong",
                    "message": "Something went wrong",
                    "error_data": {"details": "Unknown"},
                }
            ],
        }

    def payload(self) -> dict[str, Any]:
        """A well-formed webhook body: one message, statuses, errors, or a batch."""
        roll = self.rng.random()
        if roll < 0.62:
            return self.envelope([self.value([self.message()])])
        if roll < 0.80:
            return self.envelope([self.statuses()])
        if roll < 0.85:
            return self.envelope([self.value_errors()])
        values = [
            self.value([self.message() for _ in range(self.rng.randint(1, 2))])
            for _ in range(self.rng.randint(1, 2))
        ]
        body = self.envelope([*values, self.statuses()])
        if roll < 0.92:
            body["entry"].append(copy.deepcopy(body["entry"][0]))  # the same entry twice
        return body

    # Breaking them ---------------------------------------------------------------------

    def mutated(self) -> Case:
        """A real-shaped payload with things broken.

        Some (FOCUSED_SHARE) get an odd timestamp, id, sender, type, number id or text and
        otherwise still reach the conversation. The rest get one to three breaks anywhere,
        and most of those (BROKEN_SHARE) also lose something every reply needs, as most junk
        would: they are cheap to answer, so thousands fit in seconds.
        """
        body = self.payload()
        if self.rng.random() < FOCUSED_SHARE:
            labels = [self._odd_field(body) or self._broken_place(body)]
            labels += [self._broken_place(body) for _ in range(self.rng.randint(0, 2))]
        else:
            labels = [
                (self.rng.random() < 0.25 and self._odd_field(body)) or self._broken_place(body)
                for _ in range(self.rng.randint(1, 3))
            ]
            if self.rng.random() < BROKEN_SHARE:
                labels += [self._unanswerable(message) for message in self._messages(body)]
        ascii = self.rng.random() < 0.7
        text = dump(body, ascii)
        if not ascii:
            labels.append("raw UTF-8")
        if self.rng.random() < 0.1:
            text, note = self._duplicate_key(text)
            labels.append(note)
        # Lone surrogates written raw become bytes no UTF-8 decoder accepts: that is the point.
        return Case(" + ".join(labels), text.encode("utf-8", "surrogatepass"))

    def _unanswerable(self, message: dict[str, Any]) -> str:
        """Take from a message something a reply needs (or make it a type with no reply)."""
        name = self.rng.choice(["id", "from", "type"])
        roll = self.rng.random()
        if roll < 0.2:
            message.pop(name, None)
            return f"no {name}"
        if roll < 0.3:
            message["type"] = self.rng.choice(
                ["reaction", "system", "ephemeral", "request_welcome"]
            )
            return f"type {message['type']}"
        message[name] = self.rng.choice(
            [None, "", 0, 6281234567890, 1.5, True, [], ["x"], {}, {"id": "x"}, Raw("NaN")]
        )
        return f"{name} {_short(message[name])}"

    def _duplicate_key(self, text: str) -> tuple[str, str]:
        """Repeat one key with another value right after it."""
        key = self.rng.choice(['"from": ', '"id": ', '"type": ', '"messages": ', '"entry": '])
        if key not in text:
            return text, "no duplicate key"
        repeat = dump(self.junk())
        start = text.index(key)
        return text[:start] + key + repeat + ", " + text[start:], f"duplicate {key.strip(': ')}"

    def _odd_field(self, body: dict[str, Any]) -> str | None:
        """Give the first message an odd timestamp, id, sender, type or text, or the number
        id an odd value; None when the body has no message left to change."""
        focus = self._message_of(body)
        if focus is None:
            return None
        roll = self.rng.random()
        if roll < 0.35:
            focus["timestamp"] = self.rng.choice(
                ABSURD_TIMESTAMPS + tuple(Raw(n) for n in RAW_NUMBERS)
            )
            if self.rng.random() < 0.15:
                del focus["timestamp"]
                return "timestamp missing"
            return f"timestamp {_short(focus['timestamp'])}"
        if roll < 0.65:
            field_name = self.rng.choice(["id", "from", "id", "from", "type"])
            focus[field_name] = self._odd_identifier(field_name, focus.get("from", ""))
            return f"{field_name} {_short(focus[field_name])}"
        metadata = self._value_of(body)
        if roll < 0.70 and metadata is not None:  # rare: a broken URL costs a retry budget
            number_id = self._odd_identifier("phone_number_id", "")
            metadata["metadata"]["phone_number_id"] = number_id
            return f"phone_number_id {_short(number_id)}"
        if not isinstance(focus.get("text"), dict):
            focus["text"] = {}
        focus["text"]["body"] = self.rng.choice([self.strange(), self.huge(), self.junk()])
        return f"text.body {_short(focus['text']['body'])}"

    def _broken_place(self, body: dict[str, Any]) -> str:
        """Break any one place of the body; return what was done."""
        places = list(_places(body))
        if not places:
            body["entry"] = self.junk()
            return f"'entry' = {_short(body['entry'])} in an emptied body"
        parent, key = self.rng.choice(places)
        roll = self.rng.random()
        if roll < 0.20:
            if isinstance(parent, dict):
                del parent[key]
            else:
                parent.pop(key)
            return f"deleted {key!r}"
        if roll < 0.35:
            parent[key] = None
            return f"{key!r} null"
        if roll < 0.47:
            parent[key] = self.nested(self.rng.randint(10, 600), parent[key])
            return f"{key!r} nested deep"
        if roll < 0.59 and isinstance(parent, dict):
            parent[self.strange() + str(self.rng.random())] = self.junk()
            return "extra key"
        if roll < 0.67 and isinstance(parent, list):
            parent.extend(copy.deepcopy(parent[key]) for _ in range(self.rng.randint(2, 40)))
            return f"item {key} repeated"
        if roll < 0.75:
            parent[key] = [parent[key]] if self.rng.random() < 0.5 else {"0": parent[key]}
            return f"{key!r} wrapped"
        replacement = self.junk()
        parent[key] = replacement
        return f"{key!r} = {_short(replacement)}"

    def _odd_identifier(self, name: str, wa_id: str) -> Any:
        """A strange message id, sender, type or phone number id."""
        distinct = str(self.serial)
        self.serial += 1
        choices: list[Any] = [
            "",
            None,
            6281234567890,
            ["6281234567890"],
            self.huge(),
            "x" * 1025 + distinct,
            "9" * 2049 + distinct,
            self.strange() + distinct,
            "\ud800" + distinct,
            "../" * 10 + distinct,
            "with space " + distinct,
            "line\nbreak" + distinct,
            "+62 812-" + distinct,
            "0" + distinct,
            "wamid." + "A" * 2000 + distinct,
            "ü" + distinct,
        ]
        if name == "type":
            choices += ["TEXT", "reaction", "system", "text ", "ephemeral", "request_welcome"]
        if name == "from" and isinstance(wa_id, str) and wa_id:
            choices += [wa_id + "0" * 20, "62" + "8" * 30]
        return self.rng.choice(choices)

    def _message_of(self, body: dict[str, Any]) -> dict[str, Any] | None:
        """The first message of the body, if it still has one."""
        return next(self._messages(body), None)

    def _messages(self, body: dict[str, Any]) -> Iterator[dict[str, Any]]:
        """Every message of the body that is still an object."""
        for value in self._values(body):
            messages = value.get("messages")
            for message in messages if isinstance(messages, list) else []:
                if isinstance(message, dict):
                    yield message

    def _value_of(self, body: dict[str, Any]) -> dict[str, Any] | None:
        """The first change value that still has a metadata object."""
        for value in self._values(body):
            if isinstance(value.get("metadata"), dict):
                return value
        return None

    def _values(self, body: dict[str, Any]) -> Iterator[dict[str, Any]]:
        """Every change value that is still an object."""
        entries = body.get("entry")
        for entry in entries if isinstance(entries, list) else []:
            changes = entry.get("changes") if isinstance(entry, dict) else None
            for change in changes if isinstance(changes, list) else []:
                if isinstance(change, dict) and isinstance(change.get("value"), dict):
                    yield change["value"]

    # Bodies that are not a webhook at all --------------------------------------------------

    def odd_bodies(self) -> list[Case]:
        """Non-object JSON, other encodings, a BOM, empty, deep, truncated and random bodies."""
        accented = self.info().replace('"body": "', '"body": "café ')
        cases = [
            Case("empty", b""),
            *(
                Case(f"non-object {v}", v.encode())
                for v in ("null", "true", "0", "-1", '"x"', "[]")
            ),
            *(Case(f"non-object {v}", v.encode()) for v in ("{}", "[{}]", '[{"entry": []}]')),
            *(Case(f"number {n[:8]}", n.encode()) for n in RAW_NUMBERS),
            *(Case(f"whitespace {w!r}", w.encode()) for w in (" ", "\n", "\r\n\t ")),
            Case("BOM + payload", b"\xef\xbb\xbf" + self.info().encode()),
            Case("BOM only", b"\xef\xbb\xbf"),
            Case("UTF-16 payload", self.info().encode("utf-16")),
            Case("UTF-16-BE payload", self.info().encode("utf-16-be")),
            Case("UTF-32 payload", self.info().encode("utf-32")),
            Case("latin-1 payload", accented.encode("latin-1", "replace")),
            Case(
                "CESU surrogate bytes",
                self.info().replace("info", "\ud83d\ude00").encode("utf-8", "surrogatepass"),
            ),
            Case("invalid UTF-8", b'{"entry": "\xff\xfe\xc3\x28"}'),
            Case("raw NUL", b'{"entry": [\x00]}'),
            Case("raw control in string", b'{"entry": "a\x01b"}'),
            Case("single quotes", b"{'entry': []}"),
            Case("comment", b'{"entry": [] /* x */}'),
            Case("trailing garbage", self.info().encode() + b"}}garbage"),
            Case("two documents", self.info().encode() + self.info().encode()),
            Case("duplicate top key", b'{"entry": [], "entry": ' + self.info().encode() + b"}"),
            Case("entry NaN", b'{"entry": NaN}'),
            Case("changes Infinity", b'{"entry": [{"changes": Infinity}]}'),
            Case("huge integer", b'{"entry": 1' + b"0" * 5000 + b"}"),
            Case(
                "2 MB junk keys", json.dumps({f"k{i}": "v" * 200 for i in range(10_000)}).encode()
            ),
            Case(
                "2 MB reaction",
                self.info()
                .replace('"type": "text"', '"type": "reaction"')
                .replace('"body": "', '"body": "' + "x" * 2_000_000)
                .encode(),
            ),
        ]
        one_word = self.info().replace('"body": "info"', '"body": "' + "x" * 1_000_000 + '"')
        cases.append(Case("1 MB text message, one word", one_word.encode()))
        for depth in (100, 900, 1000, 5000, 100_000):
            cases.append(Case(f"nested lists {depth}", b"[" * depth + b"]" * depth))
            cases.append(Case(f"nested objects {depth}", b'{"a":' * depth + b"1" + b"}" * depth))
        deep_body = self.info().replace('"body": "info"', '"body": ' + "[" * 3000 + "]" * 3000)
        cases.append(Case("text.body nested 3000", deep_body.encode()))
        for _ in range(60):
            info = self.info().encode()
            cut = self.rng.randint(1, len(info) - 1)
            cases.append(Case(f"truncated at {cut}", info[:cut]))
        for _ in range(120):
            size = self.rng.choice([1, 2, 7, 64, 300, 2000])
            cases.append(Case(f"random bytes {size}", self.rng.randbytes(size)))
        return cases

    def info(self) -> str:
        """The JSON text of a new resident's 'info' message (raw UTF-8, not escaped)."""
        message = self.message("text")
        message["text"] = {"body": "info"}
        return json.dumps(self.envelope([self.value([message])]), ensure_ascii=False)


def _places(value: Any) -> Iterator[tuple[Any, Any]]:
    """Every (container, key) pair inside a JSON value."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in list(items):
        yield value, key
        if isinstance(item, dict | list) and item:
            yield from _places(item)


def _short(value: Any) -> str:
    """A value shortened for a label."""
    text = repr(value.text if isinstance(value, Raw) else value)
    return text if len(text) <= 40 else f"{text[:30]}...({len(text)} chars)"


def mutated_cases(seed: int, count: int, now: int) -> list[Case]:
    """`count` broken payloads from `seed`."""
    generator = Generator(seed, now)
    return [generator.mutated() for _ in range(count)]


def odd_body_cases(seed: int, now: int) -> list[Case]:
    """The bodies that are not well-formed webhooks, from `seed`."""
    return Generator(seed, now).odd_bodies()


# Sending ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """What the server answered: the status (None when the connection dropped) and the body."""

    status: int | None
    body: bytes
    error: str = ""


def exchange(port: int, request: bytes, timeout: float = TIMEOUT) -> Answer:
    """Send raw request bytes to 127.0.0.1:`port`, read until the server closes."""
    chunks = []
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            try:
                sock.sendall(request)
                sock.shutdown(socket.SHUT_WR)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server answered before reading everything (a 413): read that
            while chunk := sock.recv(65536):
                chunks.append(chunk)
    except OSError as error:
        if not chunks:
            return Answer(None, b"", type(error).__name__)
    data = b"".join(chunks)
    head, _, body = data.partition(b"\r\n\r\n")
    parts = head.split(b" ", 2)
    if len(parts) < 2 or not parts[1].isdigit():
        return Answer(None, data, "no HTTP answer")
    return Answer(int(parts[1]), body)


def request_bytes(
    method: str | bytes,
    target: str | bytes,
    headers: list[tuple[str | bytes, str | bytes]],
    body: bytes = b"",
    content_length: bool = True,
) -> bytes:
    """An HTTP/1.1 request exactly as given (header values may be any bytes)."""

    def raw(text: str | bytes) -> bytes:
        return text if isinstance(text, bytes) else text.encode("utf-8")

    lines = [raw(method) + b" " + raw(target) + b" HTTP/1.1", b"Host: 127.0.0.1"]
    lines += [raw(name) + b": " + raw(value) for name, value in headers]
    if content_length:
        lines.append(b"Content-Length: " + str(len(body)).encode())
    lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def signature(body: bytes, secret: str) -> str:
    """Meta's X-Hub-Signature-256 value for `body`."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def signed_post(port: int, body: bytes, secret: str, timeout: float = TIMEOUT) -> Answer:
    """POST /webhook with a correct signature."""
    headers = [
        ("Content-Type", "application/json"),
        ("X-Hub-Signature-256", signature(body, secret)),
    ]
    return exchange(port, request_bytes("POST", "/webhook", headers, body), timeout)


# Attacks that never reach the parser -----------------------------------------------------------


@dataclass(frozen=True)
class Attack:
    """One raw request, what a clean answer to it is, and whose message it carries."""

    label: str
    request: bytes
    expect: str = "refused"
    """'refused' (4xx), 'unknown method' (4xx or 501) or 'clean' (200 or 4xx)."""
    wa_id: str = ""
    """The resident whose message the request carries: a refused one must get no reply."""


def attacks(
    message: Callable[[], tuple[str, bytes]], secret: str, verify_token: str
) -> list[Attack]:
    """Bad signatures, methods, paths, verify tokens and body lengths; `message` makes a new
    resident's signed-able webhook body."""
    found: list[Attack] = []
    json_type = ("Content-Type", "application/json")

    def post(
        label: str,
        headers: list[tuple[str | bytes, str | bytes]],
        method: str = "POST",
        target: str | bytes = "/webhook",
        expect: str = "refused",
        content_length: bool = True,
    ) -> None:
        """POST a new resident's message; a header value naming a signature of that body
        ('right', 'one digit short', ...) is replaced by it."""
        wa_id, body = message()
        right = signature(body, secret)
        signatures = {
            "right": right,
            "another secret's": signature(body, "not-the-secret"),
            "one digit short": right[:-1],
            "one digit more": right + "0",
            "non-ASCII last digit": right[:-1] + "é",
        }
        headers = [(n, signatures.get(v, v) if isinstance(v, str) else v) for n, v in headers]
        request = request_bytes(method, target, [json_type, *headers], body, content_length)
        found.append(Attack(label, request, expect, wa_id))

    signature_header = "X-Hub-Signature-256"
    post("no signature", [])
    post("only the old sha1 header", [("X-Hub-Signature", "sha1=" + "0" * 40)])
    post("two wrong signatures", [(signature_header, "sha256=" + "1" * 64)] * 2)
    for label, value in [
        ("empty signature", ""),
        ("prefix only", "sha256="),
        ("zeros", "sha256=" + "0" * 64),
        ("sha1 instead", "sha1=" + "0" * 40),
        ("not hex", "sha256=" + "z" * 64),
        ("another body's", signature(b"other body", secret)),
        ("another secret's", "another secret's"),
        ("one digit short", "one digit short"),
        ("one digit more", "one digit more"),
        ("non-ASCII UTF-8", "sha256=" + "é" * 64),
        ("non-ASCII last digit", "non-ASCII last digit"),
        ("latin-1 byte", b"sha256=\xe9" + b"0" * 63),
        ("invalid UTF-8", b"sha256=\xff\xfe" + b"0" * 62),
        ("no prefix, non-ASCII", "ü"),
        ("emoji", "sha256=😀"),
        ("very long", "sha256=" + "a" * 8000),
        ("longer than a header line may be", "sha256=" + "a" * 70_000),
        ("NUL byte", b"sha256=\x00" + b"0" * 63),
    ]:
        post(f"signature: {label}", [(signature_header, value)])
    signed = [(signature_header, "right")]
    for method in ("PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE"):
        post(f"method {method}", signed, method=method)
    for method in ("FOO", "post", "GeT"):  # methods are case-sensitive: these are unknown
        post(f"method {method}", signed, method=method, expect="unknown method")
    for path in (
        "/webhook/",
        "/WEBHOOK",
        "/webhooks",
        "/webhook/extra",
        "/webhook%00",
        "/..%2fwebhook",
        "/webhook/../../etc/passwd",
        "/" + "a" * 8000,
        "*",
        b"/\xc3\xbc",
        b"/webhook\xff",
    ):
        post(f"POST {path[:30]!r}", signed, target=path)
    # Odd lengths of a correctly signed body: any clean answer, but never a crash.
    for length in (b"abc", b"-1", b"1e3", b"99999999999999999999", b"0", "\uff11\uff12".encode()):
        headers = [*signed, ("Content-Length", length)]
        post(f"Content-Length {length!r}", headers, expect="clean", content_length=False)
    post("no Content-Length", signed, expect="clean", content_length=False)

    token = "hub.mode=subscribe&hub.challenge=12345&hub.verify_token="
    right = token + verify_token
    for label, query in [
        ("non-ASCII token (percent-encoded)", token + "%C3%A9"),
        ("right token + non-ASCII", right + "%C3%A9"),
        ("invalid UTF-8 token", token + "%FF%FE"),
        ("raw UTF-8 token", (token + "é").encode()),
        ("raw latin-1 token", token.encode() + b"\xe9"),
        ("emoji token", token + "%F0%9F%98%80"),
        ("NUL in token", right + "%00"),
        ("empty token", token),
        ("wrong token", token + "nope"),
        ("no token", "hub.mode=subscribe&hub.challenge=1"),
        ("right token, wrong mode", right.replace("=subscribe", "=unsubscribe")),
        ("right token, no mode", right.replace("hub.mode=subscribe&", "")),
        ("huge token", token + "x" * 10_000),
        ("no query", ""),
    ]:
        target = b"/webhook?" + (query if isinstance(query, bytes) else query.encode())
        found.append(Attack(f"GET {label}", request_bytes("GET", target, [])))
    for path in ("/webhook/", "/verify", "/%2e%2e/webhook"):
        found.append(Attack(f"GET {path}", request_bytes("GET", f"{path}?{right}", [])))
    return found


def delivered(graph: FakeGraphApi, to: str | None = None) -> list[dict[str, Any]]:
    """Messages the fake accepted (status 200), optionally only those to one number."""
    return [
        r["json"]
        for r in list(graph.requests)
        if r["json"].get("type") and r.get("status") == 200 and to in (None, r["json"].get("to"))
    ]
