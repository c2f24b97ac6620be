"""Every write that takes text a person types refuses an over-long value, on the server, with the field's name and
its bound, and writes nothing (user accounts' fields: tests/integration/test_pengguna.py)."""
from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from models.db import session_scope
from models.kinerja import realisasi as mod_realisasi
from models.kinerja.iku import tetapkan_target
from models.perencanaan.target import hapus_target
from models.sop import alur
from models.sop.berkas import baca_berkas
from models.sop.register import MAKS_NAMA_SOP, daftar_sop, peta_alias, simpan_prosedur
from models.tables import Eksekusi, SopRevisi, Target
from models.tindak_lanjut import rekomendasi as mod_rekomendasi
from models.tindak_lanjut.evaluasi import RekomendasiBaru, catat_evaluasi_lengkap
from models.umum.isian import MAKS_KALIMAT, MAKS_URAIAN
from models.umum.penolakan import Ditolak
from tests.dash_util import sidik_basis_data
from tests.fabrik import indikator, kantor, pengguna

PANJANG = "x" * (MAKS_KALIMAT + 1)


def _pesan(label: str, n: int, maks: int) -> str:
    return f"{label} terlalu panjang: {n} karakter, paling banyak {maks}."


def _evaluasi(s, **ubah):
    isi = dict(kecamatan_id=kantor(s).id, jenis="evaluasi", tahun=2025, triwulan=2, tanggal=date(2025, 7, 20),
               peserta="Tim", temuan="-", oleh=pengguna(s, peran="tim"))
    isi.update(ubah)
    return catat_evaluasi_lengkap(s, **isi)


def _ind(s):
    return indikator(s)


def _prosedur(**ubah):
    """The first seed document's first procedure, with its name or its first step's activity changed."""
    from seed import dokumen_seed

    pertama = dokumen_seed()[0]
    p = baca_berkas(pertama.name, pertama.read_text(encoding="utf-8"))[0]
    if "nama" in ubah:
        p.nama = ubah["nama"]
    if "kegiatan" in ubah:
        p.langkah[0].kegiatan = ubah["kegiatan"]
    return p


def _simpan_prosedur(s, p):
    from seed import kurasi_pelaksana

    return simpan_prosedur(s, p, alias=peta_alias(s), kurasi=kurasi_pelaksana(), oleh=pengguna(s, peran="admin"))


def _tempat(p) -> str:
    return f"{p.sumber}, {p.tempat()}"


KASUS = {
    "sop.nama": (
        lambda s: _simpan_prosedur(s, _prosedur(nama="x" * (MAKS_NAMA_SOP + 1))),
        lambda s: _pesan(f"{_tempat(_prosedur())}: nama SOP", MAKS_NAMA_SOP + 1, MAKS_NAMA_SOP)),
    "sop.langkah.kegiatan": (
        lambda s: _simpan_prosedur(s, _prosedur(kegiatan=PANJANG)),
        lambda s: _pesan(f"{_tempat(_prosedur())}: langkah {_prosedur().langkah[0].no}, kegiatan",
                         MAKS_KALIMAT + 1, MAKS_KALIMAT)),
    "realisasi.catatan": (
        lambda s: mod_realisasi.simpan_draf(
            s, kecamatan_id=kantor(s).id, tahun=2025, triwulan=1, oleh=pengguna(s, peran="camat"),
            isian=mod_realisasi.Isian(indikator_id=_ind(s).id, pembilang="1", penyebut="2", catatan=PANJANG)),
        lambda s: _pesan("Catatan realisasi", MAKS_KALIMAT + 1, MAKS_KALIMAT)),
    "realisasi.buka_kembali": (
        lambda s: mod_realisasi.buka_kembali(s, realisasi_id=1, alasan=PANJANG, oleh=pengguna(s, peran="camat")),
        lambda s: _pesan("Alasan membuka kembali", MAKS_KALIMAT + 1, MAKS_KALIMAT)),
    "alur.mulai.judul": (
        lambda s: alur.mulai(s, revisi_id=s.exec(select(SopRevisi.id)).first(), kecamatan_id=kantor(s).id,
                             subjek_jenis="pekerjaan", subjek_id=None, judul="x" * (alur.MAKS_JUDUL + 1),
                             tahun=2025, triwulan=1, oleh=pengguna(s, peran="camat")),
        lambda s: _pesan("Judul pekerjaan", alur.MAKS_JUDUL + 1, alur.MAKS_JUDUL)),
    "alur.selesaikan.catatan": (
        lambda s: alur.selesaikan(s, catatan_id=1, oleh=pengguna(s, peran="camat"), catatan=PANJANG),
        lambda s: _pesan("Catatan langkah", MAKS_KALIMAT + 1, MAKS_KALIMAT)),
    "alur.putuskan.alasan": (
        lambda s: alur.putuskan(s, catatan_id=1, setuju=False, oleh=pengguna(s, peran="camat"), alasan=PANJANG),
        lambda s: _pesan("Alasan pengembalian", MAKS_KALIMAT + 1, MAKS_KALIMAT)),
    "alur.batalkan_eksekusi.alasan": (
        lambda s: alur.batalkan_eksekusi(s, eks=s.exec(select(Eksekusi)).first(), alasan=PANJANG,
                                         oleh=pengguna(s, peran="camat")),
        lambda s: _pesan("Alasan pembatalan", MAKS_KALIMAT + 1, MAKS_KALIMAT)),
    "evaluasi.peserta": (
        lambda s: _evaluasi(s, peserta=PANJANG),
        lambda s: _pesan("Peserta evaluasi", MAKS_KALIMAT + 1, MAKS_KALIMAT)),
    "evaluasi.temuan": (
        lambda s: _evaluasi(s, temuan="x" * (MAKS_URAIAN + 1)),
        lambda s: _pesan("Temuan evaluasi", MAKS_URAIAN + 1, MAKS_URAIAN)),
    "evaluasi.berita_acara": (
        lambda s: _evaluasi(s, berita_acara=PANJANG),
        lambda s: _pesan("Berita acara", MAKS_KALIMAT + 1, MAKS_KALIMAT)),
    "rekomendasi.teks": (
        lambda s: _evaluasi(s, rekomendasi=[RekomendasiBaru(PANJANG, "kasi_pem", date(2025, 8, 30))]),
        lambda s: "Rekomendasi 1: " + _pesan("Teks rekomendasi", MAKS_KALIMAT + 1, MAKS_KALIMAT)),
    "rekomendasi.serahkan.uraian": (
        lambda s: mod_rekomendasi.serahkan(s, rekomendasi_id=1, uraian=PANJANG, oleh=pengguna(s, peran="kasi_pem")),
        lambda s: _pesan("Uraian tindak lanjut", MAKS_KALIMAT + 1, MAKS_KALIMAT)),
    "rekomendasi.serahkan.bukti": (
        lambda s: mod_rekomendasi.serahkan(s, rekomendasi_id=1, uraian="Sudah", bukti=["Daftar hadir", "x" * 201],
                                           oleh=pengguna(s, peran="kasi_pem")),
        lambda s: _pesan("Bukti tindak lanjut", 201, 200)),
    "rekomendasi.periksa.alasan": (
        lambda s: mod_rekomendasi.periksa(s, rekomendasi_id=1, terima=False, oleh=pengguna(s, peran="sekcam"),
                                          alasan=PANJANG),
        lambda s: _pesan("Alasan pengembalian", MAKS_KALIMAT + 1, MAKS_KALIMAT)),
    "target.tetapkan.alasan": (
        lambda s: tetapkan_target(s, indikator_id=_ind(s).id, kecamatan_id=kantor(s).id, tahun=2025, nilai=12345.0,
                                  oleh=pengguna(s, peran="camat"), alasan=PANJANG),
        lambda s: _pesan(f"{_ind(s).kode} {_ind(s).nama}, target 2025: alasan perubahan target",
                         MAKS_KALIMAT + 1, MAKS_KALIMAT)),
    "target.hapus.alasan": (
        lambda s: hapus_target(s, Target(indikator_id=_ind(s).id, kecamatan_id=kantor(s).id, tahun=2025, triwulan=1,
                                         nilai=1.0), oleh=pengguna(s, peran="camat"), alasan=PANJANG),
        lambda s: _pesan(f"{_ind(s).kode} {_ind(s).nama}, target triwulan I 2025: alasan penghapusan target",
                         MAKS_KALIMAT + 1, MAKS_KALIMAT)),
    "katalog.cari": (
        lambda s: daftar_sop(s, cari="x" * 201),
        lambda s: _pesan("Teks pencarian", 201, 200)),
}


@pytest.mark.parametrize("kasus", sorted(KASUS))
def test_an_over_long_text_is_refused_with_its_message_and_nothing_is_written(demo, kasus):
    tulis, pesan = KASUS[kasus]
    with session_scope(demo) as s:
        diharapkan = pesan(s)
    sebelum = sidik_basis_data(demo)
    with pytest.raises(Ditolak) as e, session_scope(demo) as s:
        tulis(s)
    assert str(e.value) == diharapkan
    assert sidik_basis_data(demo) == sebelum
