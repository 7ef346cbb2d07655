"""Answer CEK KTP <NIK>: rate-limit the number, look the NIK's keyed hash up, word the answer."""

from __future__ import annotations

from .contract import fill
from .conversation import Reply
from .ektp_list import EktpList
from .form_fields import mask_nik
from .form_flow import written_date
from .privacy import keyed_hash
from .reply_index import ReplyIndex


def lookup_reply(
    index: ReplyIndex, cards: EktpList, pepper: str, wa_id: str, nik: str, now: int, token: str
) -> tuple[Reply, str]:
    """The answer to one lookup, and its outcome for the counters.

    `token` names the asking message: its retry is not counted against the limit again.

    Outcomes: 'ready', 'collected', 'not_found', 'refused' (rate limit), 'unavailable' (no
    pepper configured), 'no_list' (the list was never imported: nothing to look up, so the
    lookup is not counted). The answer names only the masked NIK that was asked about.
    """
    texts = index.ektp
    if not pepper:
        return Reply(texts.unavailable), "unavailable"
    updated = cards.updated()
    if updated is None:
        return Reply(texts.no_list), "no_list"
    window = texts.window_minutes * 60
    subject = keyed_hash(pepper, f"wa:{wa_id}")
    if not cards.take_lookup(subject, now // window, texts.limit, now + 2 * window, token):
        return Reply(texts.too_many), "refused"
    card = cards.get(keyed_hash(pepper, nik))
    masked = mask_nik(nik)
    if card is None:
        when = fill(texts.updated_on, tanggal=written_date(index, updated))
        return Reply(fill(texts.not_found, nik=masked, diperbarui=when)), "not_found"
    if card.get("collected_on"):
        text = fill(texts.collected, nik=masked, tanggal=written_date(index, card["collected_on"]))
        return Reply(text), "collected"
    text = fill(
        texts.ready,
        nik=masked,
        tanggal=written_date(index, card["ready_on"]),
        tempat=card.get("place") or texts.default_place,
    )
    return Reply(text), "ready"
