"""A process killed (SIGKILL) in the middle of an Excel import, an approval and an SOP import leaves the database
as it was before, never between; let go on, the same work is all there. On SQLite and on PostgreSQL.

The worker (tests/gangguan/pekerja.py) runs the unit of work the callback runs, and stops just before its commit
with every write flushed: the latest moment a kill can come, when the most is written and not yet kept."""
from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlmodel import func, select

from models.db import session_scope
from models.tables import AuditLog, CatatanLangkah, Kecamatan, Realisasi, Sop, SopRevisi
from tests.dash_util import sidik_basis_data
from tests.fabrik import kantor, realisasi

ROOT = Path(__file__).resolve().parents[2]


def _excel(demo) -> bytes:
    from models.kinerja.excel import templat

    with session_scope(demo) as s:
        data = templat(s, kecamatan_id=kantor(s).id, tahun=2025, triwulan=1)
    wb = load_workbook(io.BytesIO(data))
    ws = wb["Realisasi"]
    for row in ws.iter_rows(min_row=6):
        if row[0].value in ("IKU-1", "IKU-2"):
            row[5].value, row[7].value = 45, 50
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _langkah_terbuka(demo) -> bytes:
    """A figure submitted and waiting at its collection SOP's first decision: the step the Camat approves."""
    from models.sop.alur import catatan_terbuka

    with session_scope(demo) as s:  # IKU-1, 40/50, entered and submitted by the Kasubag Evapor
        r = realisasi(s, indikator="IKU-1", tahun=2025, triwulan=1, pembilang="40", penyebut="50", status="diajukan",
                      pada=datetime(2025, 4, 7, 9, tzinfo=ZoneInfo("Asia/Jakarta")))
        return str(catatan_terbuka(s, r.eksekusi_id).id).encode()


def _sop(_demo) -> bytes:
    from tests.docx_contoh import Tanda
    from tests.integration.test_sop_unggah import _kalipare

    return _kalipare(lambda t: [*t[:5], Tanda(("Sekretaris",), False)])


def _setelah_excel(s) -> None:
    ponco = kantor(s).id
    drafts = s.exec(select(Realisasi).where(Realisasi.kecamatan_id == ponco).where(Realisasi.tahun == 2025)
                    .where(Realisasi.triwulan == 1)).all()
    assert sorted((r.pembilang, r.penyebut, r.status) for r in drafts) == [(45.0, 50.0, "draf")] * 2


def _setelah_persetujuan(s, catatan_id: int) -> None:
    rec = s.get(CatatanLangkah, catatan_id)
    assert rec.hasil == "disetujui" and rec.selesai_pada is not None
    assert s.exec(select(CatatanLangkah).where(CatatanLangkah.eksekusi_id == rec.eksekusi_id)
                  .where(CatatanLangkah.selesai_pada.is_(None))).one()  # the next step waits


def _setelah_sop(s) -> None:
    sop = s.exec(select(Sop).join(Kecamatan, Kecamatan.id == Sop.kecamatan_id).where(Kecamatan.nama == "Kalipare")
                 .where(Sop.nama.like("Pengumpulan%Musrenbangcam"))).one()
    revisi = s.exec(select(SopRevisi).where(SopRevisi.sop_id == sop.id).order_by(SopRevisi.revisi_ke)).all()
    assert [(r.revisi_ke, r.berlaku) for r in revisi] == [(1, False), (2, True)]


def _pekerja(demo, kerja: str, masukan: bytes, tmp_path: Path) -> tuple[subprocess.Popen, Path, Path]:
    berkas = tmp_path / f"{kerja}.masukan"
    berkas.write_bytes(masukan)
    siap, lanjut = tmp_path / f"{kerja}.siap", tmp_path / f"{kerja}.lanjut"
    for f in (siap, lanjut):
        f.unlink(missing_ok=True)
    url = demo.url.render_as_string(hide_password=False)
    proses = subprocess.Popen([sys.executable, "-m", "tests.gangguan.pekerja", url, kerja, str(siap), str(lanjut),
                               str(berkas)], cwd=ROOT, env={**os.environ, "APP_ENV": "test"},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    batas = time.monotonic() + 60
    while not siap.exists():
        if proses.poll() is not None:
            raise AssertionError(proses.stderr.read().decode()[-2000:])
        assert time.monotonic() < batas, f"{kerja}: pekerja tidak sampai ke commit"
        time.sleep(0.05)
    return proses, siap, lanjut


@pytest.mark.parametrize("kerja", ["excel", "persetujuan", "sop"])
def test_a_kill_before_the_commit_leaves_nothing_and_the_same_work_let_go_on_is_all_there(demo, tmp_path, kerja):
    masukan = {"excel": _excel, "persetujuan": _langkah_terbuka, "sop": _sop}[kerja](demo)
    sebelum = sidik_basis_data(demo, kecuali=())  # every table, the audit log included
    with session_scope(demo) as s:
        audit = s.exec(select(func.count(AuditLog.id))).one()

    proses, siap, _ = _pekerja(demo, kerja, masukan, tmp_path)
    assert int(siap.read_text()) > audit  # written, not yet committed
    proses.send_signal(signal.SIGKILL)
    assert proses.wait(timeout=30) == -signal.SIGKILL
    demo.dispose()  # the killed process's connection is gone; read afresh
    assert sidik_basis_data(demo, kecuali=()) == sebelum

    proses, _, lanjut = _pekerja(demo, kerja, masukan, tmp_path)
    lanjut.write_text("lanjut")
    keluar, galat = proses.communicate(timeout=60)
    assert proses.returncode == 0, galat.decode()[-2000:]
    assert keluar.decode().strip() == "selesai"
    demo.dispose()
    assert sidik_basis_data(demo, kecuali=()) != sebelum
    with session_scope(demo) as s:
        if kerja == "excel":
            _setelah_excel(s)
        elif kerja == "persetujuan":
            _setelah_persetujuan(s, int(masukan.decode()))
        else:
            _setelah_sop(s)
