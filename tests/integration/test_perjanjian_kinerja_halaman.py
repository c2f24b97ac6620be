"""The Perjanjian Kinerja page through its callbacks: what a person reads after each action, refusals audited and
writing nothing, a Staf refused by role, a kabupaten user reading an office of its own kabupaten only."""
from __future__ import annotations

import base64
from datetime import date

import pytest
from sqlmodel import func, select

from models.db import session_scope
from models.kinerja.iku import iku_kantor, tetapkan_target
from models.perencanaan.perjanjian_kinerja import eksekusi_pk, sop_pk
from models.tables import AuditLog, IndikatorPk, PerjanjianKinerja
from models.umum import periode
from tests.conftest import masuk
from tests.dash_util import daftar_callback, panggil, sidik_basis_data, teks_jawaban
from tests.fabrik import PDF_TTD, kantor, pengguna

DATA_PDF = "data:application/pdf;base64," + base64.b64encode(PDF_TTD).decode()


@pytest.fixture(autouse=True)
def _hari_ini():
    periode.atur_hari_ini(date(2027, 2, 15))
    yield
    periode.atur_hari_ini(None)


def _kunci(app, masukan: str) -> str:
    """The page's callback whose first input is the component `masukan` (not the filter's own, which reopens the
    page for the admin's kabupaten)."""
    return next(k for k, cb in daftar_callback(app).items()
                if cb["inputs"][0]["id"] == masukan and not k.startswith("_pages_location"))


def _ditolak(engine) -> int:
    with session_scope(engine) as s:
        return s.exec(select(func.count(AuditLog.id)).where(AuditLog.aksi == "aksi.ditolak")).one()


def test_the_camat_drafts_adds_an_indicator_and_signs_with_a_scan_on_the_page(client, app, demo):
    with session_scope(demo) as s:
        kec = kantor(s, nama="Karangploso").id
        camat = pengguna(s, peran="camat", kecamatan="Karangploso")
        for ind in iku_kantor(s, kec):
            tetapkan_target(s, indikator_id=ind.id, kecamatan_id=kec, tahun=2027, nilai=90, oleh=camat,
                            alasan="Perjanjian Kinerja 2027")
        iku = iku_kantor(s, kec)[0].id
    masuk(client, "camat.karangploso")
    client.get("/perjanjian-kinerja")
    r = panggil(client, app, _kunci(app, "pk-draf"), pihak="camat", tahun=2027, versi=0)
    assert "Draf Perjanjian Kinerja Camat 2027 siap." in teks_jawaban(r)
    simpan = _kunci(app, "pk-ip-simpan")
    sebelum, ditolak = sidik_basis_data(demo), _ditolak(demo)
    r = panggil(client, app, simpan, ip_id=None, pihak="kasi_pem", indikator_id=iku, nama="Desa tertib",
                satuan="%", target="abc", tahun=2027, versi=1)
    assert 'Target "abc" bukan angka; tulis mis. 90 atau 12,5.' in teks_jawaban(r)
    assert sidik_basis_data(demo) == sebelum and _ditolak(demo) == ditolak + 1
    r = panggil(client, app, simpan, ip_id=None, pihak="kasi_pem", indikator_id=iku, nama="Desa tertib",
                satuan="%", target="92,5", tahun=2027, versi=1)
    assert 'Indikator "Desa tertib" ditambahkan ke PK Kasi Pemerintahan.' in teks_jawaban(r)
    with session_scope(demo) as s:
        assert s.exec(select(IndikatorPk.target)).all() == [92.5]
        pk = s.exec(select(PerjanjianKinerja.id).where(PerjanjianKinerja.kecamatan_id == kec)).one()
    ttd = _kunci(app, "pk-ttd")
    sebelum, ditolak = sidik_basis_data(demo), _ditolak(demo)
    r = panggil(client, app, ttd, pk_id=pk, tanggal="2027-01-20", isi=None, nama=None, versi=2)
    assert "Lampirkan scan Perjanjian Kinerja yang sudah ditandatangani (PDF, JPG atau PNG)." in teks_jawaban(r)
    assert sidik_basis_data(demo) == sebelum and _ditolak(demo) == ditolak + 1
    r = panggil(client, app, ttd, pk_id=pk, tanggal="2027-01-20", isi=DATA_PDF, nama="pk.pdf", versi=2)
    assert "Perjanjian Kinerja Camat 2027 ditandatangani; scan dilampirkan." in teks_jawaban(r)
    tampil = _kunci(app, "perjanjian-kecamatan")
    teks = teks_jawaban(panggil(client, app, tampil, kecamatan=None, tahun=2027, versi=3))
    assert "Ditandatangani" in teks and "ditandatangani 20 Januari 2027" in teks and "Desa tertib" in teks


def test_a_staf_is_refused_by_role_and_another_office_by_scope(client, app, demo):
    with session_scope(demo) as s:
        kec = kantor(s, nama="Karangploso").id
        pk = PerjanjianKinerja(kecamatan_id=kec, tahun=2027, role_kode="camat")
        s.add(pk)
        s.flush()
        pk_id = pk.id
    ttd = _kunci(app, "pk-ttd")
    sebelum = sidik_basis_data(demo)
    masuk(client, "staf.karangploso")
    r = panggil(client, app, ttd, pk_id=pk_id, tanggal="2027-01-20", isi=DATA_PDF, nama="pk.pdf", versi=0)
    assert r.status_code == 403
    masuk(client, "camat.kalipare")
    r = panggil(client, app, ttd, pk_id=pk_id, tanggal="2027-01-20", isi=DATA_PDF, nama="pk.pdf", versi=0)
    assert r.status_code == 403
    masuk(client, "kabupaten.tanjungjabungbarat")
    tampil = _kunci(app, "perjanjian-kecamatan")
    assert panggil(client, app, tampil, kecamatan="Karangploso", tahun=2027, versi=0).status_code == 403
    masuk(client, "kabupaten.malang")
    teks = teks_jawaban(panggil(client, app, tampil, kecamatan="Karangploso", tahun=2027, versi=0))
    assert "Kecamatan Karangploso · Tahun 2027" in teks and "Draf" in teks
    assert sidik_basis_data(demo) == sebelum


def test_pekerjaan_starts_the_pk_sop_about_the_camats_pk(client, app, demo):
    with session_scope(demo) as s:
        sop = sop_pk(s, kantor(s).id).id
    masuk(client, "staf.poncokusumo")
    client.get("/pekerjaan")
    mulai = _kunci(app, "pekerjaan-mulai")
    r = panggil(client, app, mulai, sop_id=sop, judul="apa saja", tahun=2027, triwulan=2)
    assert "Perjanjian Kinerja dikerjakan tiap tahun: pilih Tahunan, bukan triwulan." in teks_jawaban(r)
    r = panggil(client, app, mulai, sop_id=sop, judul="apa saja", tahun=2027, triwulan=0)
    assert '"Perjanjian Kinerja Camat 2027" dimulai; langkah pertamanya menunggu di Persetujuan.' in teks_jawaban(r)
    with session_scope(demo) as s:
        pk = s.exec(select(PerjanjianKinerja).where(PerjanjianKinerja.tahun == 2027)).one()
        assert [e.subjek_jenis for e in eksekusi_pk(s, pk.id)] == ["perjanjian_kinerja"]
