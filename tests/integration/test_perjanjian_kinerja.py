"""Perjanjian Kinerja: the Camat's with the Bupati and the lower ones with the Camat, signed with a scan (directly,
or through the office's SOP for it), frozen at signing, revised by a PK perubahan; the SAKIP calendar counts the
year's PK only once the Camat's is signed; Rencana Aksi kegiatan per IKU and quarter.

Karangploso has no SOP for the PK (the Camat signs on the page); Poncokusumo has the demo's "Penyusunan Perjanjian
Kinerja" (Staf, Kasubag Evapor, Sekcam deciding, Camat). The PK of 2027 opens 1 December 2026 and is due 31 January
2027.
"""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from sqlalchemy import event
from sqlmodel import col, func, select

from models.dasbor.kueri import Saringan
from models.dasbor.perbandingan import kepatuhan
from models.db import session_scope
from models.kinerja.iku import iku_kantor, tetapkan_target
from models.perencanaan.kalender_sakip import kewajiban_banyak, kewajiban_kantor
from models.perencanaan.pekerjaan import batalkan, daftar_berjalan, mulai_pekerjaan, revisi_berlaku
from models.perencanaan.perjanjian_kinerja import (
    PEMILIK_SCAN,
    buat_draf,
    buat_perubahan,
    daftar_pk,
    eksekusi_pk,
    hapus_indikator,
    hapus_rencana_aksi,
    indikator_pk,
    isi_pk,
    mulai_sop,
    pohon,
    rencana_aksi,
    simpan_rencana_aksi,
    sop_pk,
    tambah_indikator,
    tandatangani,
    tindakan_pk,
    ubah_indikator,
)
from models.sop.alur import catatan_terbuka, putuskan, selesaikan, urutan_pelaksana
from models.tables import (
    Anggaran,
    AuditLog,
    IndikatorPk,
    Kabupaten,
    Lampiran,
    PerjanjianKinerja,
    RencanaAksi,
    Target,
)
from models.umum import periode
from models.umum.penolakan import Ditolak
from models.umum.status import StatusEksekusi, StatusPerjanjian
from tests.fabrik import PDF_TTD, kantor, pengguna, perjanjian

WIB = ZoneInfo("Asia/Jakarta")
TAHUN = 2027


def _wib(y, m, d, hh=10, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=WIB)


@pytest.fixture(autouse=True)
def _hari_ini():
    periode.atur_hari_ini(date(2027, 2, 15))
    yield
    periode.atur_hari_ini(None)


def _siapkan(s, nama: str, *, bupati: str | None = "Drs. H. M. Sanusi, M.M.") -> int:
    """The office's IKU with 2027 targets, its DPA with programs per sasaran, the Bupati's name."""
    kec = kantor(s, nama=nama)
    evapor = pengguna(s, peran="kasubag_evapor", kecamatan=nama)
    for n, ind in enumerate(iku_kantor(s, kec.id)):
        tetapkan_target(s, indikator_id=ind.id, kecamatan_id=kec.id, tahun=TAHUN, nilai=80 + n, oleh=evapor,
                        alasan="Perjanjian Kinerja 2027", pada=_wib(2027, 1, 5))
    kab = s.get(Kabupaten, kec.kabupaten_id)
    kab.bupati_nama = bupati
    s.add(kab)
    iku = iku_kantor(s, kec.id)
    for n, ind in enumerate(iku):
        s.add(Anggaran(kecamatan_id=kec.id, tahun=TAHUN, kode_program=f"7.01.0{n + 1}",
                       program=f"Program Uji {n + 1}", kode_kegiatan=f"7.01.0{n + 1}.1", kegiatan="Kegiatan",
                       kode_sub_kegiatan=f"7.01.0{n + 1}.1.01", sub_kegiatan="Sub", sasaran=ind.sasaran,
                       pagu=(n + 1) * 1_000_000))
    s.flush()
    return kec.id


def _jumlah(s, model, *kondisi) -> int:
    q = select(func.count()).select_from(model)
    for k in kondisi:
        q = q.where(k)
    return s.exec(q).one()


def _pk_kalender(s, kec_id: int, hari: date):
    return next(k for k in kewajiban_kantor(s, kec_id, hari_ini=hari, tahun=TAHUN)
                if k.kewajiban == "perjanjian_kinerja")


def test_the_camat_signs_directly_where_there_is_no_sop_and_the_content_freezes(demo, tmp_path):
    with session_scope(demo) as s:
        kec = _siapkan(s, "Karangploso")
        camat = pengguna(s, peran="camat", kecamatan="Karangploso")
        pk = buat_draf(s, kecamatan_id=kec, tahun=TAHUN, role_kode="camat", oleh=camat)
        assert [t.aksi for t in tindakan_pk(s, pk, camat) if t.boleh] == ["tandatangani"]
        tandatangani(s, pk_id=pk.id, nama_berkas="PK 2027.pdf", data=PDF_TTD, tanggal="20 Januari 2027",
                     oleh=camat, folder=tmp_path, pada=_wib(2027, 1, 20))
        pk_id = pk.id
    with session_scope(demo) as s:
        pk = s.get(PerjanjianKinerja, pk_id)
        assert (pk.status, pk.tanggal, pk.ditandatangani_oleh) == (StatusPerjanjian.DITANDATANGANI,
                                                                   date(2027, 1, 20), camat.id)
        isi = pk.isi
        assert isi["pihak_kedua"]["nama"] == "Drs. H. M. Sanusi, M.M."
        assert isi["pihak_pertama"]["nama"] == camat.nama
        kode = [i["kode"] for sas in isi["sasaran"] for i in sas["indikator"]]
        assert kode == [i.kode for i in iku_kantor(s, kec)]
        assert isi["total_pagu"] == sum(p["pagu"] for sas in isi["sasaran"] for p in sas["program"]) > 0
        scan = s.exec(select(Lampiran).where(Lampiran.pemilik_jenis == PEMILIK_SCAN)).one()
        assert (scan.pemilik_id, scan.nama_berkas) == (pk_id, "PK_2027.pdf")
        assert (tmp_path / scan.lokasi).read_bytes() == PDF_TTD
        log = s.exec(select(AuditLog).where(AuditLog.aksi == "perjanjian_kinerja.tandatangani")).one()
        assert log.sesudah["tanggal"] == "2027-01-20"
        # A target changed afterwards does not change what was signed.
        ind = iku_kantor(s, kec)[0]
        tetapkan_target(s, indikator_id=ind.id, kecamatan_id=kec, tahun=TAHUN, nilai=99, alasan="uji",
                        oleh=pengguna(s, peran="camat", kecamatan="Karangploso"))
        assert isi_pk(s, pk)["sasaran"][0]["indikator"][0]["target"] == 80
        k = _pk_kalender(s, kec, date(2027, 2, 15))
        assert (k.status, k.selesai_pada.replace(tzinfo=None), k.dasar, k.sop) == (
            "selesai", _wib(2027, 1, 20).astimezone(ZoneInfo("UTC")).replace(tzinfo=None), "perjanjian", None)


@pytest.mark.parametrize("peran, kantor_pengguna, berkas, data, tanggal, pesan", [
    ("staf", "Karangploso", "pk.pdf", PDF_TTD, "2027-01-20",
     "Perjanjian Kinerja Camat hanya ditandatangani oleh Camat."),
    ("sekcam", "Karangploso", "pk.pdf", PDF_TTD, "2027-01-20",
     "Perjanjian Kinerja Camat hanya ditandatangani oleh Camat."),
    ("camat", "Poncokusumo", "pk.pdf", PDF_TTD, "2027-01-20",
     "Hanya Camat kecamatan ini yang dapat menandatangani Perjanjian Kinerjanya."),
    ("camat", "Karangploso", "", b"", "2027-01-20",
     "Lampirkan scan Perjanjian Kinerja yang sudah ditandatangani (PDF, JPG atau PNG)."),
    ("camat", "Karangploso", "pk.docx", b"PK\x03\x04isi", "2027-01-20",
     "pk.docx: scan Perjanjian Kinerja harus berupa PDF, JPG atau PNG."),
    ("camat", "Karangploso", "pk.pdf", b"bukan pdf", "2027-01-20",
     "pk.pdf: isi berkas tidak sesuai dengan jenisnya (.pdf)."),
    ("camat", "Karangploso", "pk.pdf", PDF_TTD, "", "Tanggal penandatanganan wajib diisi."),
    ("camat", "Karangploso", "pk.pdf", PDF_TTD, "kemarin",
     "Tanggal penandatanganan \"kemarin\" tidak dikenali; tulis mis. 15 Januari 2026."),
    ("camat", "Karangploso", "pk.pdf", PDF_TTD, "2027-03-01", "Tanggal penandatanganan tidak boleh setelah hari ini."),
    ("camat", "Karangploso", "pk.pdf", PDF_TTD, "2024-12-01",
     "Tanggal penandatanganan harus pada tahun 2026 atau 2027."),
])
def test_every_bad_signing_is_refused_with_its_message_and_writes_nothing(demo, tmp_path, peran, kantor_pengguna,
                                                                          berkas, data, tanggal, pesan):
    with session_scope(demo) as s:
        kec = _siapkan(s, "Karangploso")
        pk_id = buat_draf(s, kecamatan_id=kec, tahun=TAHUN, role_kode="camat",
                          oleh=pengguna(s, peran="camat", kecamatan="Karangploso")).id
    with session_scope(demo) as s:
        oleh = pengguna(s, peran=peran, kecamatan=kantor_pengguna)
        audit = _jumlah(s, AuditLog)
    with pytest.raises(Ditolak) as e, session_scope(demo) as s:
        tandatangani(s, pk_id=pk_id, nama_berkas=berkas, data=data, tanggal=tanggal, oleh=oleh,
                     folder=tmp_path / "unggah")
    assert str(e.value) == pesan
    assert (e.value.aksi, e.value.objek_id) == ("perjanjian_kinerja.tandatangani", pk_id)
    with session_scope(demo) as s:
        assert s.get(PerjanjianKinerja, pk_id).status == StatusPerjanjian.DRAF
        assert _jumlah(s, Lampiran) == 0 and _jumlah(s, AuditLog) == audit
    assert not (tmp_path / "unggah").exists() or not any((tmp_path / "unggah").rglob("*.*"))


def test_a_pk_is_not_signed_while_an_iku_has_no_target_or_a_lower_pk_has_no_indicator(demo, tmp_path):
    with session_scope(demo) as s:
        kec = kantor(s, nama="Karangploso").id
        camat = pengguna(s, peran="camat", kecamatan="Karangploso")
        pk = buat_draf(s, kecamatan_id=kec, tahun=2028, role_kode="camat", oleh=camat)
        kode = ", ".join(i.kode for i in iku_kantor(s, kec))
        with pytest.raises(Ditolak, match=f"IKU {kode} belum memiliki target tahun 2028; tetapkan di halaman IKU"):
            tandatangani(s, pk_id=pk.id, nama_berkas="pk.pdf", data=PDF_TTD, tanggal="2027-01-20", oleh=camat,
                         folder=tmp_path)
        bawah = buat_draf(s, kecamatan_id=kec, tahun=2028, role_kode="kasi_pem", oleh=camat)
        with pytest.raises(Ditolak, match="^Perjanjian Kinerja Kasi Pemerintahan belum memiliki indikator.$"):
            tandatangani(s, pk_id=bawah.id, nama_berkas="pk.pdf", data=PDF_TTD, tanggal="2027-01-20", oleh=camat,
                         folder=tmp_path)


def test_lower_indicators_are_kept_by_the_camat_or_sekcam_checked_audited_and_form_the_cascade(demo, tmp_path):
    with session_scope(demo) as s:
        kec = _siapkan(s, "Karangploso")
        sekcam = pengguna(s, peran="sekcam", kecamatan="Karangploso")
        iku = iku_kantor(s, kec)
        ip = tambah_indikator(s, kecamatan_id=kec, tahun=TAHUN, role_kode="kasi_pem", indikator_id=iku[1].id,
                              nama="  Persentase   desa tertib administrasi ", satuan="%", target="92,5", oleh=sekcam)
        assert (ip.nama, ip.target, ip.urutan) == ("Persentase desa tertib administrasi", 92.5, 1)
        tambah_indikator(s, kecamatan_id=kec, tahun=TAHUN, role_kode="sekcam", indikator_id=iku[0].id,
                         nama="Dokumen perencanaan tepat waktu", satuan="dokumen", target="4", oleh=sekcam)
        lain = iku_kantor(s, kantor(s, nama="Muara Papalik").id)[0]
        salah = [
            (dict(role_kode="kasi_pem", indikator_id=iku[0].id, nama="X", target="abc"),
             "Target \"abc\" bukan angka; tulis mis. 90 atau 12,5."),
            (dict(role_kode="kasi_pem", indikator_id=iku[0].id, nama="X", target=""),
             "Target \"\" bukan angka; tulis mis. 90 atau 12,5."),
            (dict(role_kode="kasi_pem", indikator_id=iku[0].id, nama="X", target="-1"), "Target tidak boleh negatif."),
            (dict(role_kode="kasi_pem", indikator_id=iku[0].id, nama="  ", target="1"), "Nama indikator wajib diisi."),
            (dict(role_kode="kasi_pem", indikator_id=lain.id, nama="X", target="1"),
             "IKU yang dipilih bukan IKU kecamatan ini."),
            (dict(role_kode="kasi_pem", indikator_id=None, nama="X", target="1"),
             "Pilih IKU Camat yang didukung indikator ini."),
            (dict(role_kode="camat", indikator_id=iku[0].id, nama="X", target="1"),
             "Pihak pertama harus salah satu dari: Sekretaris Camat, Kasi Ekonomi dan Pembangunan, Kasi "
             "Pemerintahan, Kasi Ketentraman dan Ketertiban."),
        ]
        for isian, pesan in salah:
            with pytest.raises(Ditolak) as e:
                tambah_indikator(s, kecamatan_id=kec, tahun=TAHUN, satuan="%", oleh=sekcam, **isian)
            assert str(e.value) == pesan
        for peran, kantor_ in (("kasi_pem", "Karangploso"), ("staf", "Karangploso"), ("sekcam", "Kalipare")):
            with pytest.raises(Ditolak, match="^Hanya Camat atau Sekretaris Camat kecamatan ini yang dapat mengatur"):
                tambah_indikator(s, kecamatan_id=kec, tahun=TAHUN, role_kode="kasi_pem", indikator_id=iku[0].id,
                                 nama="X", satuan="%", target="1", oleh=pengguna(s, peran=peran, kecamatan=kantor_))
        assert _jumlah(s, IndikatorPk) == 2
        ubah_indikator(s, indikator_pk_id=ip.id, indikator_id=iku[0].id, nama="Desa tertib", satuan="%",
                       target="95", oleh=sekcam)
        simpul = {sas.sasaran: {si.indikator.kode: [(b.role_kode, b.nama) for b in si.bawah] for si in sas.iku}
                  for sas in pohon(s, kec, TAHUN)}
        assert simpul[iku[0].sasaran][iku[0].kode] == [("sekcam", "Dokumen perencanaan tepat waktu"),
                                                       ("kasi_pem", "Desa tertib")]
        perjanjian(s, kecamatan="Karangploso", tahun=TAHUN, pada=_wib(2027, 1, 22), folder=tmp_path, role="kasi_pem")
        with pytest.raises(Ditolak, match="sudah ditandatangani; buat PK perubahan lebih dulu"):
            hapus_indikator(s, indikator_pk_id=ip.id, oleh=sekcam)
        sekcam_ip = indikator_pk(s, kec, TAHUN, "sekcam")[0]
        hapus_indikator(s, indikator_pk_id=sekcam_ip.id, oleh=sekcam)
        aksi = list(s.exec(select(AuditLog.aksi).where(col(AuditLog.aksi).like("indikator_pk.%"))).all())
        assert sorted(aksi) == ["indikator_pk.hapus", "indikator_pk.tambah", "indikator_pk.tambah",
                                "indikator_pk.ubah"]
        kasi = next(p for p in daftar_pk(s, kec, TAHUN) if p.role_kode == "kasi_pem")
        assert kasi.isi["pihak_kedua"]["nama"] == pengguna(s, peran="camat", kecamatan="Karangploso").nama
        assert [i["nama"] for sas in kasi.isi["sasaran"] for i in sas["indikator"]] == ["Desa tertib"]


def test_where_the_office_has_the_sop_the_pk_is_signed_at_its_last_step(demo, tmp_path):
    with session_scope(demo) as s:
        kec = _siapkan(s, "Poncokusumo")
        camat = pengguna(s, peran="camat")
        pk = buat_draf(s, kecamatan_id=kec, tahun=TAHUN, role_kode="camat", oleh=camat)
        with pytest.raises(Ditolak, match="^Kecamatan ini menyusun Perjanjian Kinerja melalui Penyusunan Perjanjian "
                                          "Kinerja: mulai SOP-nya lebih dulu"):
            tandatangani(s, pk_id=pk.id, nama_berkas="pk.pdf", data=PDF_TTD, tanggal="2027-01-20", oleh=camat,
                         folder=tmp_path)
        with pytest.raises(Ditolak, match="dimulai oleh pelaksana langkah pertamanya atau Camat"):
            mulai_sop(s, kecamatan_id=kec, tahun=TAHUN, oleh=pengguna(s, peran="kasi_pem"))
        eks = mulai_sop(s, kecamatan_id=kec, tahun=TAHUN, oleh=pengguna(s, peran="staf"), pada=_wib(2027, 1, 6, 8))
        assert (eks.subjek_jenis, eks.subjek_id, eks.judul) == ("perjanjian_kinerja", pk.id,
                                                                "Perjanjian Kinerja Camat 2027")
        with pytest.raises(Ditolak, match="sudah berjalan"):
            mulai_sop(s, kecamatan_id=kec, tahun=TAHUN, oleh=camat)
        assert _pk_kalender(s, kec, date(2027, 1, 10)).status == "berjalan"
        for peran, jam in (("staf", 9), ("kasubag_evapor", 10)):
            rec = catatan_terbuka(s, eks.id)
            selesaikan(s, catatan_id=rec.id, oleh=pengguna(s, peran=peran), pada=_wib(2027, 1, 6, jam))
        with pytest.raises(Ditolak, match="belum sampai pada langkah terakhirnya"):
            tandatangani(s, pk_id=pk.id, nama_berkas="pk.pdf", data=PDF_TTD, tanggal="2027-01-20", oleh=camat,
                         folder=tmp_path)
        rec = catatan_terbuka(s, eks.id)
        putuskan(s, catatan_id=rec.id, setuju=True, oleh=pengguna(s, peran="sekcam"), pada=_wib(2027, 1, 7))
        rec = catatan_terbuka(s, eks.id)
        # The last step closes only with the signing, not on Persetujuan.
        with pytest.raises(Ditolak, match="^Langkah terakhir selesai ketika scan Perjanjian Kinerja"):
            selesaikan(s, catatan_id=rec.id, oleh=camat, pada=_wib(2027, 1, 8))
        tandatangani(s, pk_id=pk.id, nama_berkas="pk.pdf", data=PDF_TTD, tanggal="2027-01-08", oleh=camat,
                     folder=tmp_path, pada=_wib(2027, 1, 8, 14))
        s.refresh(eks)
        assert eks.status == StatusEksekusi.SELESAI and pk.eksekusi_id == eks.id
        k = _pk_kalender(s, kec, date(2027, 2, 15))
        assert (k.status, k.sop.nama, [e.id for e in k.eksekusi]) == ("selesai", "Penyusunan Perjanjian Kinerja",
                                                                      [eks.id])
        assert [e.id for e in eksekusi_pk(s, pk.id)] == [eks.id]


def test_the_calendar_counts_the_pk_only_once_signed_and_late_when_unsigned_past_due(demo, tmp_path):
    with session_scope(demo) as s:
        kec = _siapkan(s, "Karangploso")  # every IKU has its 2027 target: no longer enough
        assert _pk_kalender(s, kec, date(2027, 1, 10)).status == "belum_jatuh_tempo"
        assert _pk_kalender(s, kec, date(2027, 1, 25)).status == "segera"
        buat_draf(s, kecamatan_id=kec, tahun=TAHUN, role_kode="camat",
                  oleh=pengguna(s, peran="camat", kecamatan="Karangploso"))
        assert _pk_kalender(s, kec, date(2027, 1, 10)).status == "berjalan"
        k = _pk_kalender(s, kec, date(2027, 2, 1))
        assert (k.status, k.selesai_pada, k.dasar) == ("terlambat", None, "perjanjian")
        # A lower PK signed is not the office's PK.
        tambah_indikator(s, kecamatan_id=kec, tahun=TAHUN, role_kode="sekcam", indikator_id=iku_kantor(s, kec)[0].id,
                         nama="Dokumen", satuan="dokumen", target="2", oleh=pengguna(s, peran="camat",
                                                                                     kecamatan="Karangploso"))
        perjanjian(s, kecamatan="Karangploso", tahun=TAHUN, pada=_wib(2027, 1, 10), folder=tmp_path, role="sekcam")
        assert _pk_kalender(s, kec, date(2027, 2, 1)).status == "terlambat"
        perjanjian(s, kecamatan="Karangploso", tahun=TAHUN, pada=_wib(2027, 2, 3), folder=tmp_path)
        k = _pk_kalender(s, kec, date(2027, 2, 15))
        assert (k.status, k.selesai_pada.date()) == ("selesai_terlambat", date(2027, 2, 3))


def test_a_pk_perubahan_keeps_the_first_signed_one_and_the_calendar_its_date(demo, tmp_path):
    with session_scope(demo) as s:
        kec = _siapkan(s, "Karangploso")
        camat = pengguna(s, peran="camat", kecamatan="Karangploso")
        pertama = perjanjian(s, kecamatan="Karangploso", tahun=TAHUN, pada=_wib(2027, 1, 20), folder=tmp_path)
        isi_pertama = dict(pertama.isi)
        for alasan, pesan in (("", "Alasan PK perubahan wajib diisi, mis. \"Perubahan DPA setelah APBD Perubahan\"."),
                              ("x" * 1001, "Alasan paling panjang 1.000 karakter.")):
            with pytest.raises(Ditolak) as e:
                buat_perubahan(s, pk_id=pertama.id, alasan=alasan, oleh=camat)
            assert str(e.value) == pesan
        with pytest.raises(Ditolak, match="^Hanya Camat atau Sekretaris Camat"):
            buat_perubahan(s, pk_id=pertama.id, alasan="APBD-P", oleh=pengguna(s, peran="staf",
                                                                             kecamatan="Karangploso"))
        baru = buat_perubahan(s, pk_id=pertama.id, alasan="Perubahan DPA setelah APBD Perubahan", oleh=camat)
        assert (baru.perubahan_ke, baru.status, baru.alasan) == (1, StatusPerjanjian.DRAF,
                                                                 "Perubahan DPA setelah APBD Perubahan")
        with pytest.raises(Ditolak, match="belum ditandatangani; ubah drafnya"):
            buat_perubahan(s, pk_id=pertama.id, alasan="lagi", oleh=camat)
        ind = iku_kantor(s, kec)[0]
        tetapkan_target(s, indikator_id=ind.id, kecamatan_id=kec, tahun=TAHUN, nilai=70, alasan="APBD-P", oleh=camat)
        periode.atur_hari_ini(date(2027, 10, 1))
        perjanjian(s, kecamatan="Karangploso", tahun=TAHUN, pada=_wib(2027, 9, 10), folder=tmp_path)
        s.refresh(pertama)
        assert pertama.isi == isi_pertama and pertama.status == StatusPerjanjian.DITANDATANGANI
        assert isi_pk(s, baru)["sasaran"][0]["indikator"][0]["target"] == 70
        assert isi_pk(s, pertama)["sasaran"][0]["indikator"][0]["target"] == 80
        assert [(p.perubahan_ke, p.status) for p in daftar_pk(s, kec, TAHUN)] == [(0, "ditandatangani"),
                                                                                  (1, "ditandatangani")]
        k = _pk_kalender(s, kec, date(2027, 10, 1))
        assert (k.status, k.selesai_pada.date()) == ("selesai", date(2027, 1, 20))
        with pytest.raises(Ditolak, match="sudah ditandatangani; buat PK perubahan bila isinya berubah"):
            tandatangani(s, pk_id=pertama.id, nama_berkas="pk.pdf", data=PDF_TTD, tanggal="2027-01-20", oleh=camat,
                         folder=tmp_path)


def test_rencana_aksi_kegiatan_per_iku_and_quarter_checked_and_audited(demo):
    with session_scope(demo) as s:
        kec = _siapkan(s, "Karangploso")
        iku = iku_kantor(s, kec)
        evapor = pengguna(s, peran="kasubag_evapor", kecamatan="Karangploso")
        # The quarter's target is entered on IKU & Target (a Target row of the quarter); here it is only read.
        s.add(Target(indikator_id=iku[0].id, kecamatan_id=kec, tahun=TAHUN, triwulan=1, nilai=20))
        ra = simpan_rencana_aksi(s, kecamatan_id=kec, tahun=TAHUN, triwulan=1, indikator_id=iku[0].id,
                                 kegiatan="Rapat koordinasi Musrenbang desa", role_kode="kasi_ekbang", terlaksana="",
                                 oleh=evapor)
        salah = [
            (dict(triwulan=5), "Triwulan harus 1 sampai 4."),
            (dict(kegiatan="  "), "Kegiatan wajib diisi."),
            (dict(kegiatan="x" * 1001), "Kegiatan paling panjang 1.000 karakter."),
            (dict(role_kode="bupati"), "Pilih pelaksana kegiatan."),
            (dict(indikator_id=iku_kantor(s, kantor(s, nama="Kalipare").id)[0].id + 999),
             "IKU yang dipilih bukan IKU kecamatan ini."),
            (dict(tahun="2027"), "Tahun tidak sah."),
        ]
        dasar = dict(kecamatan_id=kec, tahun=TAHUN, triwulan=2, indikator_id=iku[0].id, kegiatan="Sosialisasi",
                     role_kode="kasi_pem", terlaksana=None, oleh=evapor)
        for ubah, pesan in salah:
            with pytest.raises(Ditolak) as e:
                simpan_rencana_aksi(s, **{**dasar, **ubah})
            assert str(e.value) == pesan
        kasi = pengguna(s, peran="kasi_ekbang", kecamatan="Karangploso")
        with pytest.raises(Ditolak, match="^Rencana Aksi diisi oleh Camat"):
            simpan_rencana_aksi(s, **{**dasar, "oleh": kasi})
        with pytest.raises(Ditolak, match="^Pelaksana kegiatan hanya mengisi yang terlaksana"):
            simpan_rencana_aksi(s, **{**dasar, "triwulan": 1, "oleh": kasi, "rencana_id": ra.id})
        simpan_rencana_aksi(s, kecamatan_id=kec, tahun=TAHUN, triwulan=1, indikator_id=iku[0].id,
                            kegiatan="Rapat koordinasi Musrenbang desa", role_kode="kasi_ekbang",
                            terlaksana="Rapat 12 Maret, 14 desa hadir", oleh=kasi, rencana_id=ra.id)
        assert _jumlah(s, RencanaAksi) == 1
        baris = {(b.indikator.kode, b.triwulan): b for b in rencana_aksi(s, kec, TAHUN)}
        b = baris[(iku[0].kode, 1)]
        assert (b.target, baris[(iku[0].kode, 2)].target) == (20, None)
        assert [(k.kegiatan, k.role_kode, k.terlaksana) for k in b.kegiatan] == [
            ("Rapat koordinasi Musrenbang desa", "kasi_ekbang", "Rapat 12 Maret, 14 desa hadir")]
        with pytest.raises(Ditolak, match="^Rencana Aksi diisi oleh Camat"):
            hapus_rencana_aksi(s, rencana_id=ra.id, oleh=kasi)
        hapus_rencana_aksi(s, rencana_id=ra.id, oleh=evapor)
        aksi = sorted(s.exec(select(AuditLog.aksi).where(col(AuditLog.aksi).like("rencana_aksi.%"))).all())
        assert aksi == ["rencana_aksi.hapus", "rencana_aksi.tambah", "rencana_aksi.ubah"]


def test_the_demo_offices_have_the_sop_in_their_own_roles(demo):
    with session_scope(demo) as s:
        peran = {}
        for nama in ("Poncokusumo", "Muara Papalik", "Kalipare"):
            sop = sop_pk(s, kantor(s, nama=nama).id)
            peran[nama] = sop and [p.role_kode for p in urutan_pelaksana(s, revisi_berlaku(s, sop.id).id)]
        assert peran == {"Poncokusumo": ["staf", "kasubag_evapor", "sekcam", "camat"],
                         "Muara Papalik": ["analis_perencanaan", "kasubag_renkeu", "sekcam", "camat"],
                         "Kalipare": None}


def test_an_unsigned_pk_past_its_due_date_is_late_on_perbandingan_and_a_signed_one_is_not(demo, tmp_path):
    with session_scope(demo) as s:
        karang, kali = _siapkan(s, "Karangploso"), _siapkan(s, "Kalipare")
        buat_draf(s, kecamatan_id=karang, tahun=TAHUN, role_kode="camat",
                  oleh=pengguna(s, peran="camat", kecamatan="Karangploso"))
        perjanjian(s, kecamatan="Kalipare", tahun=TAHUN, pada=_wib(2027, 1, 25), folder=tmp_path)
        tabel, sel = kepatuhan(s, Saringan(kecamatan_ids=[karang, kali], kecamatan_id=None, tahun=TAHUN, triwulan=1),
                               hari_ini=date(2027, 2, 15))
        assert (sel[(karang, "perjanjian_kinerja")].teks, sel[(karang, "perjanjian_kinerja")].bermasalah) == (
            "Terlambat", True)
        assert (sel[(kali, "perjanjian_kinerja")].teks, sel[(kali, "perjanjian_kinerja")].bermasalah) == (
            "Selesai tepat waktu", False)
        assert "Perjanjian Kinerja" in [k.nama for k in tabel.kolom]


def test_demo_generate_writes_signed_pks_with_lower_indicators_rencana_aksi_and_a_demo_scan(engine, tmp_path,
                                                                                           monkeypatch):
    """History of 2025 and 2026 read on 6 December 2026: every office's PKs of both years signed (Poncokusumo's
    through its SOP), the lower PKs with their indicators, Rencana Aksi for every IKU and quarter; the calendar
    counts them."""
    from seed.riwayat import buat_riwayat

    monkeypatch.setenv("UPLOAD_DIR", str(tmp_path / "unggah"))
    periode.atur_hari_ini(date(2026, 12, 6))
    buat_riwayat(engine, kecamatan=3, tahun=2, seed=1, hari_ini=date(2026, 12, 6))
    with session_scope(engine) as s:
        ponco = kantor(s, nama="Poncokusumo").id
        for kec in (ponco, kantor(s, nama="Kalipare").id):
            for th in (2025, 2026):
                pk = {p.role_kode: p for p in daftar_pk(s, kec, th)}
                assert set(pk) == {"camat", "sekcam", "kasi_pem", "kasi_ekbang", "kasi_trantib"}
                assert all(p.status == StatusPerjanjian.DITANDATANGANI for p in pk.values())
                assert all(indikator_pk(s, kec, th, r) for r in pk if r != "camat")
                assert all(b.kegiatan for b in rencana_aksi(s, kec, th))
                k = _pk_kalender_tahun(s, kec, th)
                assert k.selesai_pada is not None
        runs = eksekusi_pk(s, next(p.id for p in daftar_pk(s, ponco, 2026) if p.role_kode == "camat"))
        assert [e.status for e in runs] == [StatusEksekusi.SELESAI] and runs[0].demo
        scan = s.exec(select(Lampiran).where(Lampiran.pemilik_jenis == PEMILIK_SCAN)).first()
        teks = " ".join(p.extract_text() for p in PdfReader(tmp_path / "unggah" / scan.lokasi).pages)
        assert "CONTOH DATA DEMO" in teks


def _pk_kalender_tahun(s, kec_id: int, tahun: int):
    return next(k for k in kewajiban_kantor(s, kec_id, hari_ini=date(2026, 12, 6), tahun=tahun)
                if k.kewajiban == "perjanjian_kinerja")


def test_the_calendar_of_many_offices_reads_the_pks_in_one_query_whatever_their_number(demo, tmp_path):
    with session_scope(demo) as s:
        semua = [kantor(s, nama=n).id for n in ("Poncokusumo", "Kalipare", "Karangploso")]
        for nama in ("Kalipare", "Karangploso"):
            _siapkan(s, nama)
            perjanjian(s, kecamatan=nama, tahun=TAHUN, pada=_wib(2027, 1, 20), folder=tmp_path)
    jumlah = {}
    for n in (1, 3):
        with session_scope(demo) as s:
            perintah: list[str] = []

            def hitung(_conn, _cursor, statement, *_args, perintah=perintah):
                perintah.append(statement)

            event.listen(demo, "before_cursor_execute", hitung)
            try:
                hasil = kewajiban_banyak(s, semua[:n], tahun=TAHUN, triwulan=1, hari_ini=date(2027, 2, 15))
            finally:
                event.remove(demo, "before_cursor_execute", hitung)
            jumlah[n] = (len(perintah), sum("perjanjiankinerja" in p.lower() for p in perintah))
            if n == 3:
                status = {k: next(w.status for w in v if w.kewajiban == "perjanjian_kinerja") for k, v in hasil.items()}
                assert status == {semua[0]: "terlambat", semua[1]: "selesai", semua[2]: "selesai"}
    assert jumlah[1] == jumlah[3] and jumlah[3][1] == 1


def test_the_pk_sop_runs_about_the_pk_and_pekerjaan_lists_and_cancels_it(demo):
    with session_scope(demo) as s:
        kec = _siapkan(s, "Poncokusumo")
        camat = pengguna(s, peran="camat")
        sop = sop_pk(s, kec)
        with pytest.raises(Ditolak) as e:
            mulai_pekerjaan(s, sop_id=sop.id, judul="PK 2027", tahun=TAHUN, triwulan=None, oleh=camat)
        assert str(e.value) == ("Penyusunan Perjanjian Kinerja dimulai untuk Perjanjian Kinerja Camat tahun itu, "
                                "dari halaman Perjanjian Kinerja.")
        eks = mulai_sop(s, kecamatan_id=kec, tahun=TAHUN, oleh=camat)
        assert [b.eksekusi.id for b in daftar_berjalan(s, kec)] == [eks.id]
        batalkan(s, eksekusi_id=eks.id, alasan="Menunggu DPA perubahan", oleh=camat)
        assert eks.status == StatusEksekusi.DIBATALKAN
        # a cancelled run leaves the PK a draft; a new run may start
        assert mulai_sop(s, kecamatan_id=kec, tahun=TAHUN, oleh=camat).subjek_id == eks.subjek_id
