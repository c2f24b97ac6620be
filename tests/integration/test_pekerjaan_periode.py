"""Pekerjaan SOP refuses work already done or started too early, and never writes an official Pengukuran Kinerja
table from a draft: a finished Renja starts again only when the person confirms a redo (the audit names the run it
repeats), a quarter's Pengukuran Kinerja waits until the quarter has ended, and its table is refused while a figure
it counts is not yet submitted. The page says each before the click, from the same domain function."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlmodel import select

from models.db import session_scope
from models.perencanaan.keluaran_kinerja import lampirkan_dokumen_kinerja
from models.perencanaan.pekerjaan import kesiapan, mulai_pekerjaan
from models.sop.alur import catatan_terbuka
from models.tables import AuditLog, Eksekusi, Lampiran, User
from models.umum import periode
from models.umum.penolakan import Ditolak
from tests.dash_util import panggil, sidik_basis_data, teks_jawaban
from tests.fabrik import nama_pengguna, pekerjaan, pengguna, realisasi, sop, tuntaskan

RENJA = "Penyusunan Rencana Kerja (Renja)"
PENGUKURAN = "Pengukuran Kinerja"
# Renja 2026 carried to its end on Tuesday 11 March 2025, 09:00 WIB.
SELESAI_RENJA = datetime(2025, 3, 11, 2, 0, tzinfo=timezone.utc)
PESAN_SELESAI = ('Penyusunan Rencana Kerja (Renja) untuk tahun 2026 sudah selesai ("Renja 2026", selesai 11 Maret '
                 '2025). Mulai lagi hanya bila memang dikerjakan ulang (mis. perubahan dokumen): centang "Kerjakan '
                 'ulang" lalu klik Mulai.')
PESAN_DINI = ("Pengukuran Kinerja triwulan IV 2026 baru dapat dimulai setelah triwulan itu berakhir pada 31 Desember "
              "2026, yaitu mulai 1 Januari 2027.")


@pytest.fixture
def hari_ini():
    periode.atur_hari_ini(date(2026, 12, 6))  # a Sunday in the fourth quarter of 2026
    yield date(2026, 12, 6)
    periode.atur_hari_ini(None)


def _renja_2026_selesai(s) -> Eksekusi:
    eks = pekerjaan(s, sop=RENJA, judul="Renja 2026", tahun=2026, pada=SELESAI_RENJA - timedelta(days=1))
    return tuntaskan(s, eksekusi=eks, oleh=pengguna(s, peran="camat"), pada=SELESAI_RENJA)


def _kunci_cb(app, awalan: str) -> str:
    from tests.dash_util import daftar_callback

    return next(k for k in daftar_callback(app) if k.startswith(awalan))


def test_a_finished_renja_starts_again_only_when_a_redo_is_confirmed(demo, hari_ini):
    with session_scope(demo) as s:
        selesai_id = _renja_2026_selesai(s).id
    sebelum = sidik_basis_data(demo)
    with session_scope(demo) as s, pytest.raises(Ditolak) as e:
        mulai_pekerjaan(s, sop_id=sop(s, nama=RENJA).id, judul="Renja 2026 lagi", tahun=2026, triwulan=None,
                        oleh=pengguna(s, peran="camat"))
    assert str(e.value) == PESAN_SELESAI
    assert sidik_basis_data(demo) == sebelum
    with session_scope(demo) as s:  # the finished run untouched
        assert s.get(Eksekusi, selesai_id).status == "selesai"

    with session_scope(demo) as s:  # a Renja Perubahan: the redo confirmed
        baru = mulai_pekerjaan(s, sop_id=sop(s, nama=RENJA).id, judul="Renja Perubahan 2026", tahun=2026,
                               triwulan=None, oleh=pengguna(s, peran="camat"), ulang=True)
        assert (baru.status, baru.tahun, baru.triwulan) == ("berjalan", 2026, None)
        jejak = s.exec(select(AuditLog).where(AuditLog.aksi == "pekerjaan.ulang")).one()
        assert (jejak.objek_id, jejak.username, jejak.sebelum) == (
            baru.id, nama_pengguna("camat"), {"eksekusi_id": selesai_id, "judul": "Renja 2026"})
        # A running one is refused even with the redo confirmed.
        with pytest.raises(Ditolak, match='sudah berjalan \\("Renja Perubahan 2026"\\)'):
            mulai_pekerjaan(s, sop_id=sop(s, nama=RENJA).id, judul="Renja 2026 ketiga", tahun=2026, triwulan=None,
                            oleh=pengguna(s, peran="camat"), ulang=True)


def test_a_quarters_pengukuran_waits_until_the_quarter_has_ended(demo, hari_ini):
    sebelum = sidik_basis_data(demo)
    with session_scope(demo) as s, pytest.raises(Ditolak) as e:
        pekerjaan(s, sop=PENGUKURAN, judul="Pengukuran Kinerja triwulan IV 2026", tahun=2026, triwulan=4)
    assert str(e.value) == PESAN_DINI
    assert sidik_basis_data(demo) == sebelum
    with session_scope(demo) as s:
        prosedur = sop(s, nama=PENGUKURAN)
        assert kesiapan(s, prosedur, tahun=2026, triwulan=4).tolak == PESAN_DINI
        assert kesiapan(s, prosedur, tahun=2026, triwulan=3).tolak is None
        # Typed in after the fact: the day of the start is the record's own (5 January 2027, the quarter over).
        eks = pekerjaan(s, sop=PENGUKURAN, tahun=2026, triwulan=4, pada=datetime(2027, 1, 5, 2, tzinfo=timezone.utc))
        assert eks.status == "berjalan"
        with pytest.raises(Ditolak, match="triwulan IV 2026 baru dapat dimulai"):  # a record dated in the quarter
            pekerjaan(s, sop=PENGUKURAN, tahun=2026, triwulan=4, judul="lain",
                      pada=datetime(2026, 12, 31, 9, tzinfo=timezone.utc))


def test_the_pengukuran_table_is_never_written_from_a_draft(demo, tmp_path):
    pada = datetime(2026, 1, 12, 2, 0, tzinfo=timezone.utc)  # Monday 12 January 2026, 09:00 WIB
    with session_scope(demo) as s:
        realisasi(s, indikator="IKU-2", tahun=2025, triwulan=4)  # entered, never submitted
        realisasi(s, indikator="IKU-1", tahun=2025, triwulan=3, status="dikembalikan")  # counted up to IV
        eks = pekerjaan(s, sop=PENGUKURAN, tahun=2025, triwulan=4, pada=pada)
        rec = catatan_terbuka(s, eks.id)
        pelaksana = s.exec(select(User).where(User.kecamatan_id == eks.kecamatan_id)
                           .where(User.role_kode == rec.role_kode)).first()
        rec_id, pelaksana_id = rec.id, pelaksana.id
    sebelum = sidik_basis_data(demo)
    with session_scope(demo) as s, pytest.raises(Ditolak) as e:
        lampirkan_dokumen_kinerja(s, catatan_id=rec_id, oleh=s.get(User, pelaksana_id), folder=tmp_path / "unggah")
    assert str(e.value) == (
        "Tabel Pengukuran Kinerja Triwulan IV 2025 belum dapat dibuat: angka IKU-1 triwulan III (Dikembalikan untuk "
        "perbaikan), IKU-2 (Draf) belum diajukan. Ajukan angkanya di Isi Realisasi lebih dulu; tabel resmi tidak "
        "dibuat dari draf.")
    assert sidik_basis_data(demo) == sebelum and not (tmp_path / "unggah").exists()
    with session_scope(demo) as s:
        assert s.exec(select(Lampiran).where(Lampiran.pemilik_id == rec_id)).all() == []


def test_the_page_says_it_before_the_click_and_the_start_enforces_it(client, app, demo, hari_ini):
    from tests.conftest import masuk

    with session_scope(demo) as s:
        renja_id, pengukuran_id = sop(s, nama=RENJA).id, sop(s, nama=PENGUKURAN).id
        _renja_2026_selesai(s)
    masuk(client, nama_pengguna("camat"))
    client.get("/pekerjaan")
    catatan = _kunci_cb(app, "..pekerjaan-catatan.children")
    mulai = _kunci_cb(app, "..pekerjaan-pesan.children")

    jawab = panggil(client, app, catatan, sop_id=pengukuran_id, tahun=2026, triwulan=4)
    assert teks_jawaban(jawab).startswith(PESAN_DINI)
    assert jawab.get_json()["response"]["pekerjaan-ulang-kotak"]["style"] == {"display": "none"}
    jawab = panggil(client, app, catatan, sop_id=renja_id, tahun=2026, triwulan=0)
    assert teks_jawaban(jawab).startswith(PESAN_SELESAI)
    assert jawab.get_json()["response"]["pekerjaan-ulang-kotak"]["style"] == {}  # the redo box shows
    assert "sudah" not in teks_jawaban(panggil(client, app, catatan, sop_id=renja_id, tahun=2027, triwulan=0))

    sebelum = sidik_basis_data(demo)
    assert PESAN_DINI in teks_jawaban(panggil(client, app, mulai, sop_id=pengukuran_id, judul="Pengukuran TW IV",
                                              tahun=2026, triwulan=4))
    assert PESAN_SELESAI in teks_jawaban(panggil(client, app, mulai, sop_id=renja_id, judul="Renja 2026 lagi",
                                                 tahun=2026, triwulan=0, ulang=False))
    assert sidik_basis_data(demo) == sebelum
    teks = teks_jawaban(panggil(client, app, mulai, sop_id=renja_id, judul="Renja Perubahan 2026", tahun=2026,
                                triwulan=0, ulang=True))
    assert '"Renja Perubahan 2026" dimulai; langkah pertamanya menunggu di Persetujuan.' in teks
