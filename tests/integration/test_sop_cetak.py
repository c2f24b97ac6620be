"""An SOP printed in the PermenPAN-RB 35/2012 layout, as PDF and Word: every seed SOP written out as Word and read
back gives the same procedure and pelaksana; the files open with readers other than their writers; the routes check
which office may print which SOP."""
from __future__ import annotations

import io

from docx2python import docx2python
from pypdf import PdfReader
from sqlmodel import select

from models.db import session_scope
from models.sop.berkas import baca_berkas
from models.sop.cetak_sop import dari_detail, docx_sop, pdf_sop
from models.sop.durasi import tulis_waktu
from models.sop.nomor import nomor_langkah
from models.sop.register import detail_sop, impor_dokumen
from models.tables import Kecamatan, Sop, SopRevisi
from tests.conftest import keluar, masuk
from tests.fabrik import pengguna

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _langkah(detail) -> list[tuple]:
    """The steps; number and standard time as every page and the print write them ("1." is 1, "5" is 5 menit)."""
    return [(nomor_langkah(lk.no), lk.kegiatan, lk.kelengkapan, tulis_waktu(lk.waktu), lk.waktu_menit, lk.output,
             lk.keterangan, lk.keputusan, lk.kembali_ke, lk.pelaksana, lk.peran) for lk in detail.langkah]


def test_every_seed_sop_written_as_word_and_uploaded_again_gives_the_same_procedure_and_pelaksana(demo):
    with session_scope(demo) as s:
        sop_ids = s.exec(select(Sop.id).order_by(Sop.id)).all()
        assert len(sop_ids) == 17
        admin = pengguna(s, peran="admin")
        for sop_id in sop_ids:
            lama = detail_sop(s, sop_id)
            data = docx_sop(dari_detail(lama))
            (p,) = baca_berkas("cetak.docx", data)  # read as any uploaded Word file is
            rev = lama.revisi
            assert (p.kabupaten, p.kecamatan, p.nama, p.nomor) == (lama.kabupaten.nama, lama.kecamatan.nama,
                                                                  rev.nama, rev.nomor)
            assert (p.tanggal_pembuatan, p.tanggal_revisi, p.tanggal_efektif) == (
                rev.tanggal_pembuatan, rev.tanggal_revisi, rev.tanggal_efektif)
            assert p.disahkan_oleh == {"jabatan": rev.disahkan_jabatan, "nama": rev.disahkan_nama,
                                       "nip": rev.disahkan_nip}
            assert (p.dasar_hukum, p.kualifikasi_pelaksana, p.keterkaitan, p.peralatan) == (
                rev.dasar_hukum, rev.kualifikasi_pelaksana, rev.keterkaitan, rev.peralatan)
            assert (p.peringatan, p.pencatatan, p.pelaksana, p.total_menit) == (
                rev.peringatan, rev.pencatatan, rev.pelaksana, rev.total_menit)
            assert [lk.pelaksana_urut or lk.pelaksana_tanda for lk in p.langkah] == [
                lk.pelaksana for lk in lama.langkah], rev.nama
            # Uploaded again: a new revision whose steps, pelaksana, decisions and returns are the old ones.
            (hasil,) = impor_dokumen(s, [("cetak.docx", data)], oleh=admin)
            assert hasil.status == "revisi" and hasil.sop_id == sop_id, rev.nama
            baru = detail_sop(s, sop_id)
            assert baru.revisi.revisi_ke == rev.revisi_ke + 1
            assert _langkah(baru) == _langkah(lama), rev.nama
            assert {lk.sumber_pelaksana for lk in baru.langkah} == {"tanda"}


def test_the_printed_files_open_with_other_readers_and_hold_the_identity_and_every_step(demo):
    with session_scope(demo) as s:
        sop_id = s.exec(select(Sop.id).join(SopRevisi, SopRevisi.sop_id == Sop.id)
                        .where(SopRevisi.nama == "Pelaporan Kinerja")).one()
        detail = detail_sop(s, sop_id)
        isi = dari_detail(detail)
    pdf = PdfReader(io.BytesIO(pdf_sop(isi)))  # written by fpdf2, read by pypdf
    assert all(hal.mediabox.width > hal.mediabox.height for hal in pdf.pages)
    teks = " ".join(" ".join(hal.extract_text().split()) for hal in pdf.pages)
    for bagian in ("PEMERINTAH KABUPATEN MALANG", "KECAMATAN KARANGPLOSO", "Nomor SOP 070/ /421.632/2014",
                   "Tanggal Efektif 20 Desember 2014", "SUROTO, SH, MM", "NIP. 19610219 198103 1 007",
                   "Pelaksana", "Mutu Baku", "JUMLAH WAKTU PENYELESAIAN 2 hari 3 jam 15 menit"):
        assert bagian in teks, bagian
    assert all(lk.kegiatan.split()[0] in teks for lk in detail.langkah)
    with docx2python(io.BytesIO(docx_sop(isi))) as dok:  # written by python-docx, read by docx2python
        tabel = [t for t in dok.body if len(t) > 3]
        identitas, prosedur = tabel[0], tabel[1]
    sel = lambda t, b, k: " ".join(" ".join(t[b][k]).split())  # noqa: E731
    assert sel(identitas, 0, 2) == "070/ /421.632/2014" and sel(identitas, 5, 1) == "Pelaporan Kinerja"
    assert "SUROTO, SH, MM" in sel(identitas, 4, 2)
    kepala = [sel(prosedur, 1, k) for k in range(len(prosedur[1]))]
    assert kepala[2:2 + len(isi.pelaksana)] == isi.pelaksana
    assert [sel(prosedur, 2 + i, 1) for i in range(len(isi.langkah))] == [lk.kegiatan for lk in isi.langkah]
    assert [sel(prosedur, 2 + i, 3 + len(isi.pelaksana)) for i in range(len(isi.langkah))] == [
        lk.waktu for lk in isi.langkah]


def test_an_office_prints_its_own_sops_and_is_refused_another_office_s(demo, client):
    with session_scope(demo) as s:
        def sop_kantor(nama):
            return s.exec(select(Sop.id).join(Kecamatan, Kecamatan.id == Sop.kecamatan_id)
                          .where(Kecamatan.nama == nama).order_by(Sop.id)).first()
        kalipare, ponco, muara = sop_kantor("Kalipare"), sop_kantor("Poncokusumo"), sop_kantor("Muara Papalik")
    masuk(client, "camat.kalipare")
    r = client.get(f"/cetak/sop/{kalipare}.pdf")
    assert r.status_code == 200 and r.mimetype == "application/pdf"
    r = client.get(f"/cetak/sop/{kalipare}.docx")
    assert r.status_code == 200 and r.mimetype == DOCX
    assert r.headers["Content-Disposition"].startswith("attachment; filename=sop-kalipare-")
    assert client.get(f"/cetak/sop/{ponco}.pdf").status_code == 403
    assert client.get(f"/cetak/sop/{kalipare}.docx?revisi=9").status_code == 404
    keluar(client)
    masuk(client, "kabupaten.malang")
    assert client.get(f"/cetak/sop/{ponco}.docx").status_code == 200
    assert client.get(f"/cetak/sop/{muara}.pdf").status_code == 403  # another kabupaten's office
