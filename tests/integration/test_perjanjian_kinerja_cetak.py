"""The Perjanjian Kinerja as PDF and Word at /cetak/pk/<kecamatan_id>/<tahun>.pdf|.docx, opened back with pypdf and
python-docx: the Camat's and the Bupati's names, every IKU of the year with its target, the programs and pagu of
each sasaran with the total; a lower PK; a perubahan keeping the first; who may print."""
from __future__ import annotations

import io
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import docx
import pytest
from pypdf import PdfReader

from models.db import session_scope
from models.kinerja.iku import iku_kantor, tetapkan_target
from models.perencanaan.perjanjian_kinerja import buat_perubahan, pk_terakhir, tambah_indikator
from models.tables import Anggaran, AuditLog, Kabupaten
from models.umum import periode
from models.umum.angka import tulis_target
from tests.conftest import masuk
from tests.fabrik import kantor, pengguna, perjanjian

WIB = ZoneInfo("Asia/Jakarta")
BUPATI = "Drs. H. M. Sanusi, M.M."


@pytest.fixture(autouse=True)
def _hari_ini():
    periode.atur_hari_ini(date(2027, 2, 15))
    yield
    periode.atur_hari_ini(None)


def _pdf(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)


def _docx(data: bytes) -> str:
    d = docx.Document(io.BytesIO(data))
    teks = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            teks.extend(c.text for c in row.cells)
    return " ".join(" ".join(teks).split())


@pytest.fixture
def karangploso(demo, tmp_path):
    """Karangploso's 2027: targets 80, 81, 82 for its IKU, a DPA of two programs for the first sasaran and one for
    the second, the Bupati's name set, and the Camat's PK signed on 20 January 2027."""
    with session_scope(demo) as s:
        kec = kantor(s, nama="Karangploso")
        camat = pengguna(s, peran="camat", kecamatan="Karangploso")
        camat.nip = "197001012000031001"
        s.add(camat)
        kab = s.get(Kabupaten, kec.kabupaten_id)
        kab.bupati_nama = BUPATI
        s.add(kab)
        iku = iku_kantor(s, kec.id)
        for n, ind in enumerate(iku):
            tetapkan_target(s, indikator_id=ind.id, kecamatan_id=kec.id, tahun=2027, nilai=80 + n, oleh=camat,
                            alasan="Perjanjian Kinerja 2027")
        for kode, program, pagu, ind in (("7.01.01", "Program Penunjang Urusan Pemerintahan", 150_000_000, iku[0]),
                                         ("7.01.02", "Program Penyelenggaraan Pemerintahan", 45_500_000, iku[0]),
                                         ("7.01.03", "Program Pemberdayaan Masyarakat Desa", 30_250_000, iku[1])):
            s.add(Anggaran(kecamatan_id=kec.id, tahun=2027, kode_program=kode, program=program,
                           kode_kegiatan=kode + ".1", kegiatan="Kegiatan", kode_sub_kegiatan=kode + ".1.01",
                           sub_kegiatan="Sub kegiatan", sasaran=ind.sasaran, pagu=pagu))
        s.flush()
        perjanjian(s, kecamatan="Karangploso", tahun=2027, pada=datetime(2027, 1, 20, 10, tzinfo=WIB),
                   folder=tmp_path)
        hasil = {"id": kec.id, "camat": camat.nama,
                 "iku": [(i.kode, i.nama, i.sasaran, 80 + n, i.satuan) for n, i in enumerate(iku)]}
    return hasil


def test_the_pdf_and_the_word_file_hold_both_names_every_iku_with_its_target_and_the_programs(client, karangploso):
    masuk(client, "camat.karangploso")
    for jenis, baca in (("pdf", _pdf), ("docx", _docx)):
        r = client.get(f"/cetak/pk/{karangploso['id']}/2027.{jenis}")
        assert r.status_code == 200, r.get_data(as_text=True)
        teks = baca(r.data)
        assert "PERJANJIAN KINERJA TAHUN 2027" in teks
        assert "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel" in teks
        assert karangploso["camat"] in teks and BUPATI in teks
        assert "NIP. 19700101 200003 1 001" in teks
        assert "Karangploso, 20 Januari 2027" in teks
        assert "DRAF" not in teks
        for kode, nama, _sasaran, target, satuan in karangploso["iku"]:
            assert re.search(re.escape(f"{kode} {nama}") + r".{0,80}?" + re.escape(tulis_target(target, satuan)),
                             teks, re.S), (kode, jenis)
        for program, pagu in (("7.01.01 Program Penunjang Urusan Pemerintahan", "150.000.000"),
                              ("7.01.02 Program Penyelenggaraan Pemerintahan", "45.500.000"),
                              ("7.01.03 Program Pemberdayaan Masyarakat Desa", "30.250.000")):
            assert re.search(re.escape(program) + r".{0,10}?" + re.escape(pagu), teks), (program, jenis)
        assert re.search(r"Jumlah.{0,5}225\.750\.000", teks), jenis
        sasaran = karangploso["iku"][0][2]
        assert sasaran in teks
        assert teks.count("PIHAK PERTAMA") == 2 and teks.count("PIHAK KEDUA") == 2  # statement and attachment


def test_a_lower_pk_and_a_perubahan_print_their_own_content_and_the_first_stays(client, demo, karangploso, tmp_path):
    with session_scope(demo) as s:
        sekcam = pengguna(s, peran="sekcam", kecamatan="Karangploso")
        kec = karangploso["id"]
        tambah_indikator(s, kecamatan_id=kec, tahun=2027, role_kode="kasi_pem", indikator_id=iku_kantor(s, kec)[0].id,
                         nama="Persentase desa tertib administrasi", satuan="%", target="92,5", oleh=sekcam)
        kasi = pengguna(s, peran="kasi_pem", kecamatan="Karangploso").nama
        pk = pk_terakhir(s, kec, 2027, "camat")
        buat_perubahan(s, pk_id=pk.id, alasan="Perubahan DPA setelah APBD Perubahan",
                       oleh=pengguna(s, peran="camat", kecamatan="Karangploso"))
        ind = iku_kantor(s, kec)[0]
        tetapkan_target(s, indikator_id=ind.id, kecamatan_id=kec, tahun=2027, nilai=70, alasan="APBD-P",
                        oleh=sekcam)
    masuk(client, "kabupaten.malang")
    teks = _pdf(client.get(f"/cetak/pk/{kec}/2027.pdf?role=kasi_pem").data)
    assert kasi in teks and karangploso["camat"] in teks and BUPATI not in teks
    assert "Persentase desa tertib administrasi" in teks and "92,5%" in teks and "DRAF" in teks
    baru = _docx(client.get(f"/cetak/pk/{kec}/2027.docx").data)
    assert "PERJANJIAN KINERJA TAHUN 2027 (PERUBAHAN KE-1)" in baru and "DRAF" in baru
    assert "Perubahan DPA setelah APBD Perubahan" in baru and "70%" in baru
    lama = _docx(client.get(f"/cetak/pk/{kec}/2027.docx?perubahan=0").data)
    assert "(PERUBAHAN" not in lama and "DRAF" not in lama
    kode, nama, *_ = karangploso["iku"][0]
    assert f"{kode} {nama} 80%" in lama
    r = client.get(f"/cetak/pk/{kec}/2027.pdf?perubahan=5")
    assert r.status_code == 400 and "Perjanjian Kinerja Camat 2027 (perubahan ke-5) tidak ada." in r.get_data(
        as_text=True)
    r = client.get(f"/cetak/pk/{kec}/2027.pdf?role=staf")
    assert r.status_code == 400 and "Pihak pertama harus salah satu dari" in r.get_data(as_text=True)


def test_the_bupatis_name_not_yet_set_is_said_so(client, demo):
    with session_scope(demo) as s:
        kec = kantor(s, nama="Kalipare")
        s.get(Kabupaten, kec.kabupaten_id).bupati_nama = None  # the demo names one
        kec = kec.id
    masuk(client, "camat.kalipare")
    teks = _pdf(client.get(f"/cetak/pk/{kec}/2027.pdf").data)
    assert "(nama Bupati belum ditetapkan)" in teks and "DRAF" in teks


@pytest.mark.parametrize("username", ["camat.kalipare", "kabupaten.tanjungjabungbarat"])
def test_another_offices_users_may_not_print_it(client, demo, karangploso, username):
    masuk(client, username)
    for jenis in ("pdf", "docx"):
        r = client.get(f"/cetak/pk/{karangploso['id']}/2027.{jenis}")
        assert r.status_code == 403 and "Karangploso" not in r.get_data(as_text=True)
    with session_scope(demo) as s:
        assert s.exec(AuditLog.__table__.select().where(AuditLog.aksi == "akses.ditolak")).all()
