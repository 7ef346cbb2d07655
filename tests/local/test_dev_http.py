"""The whole over HTTP: `python -m puspa_local.dev` (dynalite + the real handler) on 127.0.0.1."""

from __future__ import annotations

import base64
import json
import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import boto3
from puspa_bot.privacy import keyed_hash
from puspa_bot.stats import months_kept
from puspa_office.connect import LOCAL_PEPPER

from ..fake_graph_api import FakeGraphApi
from ..local_stack import (
    STAFF,
    LocalStack,
    form_messages,
    info_payload,
    last_text,
    office_tool,
    register,
    signups,
    text_payload,
)


def test_signed_info_gets_the_menu_once_and_unsigned_is_refused(
    stack: LocalStack, graph: FakeGraphApi
) -> None:
    assert stack.get("hub.mode=subscribe&hub.verify_token=integration-verify&hub.challenge=7") == (
        200,
        "7",
    )
    assert stack.post(info_payload("wamid.it.1"), secret=None)[0] == 401
    assert stack.post(info_payload("wamid.it.1"), secret="wrong")[0] == 403
    assert graph.requests == []
    assert stack.post(info_payload("wamid.it.1")) == (200, "ok")
    assert stack.post(info_payload("wamid.it.1")) == (200, "ok")
    (sent,) = graph.messages()
    assert sent["type"] == "interactive"
    assert sent["interactive"]["action"]["sections"][0]["title"] == "Menu PUSPA"
    assert graph.reads() == ["wamid.it.1"]


def test_data_survives_a_restart(stack: LocalStack, graph: FakeGraphApi) -> None:
    assert stack.post(info_payload("wamid.it.2"))[0] == 200
    stack.stop()
    stack.start()
    assert stack.post(info_payload("wamid.it.2"))[0] == 200  # already answered before restart
    assert len(graph.messages()) == 1


def test_a_resident_registers_and_staff_decide_over_the_webhook(
    stack: LocalStack, graph: FakeGraphApi
) -> None:
    resident = "6281234567890"
    statuses = [
        stack.post(text_payload(resident, f"wamid.a.{n}", t))[0]
        for n, t in enumerate(form_messages()[:3])
    ]
    assert statuses == [200, 200, 200]
    stack.post(text_payload(resident, "wamid.a.nik", "12345"))
    assert "*16 angka*" in graph.messages()[-1]["text"]["body"]
    for n, text in enumerate(form_messages()[3:]):
        assert stack.post(text_payload(resident, f"wamid.a.rest{n}", text))[0] == 200
    (record,) = signups(stack)
    code = record["code"]
    assert record["answers"]["nik"] == "320106******0002"
    notices = [m for m in graph.messages() if m["to"] in STAFF]
    assert sorted(m["to"] for m in notices) == sorted(STAFF)
    assert all(f"Kode: *{code}*" in m["text"]["body"] for m in notices)
    stack.post(text_payload("6289999999999", "wamid.x.1", f"SETUJUI {code}"))
    assert signups(stack)[0]["status"] == "baru"
    stack.post(text_payload(STAFF[0], "wamid.s.1", f"SETUJUI {code}"))
    assert signups(stack) == []
    told = [m for m in graph.messages() if m["to"] == resident][-1]["text"]["body"]
    assert f"*{code}* *disetujui*" in told


def test_a_hundred_residents_registering_at_once(stack: LocalStack, graph: FakeGraphApi) -> None:
    residents = [f"62812{n:08d}" for n in range(100)]
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=25) as pool:
        results = list(pool.map(lambda wa_id: register(stack, wa_id), residents))
    elapsed = time.monotonic() - started
    assert all(status == 200 for statuses in results for status in statuses)
    records = signups(stack)
    assert len(records) == 100
    assert len({r["code"] for r in records}) == 100
    assert sorted(r["resident"] for r in records) == residents
    notices = [m for m in graph.messages() if m["to"] in STAFF]
    assert len(notices) == 200
    print(f"\n100 residents x {len(form_messages())} messages in {elapsed:.1f} s")


def test_ektp_import_lookup_rate_limit_survey_and_report(
    stack: LocalStack, graph: FakeGraphApi, tmp_path: Path
) -> None:
    ready, unknown = "3201064510900001", "3201060101850002"
    listing = tmp_path / "ektp-jadi.csv"
    listing.write_text(f"NIK;Nama;Tanggal Jadi\n{ready};Siti;25/11/2026\n", encoding="utf-8")
    imported = office_tool(stack, "ektp", "import", str(listing))
    assert "Diimpor: 1 e-KTP" in imported
    assert "Kolom yang diabaikan (tidak disimpan): nama." in imported

    resident = "6281234500001"
    stack.post(text_payload(resident, "wamid.k.1", f"cek ktp {ready}"))
    assert "*e-KTP sudah jadi*" in last_text(graph, resident)
    assert "320106******0001" in last_text(graph, resident)
    stack.post(text_payload(resident, "wamid.k.2", f"cek ktp {unknown}"))
    assert "*belum ada* di daftar" in last_text(graph, resident)
    for n in range(3, 6):
        stack.post(text_payload(resident, f"wamid.k.{n}", unknown))
    assert "*belum ada* di daftar" in last_text(graph, resident)
    stack.post(text_payload(resident, "wamid.k.6", f"cek ktp {ready}"))
    assert "sudah 5 kali dalam 60 menit" in last_text(graph, resident)
    other = "6281234500002"  # the limit is per number
    stack.post(text_payload(other, "wamid.k.7", f"CEK KTP {ready}"))
    assert "*e-KTP sudah jadi*" in last_text(graph, other)

    surveyed = "6281234500003"
    for n, text in enumerate(["SURVEI", "4", "3", "4", "4", "3", "3", "4", "2", "3"]):
        assert stack.post(text_payload(surveyed, f"wamid.skm.{n}", text))[0] == 200
    assert "survei sudah selesai" in last_text(graph, surveyed)

    month = time.strftime("%Y-%m", time.gmtime(time.time() + 7 * 3600))
    out = tmp_path / "laporan"
    summary = office_tool(stack, "report", "--month", month, "--out", str(out), "--no-pdf")
    assert "IKM 83,33 (B)" in summary
    html = (out / f"laporan-{month}.html").read_text(encoding="utf-8")
    assert html.count("<svg") >= 4
    assert "<b>IKM 83,33</b>: mutu <b>B</b> (Baik), dari 1 responden" in html
    assert '<tr><td>Ditolak karena terlalu sering</td><td class="n">1</td></tr>' in html
    assert resident not in html and ready not in html


def test_hapus_data_over_the_webhook_leaves_nothing_that_names_the_resident(
    stack: LocalStack, graph: FakeGraphApi
) -> None:
    resident = "6281234599999"
    base64_number = base64.b64encode(resident.encode()).decode()
    ids = (f"wamid.HBgN{base64_number}FQIAEhgU{n:012d}AA==" for n in range(100))
    texts = [
        *form_messages(),
        "jam buka kantor? wa saya 0813 9990 0021",
        "PETUGAS",
        "cek ktp 3201064510900001",
        "HAPUS DATA",
        "YA",
    ]
    for text in texts:
        assert stack.post(text_payload(resident, next(ids), text))[0] == 200
    assert last_text(graph, resident) == (
        "Data Bapak/Ibu sudah dihapus (1 pendaftaran dan riwayat percakapan)."
    )
    codes = {c for m in graph.messages() for c in re.findall(r"Kode: \*(\w+)\*", str(m))}
    client = boto3.client(
        "dynamodb",
        endpoint_url=stack.dynamodb_endpoint,
        region_name="ap-southeast-3",
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )
    items = client.scan(TableName="puspa-local")["Items"]
    assert {item["pk"]["S"].split("#")[0] for item in items} >= {"STATS", "UNMATCHED"}
    table = json.dumps(items)
    keyed = [keyed_hash(LOCAL_PEPPER, f"wa:{resident}")]
    keyed += [
        keyed_hash(LOCAL_PEPPER, f"{m}:{resident}")[:12] for m in months_kept(int(time.time()))
    ]
    for trace in [resident, resident[2:], "Siti Aminah", "3201065208900002", "0813", *keyed]:
        assert trace not in table, trace
    for trace in [base64_number[:12], *codes]:
        assert trace not in table, trace
    assert "wamid" not in stack.output()
