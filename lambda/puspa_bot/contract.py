"""The contract between the build and the responder, in one place both import.

The build (puspa_build) writes what the responder reads: command names, the ids of menu rows
and buttons, the {placeholders} left in texts for run time, and dates in Jonggol's time. Both
sides use these names and functions, so a change here changes both at once.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar, Self


class Command(StrEnum):
    """What a command word does (the values are the reply index's `commands`)."""

    GREETING = "greeting"
    MENU = "menu"
    BACK = "back"
    FORM = "form"
    YES = "yes"
    CANCEL = "cancel"
    EDIT = "edit"
    STATUS = "status"
    CALL_STAFF = "call_staff"
    ERASE = "erase"
    SURVEY = "survey"
    NO = "no"
    STAFF_LIST = "staff_list"
    STAFF_DETAIL = "staff_detail"
    STAFF_APPROVE = "staff_approve"
    STAFF_REJECT = "staff_reject"
    STAFF_REPLY = "staff_reply"
    STAFF_TAKE = "staff_take"
    STAFF_DONE = "staff_done"
    STAFF_RELEASE = "staff_release"


COMMAND_WORDS: Mapping[str, Command] = {
    "salam": Command.GREETING,
    "menu": Command.MENU,
    "kembali": Command.BACK,
    "resepsi": Command.FORM,
    "ya": Command.YES,
    "batal": Command.CANCEL,
    "ubah": Command.EDIT,
    "status": Command.STATUS,
    "petugas": Command.CALL_STAFF,
    "hapus_data": Command.ERASE,
    "survei": Command.SURVEY,
    "tidak": Command.NO,
    "daftar_petugas": Command.STAFF_LIST,
    "detail": Command.STAFF_DETAIL,
    "setujui": Command.STAFF_APPROVE,
    "tolak": Command.STAFF_REJECT,
    "balas": Command.STAFF_REPLY,
    "ambil": Command.STAFF_TAKE,
    "selesai": Command.STAFF_DONE,
    "lepas": Command.STAFF_RELEASE,
}
"""Each list of words in bahasa.yaml `perintah` and the command its words give."""


# Row and button ids: what a resident's tap on a list row or button sends back.
SERVICE_ROW = "layanan"
"""`layanan:<service id>` opens a service's answer."""
MENU_ROW = "menu"
"""`menu:<name>` opens a menu, `menu:<name>:<page>` one page of a long one."""
FORM_ROW = "formulir"
"""`formulir:<name>` starts the sign-up form."""
STAFF_ROW = "petugas"
"""`petugas:tanya` asks for a person (as PETUGAS does)."""
SCORE_ROW = "skm"
"""`skm:<1-4>` answers a survey question."""
HELPFUL_ROW = "bantu"
"""`bantu:<ya|tidak>:<service id>` answers 'was this helpful?'."""
SCORES = ("1", "2", "3", "4")
"""The survey's answers, worst first (Permenpan RB 14/2017)."""


@dataclass(frozen=True)
class Row:
    """A row or button id taken apart: its kind, what it names, and an optional extra part."""

    kind: str
    name: str
    extra: str = ""


def row_id(kind: str, name: str, extra: str | int = "") -> str:
    """The id of a row or button: `kind:name`, or `kind:name:extra`."""
    return f"{kind}:{name}:{extra}" if extra != "" else f"{kind}:{name}"


def service_row(service_id: str) -> str:
    """`layanan:<service id>`."""
    return row_id(SERVICE_ROW, service_id)


def menu_row(name: str, page: int | None = None) -> str:
    """`menu:<name>`, or `menu:<name>:<page>` for a page after the first."""
    return row_id(MENU_ROW, name, "" if page is None else page)


def score_row(score: str) -> str:
    """`skm:<score>`."""
    return row_id(SCORE_ROW, score)


def helpful_row(answer: str, service_id: str) -> str:
    """`bantu:<ya|tidak>:<service id>`."""
    return row_id(HELPFUL_ROW, answer, service_id)


def parse_row(text: str) -> Row:
    """Take a row or button id apart: 'menu:kependudukan:2' -> Row('menu', 'kependudukan', '2')."""
    kind, _, rest = text.partition(":")
    name, _, extra = rest.partition(":")
    return Row(kind, name, extra)


# Placeholders: {names} in content texts. The build fills the office's; the rest wait for the
# responder (or the office tools), which fill them with `fill`.
OFFICE_PLACEHOLDERS = frozenset(
    {"nama_layanan", "kepanjangan", "kantor", "kecamatan", "kabupaten", "whatsapp_tampil", "url"}
    | {"pada_jam_layanan"}
)
"""Filled by the build from kantor.yaml (and the portal's address) in every text."""
OFFICE_HOURS = "jam_layanan"
"""Only in pesan.yaml waktu_layanan.ada, used once the office has set its hours."""
MESSAGE_PLACEHOLDERS = OFFICE_PLACEHOLDERS | {
    "nomor_warga",
    "pertanyaan",
    "jumlah",
    "layanan",
    "nomor",
}
"""What a text in pesan.yaml may use."""
FORM_PLACEHOLDERS = frozenset(
    {"simpan_hari", "jarak_hari_kerja", "kode", "nomor", "batas", "nomor_warga", "ringkasan"}
    | {"status", "alasan", "jumlah", "kabar"}
)
"""What the sign-up form's texts (resepsi.yaml) may use."""
HANDOVER_PLACEHOLDERS = OFFICE_PLACEHOLDERS | {
    "kode",
    "teks",
    "petugas",
    "nomor_warga",
    "pertanyaan",
    "riwayat",
    "menit",
    "akhir",
}
"""What the handover's texts (petugas.yaml) may use."""
EKTP_PLACEHOLDERS = MESSAGE_PLACEHOLDERS | {
    "nik",
    "tanggal",
    "tempat",
    "bawa",
    "diperbarui",
    "jumlah",
    "batas",
    "menit",
}
"""What the e-KTP lookup's texts (ektp.yaml) may use."""
SURVEY_PLACEHOLDERS = frozenset({"nomor", "jumlah"})
"""What the survey's texts (survei.yaml) may use."""
REPORT_PLACEHOLDERS = frozenset(
    {"menu", "ketik", "jumlah", "dasar", "nilai", "mutu", "kinerja", "responden", "indeks"}
    | {"ya", "tidak", "persen", "layanan", "tanggal", "lembar", "jawaban", "per_jawaban"}
)
"""What the monthly report's and the statistics page's texts (laporan.yaml) may use."""
PLACEHOLDERS_BY_FILE: Mapping[str, frozenset[str]] = {
    "pesan": MESSAGE_PLACEHOLDERS,
    "resepsi": FORM_PLACEHOLDERS,
    "ektp": EKTP_PLACEHOLDERS,
    "survei": SURVEY_PLACEHOLDERS,
    "laporan": REPORT_PLACEHOLDERS,
    "petugas": HANDOVER_PLACEHOLDERS,
}
"""Each settings file with texts, and the {names} its texts may use."""


def fill(template: str, values: Mapping[str, object] | None = None, **more: object) -> str:
    """Replace each given {name} by its value; any other braces stay for a later fill."""
    for name, value in {**(values or {}), **more}.items():
        template = template.replace("{" + name + "}", str(value))
    return template


# Time: Jonggol keeps Western Indonesian Time, UTC+7, with no daylight saving.
WIB = 7 * 60 * 60
"""Seconds to add to UTC for Jonggol's clock."""


def local_day(now: float) -> str:
    """The date in Jonggol at `now` (seconds since the epoch), as YYYY-MM-DD."""
    return time.strftime("%Y-%m-%d", time.gmtime(now + WIB))


def local_time(now: float) -> str:
    """Jonggol's date and time at `now`, as YYYY-MM-DD HH:MM."""
    return time.strftime("%Y-%m-%d %H:%M", time.gmtime(now + WIB))


def today(now: float) -> date:
    """The date in Jonggol at `now`."""
    return date.fromisoformat(local_day(now))


def date_in_words(day: date | str, months: Sequence[Sequence[str]]) -> str:
    """A date as '29 November 2026', with the month names of bahasa.yaml (January first)."""
    when = date.fromisoformat(day) if isinstance(day, str) else day
    return f"{when.day} {months[when.month - 1][0].capitalize()} {when.year}"


# Typed views of the parts of the reply index the flows read. The build makes them (so both
# sides share one definition of each shape) and writes `to_json()`; the responder reads them
# back with `from_json()`. JSON keys are the field names.
def _plain(value: Any) -> Any:
    """A view's field as JSON: views as objects, tuples as lists, mappings as objects."""
    if hasattr(value, "to_json"):
        return value.to_json()
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _to_json(view: Any, optional: Sequence[str] = ()) -> dict[str, Any]:
    """Every field of a view, leaving out the `optional` ones that hold their default."""
    out = {}
    for spec in fields(view):
        value = getattr(view, spec.name)
        if spec.name in optional and value == spec.default:
            continue
        out[spec.name] = _plain(value)
    return out


class _JsonView:
    """A frozen dataclass written as JSON whose keys are its field names."""

    _optional: ClassVar[tuple[str, ...]] = ()
    """Fields left out while they hold their default."""

    def to_json(self) -> dict[str, Any]:
        """As written in the reply index."""
        return _to_json(self, self._optional)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        """Read back what `to_json` wrote."""
        return cls(**data)


@dataclass(frozen=True)
class FormField(_JsonView):
    """One question of the sign-up form, with how its answer is checked."""

    key: str
    label: str
    kind: str
    """teks, nik, pilihan, desa, rt_rw, angka or tanggal."""
    prompt: str
    error: str
    choices: tuple[str, ...] = ()
    min: int | None = None
    max: int | None = None
    too_soon: str = ""
    """For a date: the warning when it is sooner than the lead time (the date is still taken;
    {batas} at run time)."""
    past: str = ""
    """For a date: the correction when it has passed."""

    _optional: ClassVar[tuple[str, ...]] = ("choices", "min", "max", "too_soon", "past")

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FormField:
        """Read back what `to_json` wrote."""
        return cls(**{**data, "choices": tuple(data.get("choices", ()))})


@dataclass(frozen=True)
class StaffTexts(_JsonView):
    """What staff numbers are told (content/resepsi.yaml `petugas`)."""

    bantuan: str
    tanda_mendesak: str
    """The mark of an urgent sign-up (plain text: the office's terminal shows it too)."""
    daftar_judul: str
    daftar_kosong: str
    rincian: str
    tidak_ada: str
    sudah_diputuskan: str
    perlu_alasan: str
    tersimpan: str
    kabar_terkirim: str
    kabar_templat: str
    kabar_menunggu: str


@dataclass(frozen=True)
class FormView(_JsonView):
    """The izin resepsi sign-up form: its questions, limits and texts."""

    lead_workdays: int
    keep_days: int
    consent: str
    need_consent: str
    summary_title: str
    summary_hint: str
    edit_wrong: str
    cancelled: str
    resumed: str
    submitted: str
    submitted_urgent: str
    """`submitted` for an event sooner than the lead time: the sign-up is marked urgent."""
    staff_notice: str
    status_names: Mapping[str, str]
    """A sign-up status as residents read it: baru -> 'sedang diperiksa petugas'."""
    status: str
    reason: str
    status_unknown: str
    decision: str
    staff: StaffTexts
    fields: tuple[FormField, ...]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FormView:
        """Read back what `to_json` wrote."""
        return cls(
            **{
                **data,
                "staff": StaffTexts.from_json(data["staff"]),
                "fields": tuple(FormField.from_json(field) for field in data["fields"]),
            }
        )


@dataclass(frozen=True)
class EktpView(_JsonView):
    """The CEK KTP lookup: which service offers it, its rate limit, its texts."""

    service: str
    limit: int
    window_minutes: int
    default_place: str
    invite: str
    ready: str
    collected: str
    not_found: str
    updated_on: str
    no_list: str
    """The answer before the first import of the list: the lookup cannot answer yet."""
    wrong_nik: Mapping[str, str]
    """Each form_fields.NikProblem value -> its correction ({jumlah} at run time)."""
    too_many: str
    unavailable: str


@dataclass(frozen=True)
class HelpfulTexts(_JsonView):
    """The one-tap 'was this helpful?' question after an answer."""

    rate: float
    """The share of answers it follows (0 to 1)."""
    ask: str
    ask_text: str
    yes_button: str
    no_button: str
    thanks: str
    sorry: str


@dataclass(frozen=True)
class SurveyQuestion(_JsonView):
    """One SKM question: its answers' words, as numbered text and as a list message."""

    answers: tuple[str, ...]
    text: str
    interactive: Mapping[str, Any]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SurveyQuestion:
        """Read back what `to_json` wrote."""
        return cls(tuple(data["answers"]), data["text"], data["interactive"])


@dataclass(frozen=True)
class SurveyView(_JsonView):
    """The helpful question and the SKM survey."""

    helpful: HelpfulTexts
    opening: str
    wrong: str
    done: str
    cancelled: str
    questions: tuple[SurveyQuestion, ...]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SurveyView:
        """Read back what `to_json` wrote."""
        return cls(
            **{
                **data,
                "helpful": HelpfulTexts.from_json(data["helpful"]),
                "questions": tuple(SurveyQuestion.from_json(q) for q in data["questions"]),
            }
        )
