"""The izin resepsi form inside the conversation (pure engine, real reply index)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from puspa_bot.conversation import (
    FillingForm,
    Incoming,
    Intent,
    Kind,
    Outcome,
    Stage,
    State,
    SubmitSignup,
)
from puspa_bot.engine import respond
from puspa_bot.reply_index import ReplyIndex

# Sunday 29 November 2026, 10:00 in Jonggol
NOW = int(datetime(2026, 11, 29, 10, tzinfo=timezone(timedelta(hours=7))).timestamp())
ANSWERS = [
    "Siti Aminah",
    "3201065208900002",
    "1",
    "13-01-2027",
    "Jonggol",
    "3/5",
    "Kp. Babakan dekat masjid",
    "300 orang",
    "organ tunggal",
]


def say(index: ReplyIndex, text: str, state: State) -> Outcome:
    """Send one text message."""
    return respond(index, state, Incoming(Kind.TEXT, text, timestamp=NOW))


def walk(index: ReplyIndex, messages: list[str], state: State | None = None) -> Outcome:
    """Send messages one after another; return the last outcome."""
    outcome = Outcome((), state or State(), Intent.FORM)
    for text in messages:
        outcome = say(index, text, outcome.state)
    return outcome


def test_form_starts_with_the_privacy_notice_and_waits_for_ya(index: ReplyIndex) -> None:
    start = say(index, "DAFTAR RESEPSI", State())
    assert start.intent is Intent.FORM
    assert start.replies[0].text.startswith("*Pendaftaran rekomendasi izin resepsi*")
    assert "UU 27/2022" in start.replies[0].text
    assert "90 hari setelah tanggal acara" in start.replies[0].text
    not_yet = say(index, "nama saya siti", start.state)
    assert not_yet.replies[0].text == index.form.need_consent
    first = say(index, "ya", not_yet.state)
    assert first.replies[0].text == index.form.fields[0].prompt


def test_a_completed_form_is_summarised_with_a_masked_nik_and_submitted(
    index: ReplyIndex,
) -> None:
    summary = walk(index, ["resepsi", "ya", *ANSWERS])
    text = summary.replies[0].text
    assert "2. *NIK:* 320106******0002" in text
    assert "3201065208900002" not in text
    assert "4. *Tanggal acara:* 13 Januari 2027" in text
    assert "5. *Desa:* Jonggol" in text
    assert isinstance(summary.state.mode, FillingForm)
    assert summary.state.mode.progress.stage is Stage.CONFIRM
    sent = say(index, "YA", summary.state)
    assert sent.intent is Intent.SUBMITTED
    assert sent.state.form is None
    (effect,) = sent.effects
    assert isinstance(effect, SubmitSignup)
    assert effect.event_date == "2027-01-13"
    assert effect.answers["nik"] == "3201065208900002"
    assert effect.answers["rt_rw"] == "003/005"
    assert effect.answers["tamu"] == "300"
    assert sent.replies[0].text == index.form.submitted  # 13 January: not urgent
    assert "{kode}" in sent.replies[0].text


def test_an_invalid_nik_gets_a_correction_that_mentions_16_digits(index: ReplyIndex) -> None:
    asked = walk(index, ["resepsi", "ya", "Siti Aminah"])
    wrong = say(index, "12345", asked.state)
    assert "*16 angka*" in wrong.replies[0].text
    assert wrong.state.form == asked.state.form  # still on the NIK question


URGENT_WARNING = (
    "Tanggal acara sudah dekat: kurang dari 14 hari kerja dari hari ini.\n"
    "Bila acara memerlukan izin keramaian dari kepolisian, permohonannya biasanya diajukan "
    "paling lambat 14 hari kerja sebelum acara (PP 60/2017).\n"
    "Pendaftaran Bapak/Ibu tetap kami terima dan kami tandai *mendesak*. "
    "Petugas akan segera menghubungi Bapak/Ibu lewat WhatsApp ini."
)


def test_an_event_within_the_police_lead_time_is_warned_taken_and_sent_as_urgent(
    index: ReplyIndex,
) -> None:
    asked = walk(index, ["resepsi", "ya", *ANSWERS[:3]])
    soon = say(index, "5 Desember 2026", asked.state)
    desa_prompt = index.form.fields[4].prompt
    assert soon.replies[0].text == f"{URGENT_WARNING}\n\n{desa_prompt}"
    assert soon.state.form is not None and soon.state.form.answers["tanggal"] == "2026-12-05"
    summary = walk(index, ANSWERS[4:], soon.state)
    assert "4. *Tanggal acara:* 5 Desember 2026" in summary.replies[0].text
    sent = say(index, "YA", summary.state)
    assert sent.intent is Intent.SUBMITTED
    assert sent.replies[0].text == index.form.submitted_urgent
    assert "Karena tanggal acara sudah dekat, pendaftaran ini ditandai *mendesak*." in (
        sent.replies[0].text
    )
    assert "{kode}" in sent.replies[0].text
    (effect,) = sent.effects
    assert isinstance(effect, SubmitSignup) and effect.event_date == "2026-12-05"


def test_the_lead_time_ends_at_the_14th_working_day_and_today_is_still_taken(
    index: ReplyIndex,
) -> None:
    asked = walk(index, ["resepsi", "ya", *ANSWERS[:3]])
    desa_prompt = index.form.fields[4].prompt
    assert say(index, "17-12-2026", asked.state).replies[0].text == desa_prompt  # no warning
    assert say(index, "16-12-2026", asked.state).replies[0].text.startswith(URGENT_WARNING)
    today = say(index, "29-11-2026", asked.state)
    assert today.replies[0].text.startswith(URGENT_WARNING)
    assert today.state.form is not None and today.state.form.step == 4


def test_a_past_date_is_refused(index: ReplyIndex) -> None:
    asked = walk(index, ["resepsi", "ya", *ANSWERS[:3]])
    date_prompt = index.form.fields[3].prompt
    for past in ("01-01-2020", "28-11-2026"):
        refused = say(index, past, asked.state)
        assert refused.replies[0].text == (
            f"Tanggal itu sudah lewat. Mohon tulis tanggal acara yang akan datang.\n\n{date_prompt}"
        )
        assert refused.state.form == asked.state.form


def test_changing_the_date_to_a_near_one_warns_before_the_summary(index: ReplyIndex) -> None:
    summary = walk(index, ["resepsi", "ya", *ANSWERS])
    asked = say(index, "UBAH 4", summary.state)
    changed = say(index, "7 Desember 2026", asked.state)
    assert changed.replies[0].text.startswith(f"{URGENT_WARNING}\n\n*Mohon periksa")
    assert "4. *Tanggal acara:* 7 Desember 2026" in changed.replies[0].text


def test_a_summary_sent_after_its_event_date_asks_for_the_date_again(
    index: ReplyIndex,
) -> None:
    evening = NOW + (13 * 60 + 50) * 60  # 23:50 on the event's day
    state = State()
    for text in ["resepsi", "ya", *ANSWERS[:3], "29-11-2026", *ANSWERS[4:]]:
        state = respond(index, state, Incoming(Kind.TEXT, text, timestamp=evening)).state
    after_midnight = evening + 20 * 60
    late = respond(index, state, Incoming(Kind.TEXT, "YA", timestamp=after_midnight))
    assert late.effects == ()
    assert late.replies[0].text.startswith("Tanggal itu sudah lewat.")
    assert late.replies[0].text.endswith(index.form.fields[3].prompt)
    again = Incoming(Kind.TEXT, "13-01-2027", timestamp=after_midnight)
    fixed = respond(index, late.state, again)
    assert fixed.replies[0].text.startswith("*Mohon periksa data berikut:*")
    assert "4. *Tanggal acara:* 13 Januari 2027" in fixed.replies[0].text


def test_ubah_changes_one_answer_and_returns_to_the_summary(index: ReplyIndex) -> None:
    summary = walk(index, ["resepsi", "ya", *ANSWERS])
    asked = say(index, "UBAH 3", summary.state)
    assert asked.replies[0].text == index.form.fields[2].prompt
    back = say(index, "2", asked.state)
    assert "3. *Jenis acara:* Khitanan" in back.replies[0].text
    wrong = say(index, "ubah 12", back.state)
    assert wrong.replies[0].text == index.form.edit_wrong


def test_batal_drops_the_form_at_any_step(index: ReplyIndex) -> None:
    halfway = walk(index, ["resepsi", "ya", "Siti Aminah"])
    cancelled = say(index, "batal", halfway.state)
    assert cancelled.replies[0].text == index.form.cancelled
    assert cancelled.state.form is None


def test_menu_pauses_the_form_and_resepsi_resumes_it(index: ReplyIndex) -> None:
    halfway = walk(index, ["resepsi", "ya", "Siti Aminah"])
    menu = say(index, "menu", halfway.state)
    assert menu.intent is Intent.MENU
    elsewhere = say(index, "1", menu.state)
    assert elsewhere.replies[0].text.startswith("*Kependudukan*")
    resumed = say(index, "resepsi", elsewhere.state)
    assert resumed.replies[0].text.startswith(index.form.resumed)
    assert resumed.replies[0].text.endswith(index.form.fields[1].prompt)


def test_the_menu_row_starts_the_form(index: ReplyIndex) -> None:
    outcome = respond(index, State(), Incoming(Kind.CHOICE, "formulir:resepsi", timestamp=NOW))
    assert outcome.replies[0].text == index.form.consent


# Answers built to make a backtracking pattern take forever (a test that hangs here fails by the
# suite's timeout): long runs of what one part of a pattern and the next could both take.
HOSTILE_ANSWERS = [
    "1" + " " * 4000 + "x",
    "rt" + "0" * 2000 + "1" + " rw" * 600 + "x",
    "9" * 4000 + "x",
    "1 " * 2000,
    "a" * 4000 + "@",
    "12" + "-" * 4000 + "12-2027",
]


def test_every_question_of_the_form_answers_a_hostile_answer(index: ReplyIndex) -> None:
    start = walk(index, ["resepsi", "ya"])
    for step in range(len(ANSWERS)):
        state = walk(index, ANSWERS[:step], start.state).state
        for answer in HOSTILE_ANSWERS:
            outcome = say(index, answer, state)
            assert outcome.intent is Intent.FORM and outcome.replies
    summary = walk(index, ANSWERS, start.state).state
    for answer in ["UBAH " + "1" * 4000 + "x", "ubah" + " " * 4000 + "1x", *HOSTILE_ANSWERS]:
        assert say(index, answer, summary).replies
