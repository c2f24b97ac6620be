"""An office's Pengukuran Kinerja and Laporan Kinerja executions attach the documents the product writes from the
capaian engine; which SOP writes which is the SAKIP calendar's word; only the person a step waits on attaches."""
from __future__ import annotations

import io
from datetime import datetime, timezone
from pathlib import Path

import pytest
from pypdf import PdfReader
from python_calamine import CalamineWorkbook
from sqlmodel import func, select

from models.db import session_scope
from models.perencanaan.keluaran_kinerja import (
    LAPORAN,
    PENGUKURAN,
    dokumen_otomatis,
    lampirkan_dokumen_kinerja,
)
from models.sop.alur import catatan_terbuka
from models.tables import Eksekusi, Lampiran, User
from models.umum.penolakan import Ditolak
from tests.dash_util import sidik_basis_data
from tests.fabrik import pekerjaan, pengguna

PADA = datetime(2026, 10, 12, 2, 0, tzinfo=timezone.utc)  # Monday 12 October 2026, 09:00 WIB


def _mulai(s, nama_sop: str, judul: str, tahun: int, triwulan: int | None) -> Eksekusi:
    return pekerjaan(s, sop=nama_sop, judul=judul, tahun=tahun, triwulan=triwulan, pada=PADA)  # by the Camat


def test_the_calendar_says_which_executions_write_a_document(demo):
    with session_scope(demo) as s:
        assert dokumen_otomatis(s, _mulai(s, "Pengukuran Kinerja", "Pengukuran Kinerja triwulan III 2026", 2026, 3)) \
            == PENGUKURAN
        assert dokumen_otomatis(s, _mulai(s, "Penyusunan Laporan Kinerja (LKj)", "Laporan Kinerja 2025", 2025,
                                          None)) == LAPORAN
        assert dokumen_otomatis(s, _mulai(s, "Penyusunan Rencana Kerja (Renja)", "Renja 2027", 2027, None)) is None


def test_the_waiting_person_attaches_the_quarters_pengukuran_table_as_xlsx_and_pdf(demo, tmp_path: Path):
    with session_scope(demo) as s:
        eks = _mulai(s, "Pengukuran Kinerja", "Pengukuran Kinerja triwulan III 2026", 2026, 3)
        rec = catatan_terbuka(s, eks.id)
        pelaksana = s.exec(select(User).where(User.kecamatan_id == eks.kecamatan_id)
                           .where(User.role_kode == rec.role_kode)).first()
        berkas = lampirkan_dokumen_kinerja(s, catatan_id=rec.id, oleh=pelaksana, folder=tmp_path)
        # Stored under the attachment rules' safe names.
        assert [b.nama_berkas for b in berkas] == ["Pengukuran_Kinerja_Poncokusumo_Triwulan_III_2026.xlsx",
                                                   "Pengukuran_Kinerja_Poncokusumo_Triwulan_III_2026.pdf"]
        assert {(b.pemilik_jenis, b.pemilik_id) for b in berkas} == {("catatan_langkah", rec.id)}
        lokasi = [tmp_path / b.lokasi for b in berkas]
    sel = CalamineWorkbook.from_filelike(io.BytesIO(lokasi[0].read_bytes())).get_sheet_by_name(
        "Pengukuran Kinerja").to_python()
    teks = "\n".join(" ".join(str(x) for x in baris) for baris in sel)
    assert "Poncokusumo" in teks and "Triwulan III 2026" in teks
    assert [x for baris in sel for x in baris if str(x).startswith("IKU-")] == ["IKU-1", "IKU-2", "IKU-3", "IKU-7"]
    pdf = "\n".join(h.extract_text() for h in PdfReader(io.BytesIO(lokasi[1].read_bytes())).pages)
    assert "Triwulan III 2026" in pdf and "IKU-3" in pdf


def test_someone_the_step_does_not_wait_on_attaches_nothing(demo, tmp_path: Path):
    with session_scope(demo) as s:
        eks = _mulai(s, "Pengukuran Kinerja", "Pengukuran Kinerja triwulan III 2026", 2026, 3)
        rec_id = catatan_terbuka(s, eks.id).id
    sidik = sidik_basis_data(demo)
    with session_scope(demo) as s, pytest.raises(Ditolak) as e:
        lampirkan_dokumen_kinerja(s, catatan_id=rec_id, oleh=pengguna(s, peran="staf", kecamatan="Kalipare"),
                                  folder=tmp_path / "unggahan")
    assert str(e.value) == "Langkah ini menunggu pelaksana lain; Anda tidak dapat menyelesaikannya."
    assert sidik_basis_data(demo) == sidik and not (tmp_path / "unggahan").exists()


def test_work_that_writes_no_document_is_told_so(demo, tmp_path: Path):
    with session_scope(demo) as s:
        eks = _mulai(s, "Penyusunan Rencana Kerja (Renja)", "Renja 2027", 2027, None)
        with pytest.raises(Ditolak) as e:
            lampirkan_dokumen_kinerja(s, catatan_id=catatan_terbuka(s, eks.id).id, oleh=pengguna(s, peran="camat"),
                                      folder=tmp_path)
        assert str(e.value) == "Pekerjaan ini tidak menghasilkan tabel pengukuran kinerja."
        assert s.exec(select(func.count(Lampiran.id))).one() == 0
