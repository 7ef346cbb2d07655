"""Gather and schema-check every content file; the data model the rest of the build reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .problems import Problem
from .schema_check import check_against_schema
from .yaml_source import Source, read_yaml

# Settings files: content/<name>.yaml is checked against schemas/<name>.schema.json.
SETTINGS = (
    *("kantor", "pesan", "menu", "bahasa", "resepsi", "ektp", "survei", "laporan"),
    *("percakapan", "rujukan", "istilah", "lembar-kantor", "petugas"),
)
SERVICE_DIR = "layanan"
PAGES_DIR = "halaman"
STATISTICS_DIR = "statistik"


@dataclass
class Content:
    """All content, as read from disk. Settings and services are schema-valid when loaded."""

    root: Path
    settings: dict[str, Source] = field(default_factory=dict)
    services: dict[str, Source] = field(default_factory=dict)
    pages: list[Path] = field(default_factory=list)
    statistics: dict[str, Source] = field(default_factory=dict)
    """Published monthly figures (content/statistik/<YYYY-MM>.yaml), by month."""
    known_ids: set[str] = field(default_factory=set)
    """Ids of every service file, valid or not: links to an invalid service are not broken."""

    @property
    def kantor(self) -> dict[str, Any]:
        """Office settings."""
        return self.settings["kantor"].data

    @property
    def pesan(self) -> dict[str, Any]:
        """Texts residents read outside the services themselves."""
        return self.settings["pesan"].data

    @property
    def menu(self) -> dict[str, Any]:
        """Menus, by name."""
        return self.settings["menu"].data["menu"]

    @property
    def resepsi(self) -> dict[str, Any]:
        """The izin resepsi sign-up form."""
        return self.settings["resepsi"].data

    @property
    def petugas(self) -> dict[str, Any]:
        """The handover to staff (PETUGAS): its limits and texts."""
        return self.settings["petugas"].data

    @property
    def ektp(self) -> dict[str, Any]:
        """The e-KTP readiness lookup (CEK KTP <NIK>)."""
        return self.settings["ektp"].data

    @property
    def survei(self) -> dict[str, Any]:
        """The 'was this helpful?' question and the SKM survey."""
        return self.settings["survei"].data

    @property
    def laporan(self) -> dict[str, Any]:
        """Settings of the monthly report."""
        return self.settings["laporan"].data

    @property
    def percakapan(self) -> dict[str, Any]:
        """What residents say besides services: menu, greetings, thanks, goodbyes, negatives."""
        return self.settings["percakapan"].data

    @property
    def rujukan(self) -> dict[str, Any]:
        """Referral topics: what PUSPA does not serve, and who does."""
        return self.settings["rujukan"].data

    @property
    def istilah(self) -> dict[str, Any]:
        """The glossary: jargon residents meet, explained on the portal and inline on WhatsApp."""
        return self.settings["istilah"].data

    @property
    def lembar_kantor(self) -> dict[str, Any]:
        """Texts of the office's fill-in sheet (`puspa lembar-kantor`)."""
        return self.settings["lembar-kantor"].data

    @property
    def bahasa(self) -> dict[str, Any]:
        """Abbreviations and common words used to understand residents."""
        return self.settings["bahasa"].data

    def service(self, service_id: str) -> dict[str, Any]:
        """One service's data."""
        return self.services[service_id].data

    def walk_menus(self) -> tuple[list[str], set[str]]:
        """Return the service ids reachable from the main menu, in order, and the menus reached."""
        services: list[str] = []
        seen: set[str] = set()

        def walk(name: str) -> None:
            if name in seen or name not in self.menu:
                return
            seen.add(name)
            for choice in self.menu[name]["pilihan"]:
                if "menu" in choice:
                    walk(choice["menu"])
                elif "layanan" in choice and choice["layanan"] not in services:
                    services.append(choice["layanan"])

        walk("utama")
        return services, seen

    def ids_in_menu_order(self) -> list[str]:
        """Service ids in the order residents meet them in the menus; unlisted ones last."""
        reached = [service_id for service_id in self.walk_menus()[0] if service_id in self.services]
        return reached + [service_id for service_id in self.services if service_id not in reached]


def load_content(root: Path) -> tuple[Content, list[Problem]]:
    """Read every content file under `root`; return what is valid and every problem found."""
    root = root.resolve()
    content = Content(root=root)
    problems: list[Problem] = []
    for name in SETTINGS:
        path = root / f"{name}.yaml"
        source, found = _read_checked(path, root, f"{name}.schema.json")
        problems += found
        if not path.exists():
            problems.append(
                Problem(_name(path, root), 1, "(berkas)", "berkas tidak ada", "buat berkas ini")
            )
        elif source is not None and not found:
            content.settings[name] = source
    service_files = sorted((root / SERVICE_DIR).glob("*.y*ml"))
    content.known_ids = {path.stem for path in service_files}
    for path in service_files:
        source, found = _read_checked(path, root, "layanan.schema.json")
        problems += found
        if source is None:
            continue
        service_id = source.data.get("id") if isinstance(source.data, dict) else None
        if found and not isinstance(service_id, str):
            continue  # nothing more can be said about a file without a readable id
        if service_id != path.stem:
            what = f"kode {service_id!r} berbeda dengan nama berkas {path.stem!r}"
            fix = f"samakan: ganti id menjadi {path.stem!r} atau ganti nama berkas"
            problems.append(Problem(source.name, source.line(("id",)), "id", what, fix))
        elif service_id in content.services:
            other = content.services[service_id].name
            problems.append(
                Problem(source.name, source.line(("id",)), "id", f"kode sudah dipakai {other}", "")
            )
        elif not found:  # a file with schema errors is reported, never built from
            content.services[service_id] = source
    content.pages = sorted((root / PAGES_DIR).glob("*.md"))
    for path in sorted((root / STATISTICS_DIR).glob("*.yaml")):
        source, found = _read_checked(path, root, "statistik.schema.json")
        problems += found
        if source is None:
            continue
        month = source.data.get("bulan") if isinstance(source.data, dict) else None
        if isinstance(month, str) and month != path.stem:
            what = f"bulan {month!r} berbeda dengan nama berkas {path.stem!r}"
            problems.append(Problem(source.name, source.line(("bulan",)), "bulan", what, ""))
        elif not found:
            content.statistics[path.stem] = source
    _apply_office_defaults(content)
    return content, problems


def _apply_office_defaults(content: Content) -> None:
    """Give each service without its own `pengaduan` the office's (one text, many services)."""
    if "kantor" not in content.settings:
        return
    for source in content.services.values():
        if source.data["jenis"] == "layanan":
            source.data.setdefault("pengaduan", content.kantor["pengaduan"])


def _read_checked(path: Path, root: Path, schema: str) -> tuple[Source | None, list[Problem]]:
    """Read one YAML file and check it against its schema."""
    if not path.exists():
        return None, []
    source, problems = read_yaml(path, _name(path, root))
    if source is not None:
        problems += check_against_schema(source, schema)
    return source, problems


def _name(path: Path, root: Path) -> str:
    """Name a content file as the user can open it from where they are: relative to the
    working directory when inside it (content/layanan/kk.yaml), else in full."""
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
