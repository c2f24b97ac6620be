"""Uploading an SOP: the preview (pelaksana from the marks, problems named, the difference from the revision in
force), corrections, and a save that is all or nothing, audited, for the admin or the office's own Camat/Sekcam."""
from __future__ import annotations

import copy

import pytest
from sqlalchemy import event
from sqlmodel import select

from models.db import session_scope
from models.sop.berkas import baca_dokumen_banyak
from models.sop.dokumen import kunci_nama
from models.sop.register import detail_sop, prosedur_tersimpan
from models.sop.unggah import (
    PESAN_PERAN,
    Selisih,
    pratinjau,
    simpan,
)
from models.tables import AuditLog, Kecamatan, Sop, SopRevisi
from models.umum.penolakan import Ditolak
from seed import dokumen_seed, kurasi_pelaksana
from tests.dash_util import sidik_basis_data
from tests.docx_contoh import Tanda, tulis_docx
from tests.fabrik import kantor, pengguna

NAMA = "Pengumpulan Data Kinerja Indikator Partisipasi Delegasi Musrenbangcam"


def _kalipare(ubah_tanda=None, ubah_prosedur=None, **kw) -> bytes:
    """Kalipare's seed document as Word with its marks (the curated pelaksana), optionally changed."""
    teks = dokumen_seed()[0]
    kurasi = kurasi_pelaksana()
    isi = []
    for p in baca_dokumen_banyak([(teks.name, teks.read_text(encoding="utf-8"))]):
        tanda = [Tanda(x.pelaksana, bool(x.keputusan), x.kembali_ke)  # the returns written in the diamonds' alt text
                 for x in kurasi[("kalipare", kunci_nama(p.nama))]]
        if p.nama == NAMA:
            p = copy.deepcopy(p)
            tanda = ubah_tanda(tanda) if ubah_tanda else tanda
            p = ubah_prosedur(p) if ubah_prosedur else p
        isi.append((p, tanda))
    return tulis_docx(isi, **kw)


def test_the_admin_previews_a_changed_sop_corrects_a_step_and_saves_a_new_revision(demo):
    def pindah(tanda):  # the office gave step 6 to the Sekretaris
        return [*tanda[:5], Tanda(("Sekretaris",), False)]

    data = _kalipare(pindah)
    with session_scope(demo) as s:
        admin = pengguna(s, peran="admin")
        pr = pratinjau(s, data, "kalipare.docx", admin)
        assert pr.semua_masalah == [] and pr.bisa_disimpan
        assert [p.judul for p in pr.prosedur][0] == NAMA
        musren = pr.prosedur[0]
        assert musren.kecamatan == "Kalipare" and musren.revisi_berlaku == 1
        assert [(t.pelaksana, t.sumber) for t in musren.penetapan] == [
            (("Kasi Ekbang",), "tanda"), (("Kasi Ekbang",), "tanda"), (("Sub. Evapor",), "tanda"),
            (("Sub. Evapor",), "tanda"), (("Sekretaris", "Camat"), "tanda"), (("Sekretaris",), "tanda")]
        assert musren.selisih == [Selisih("ubah", "6", "6", musren.prosedur.langkah[5].kegiatan,
                                          ("pelaksana Sub. Evapor menjadi Sekretaris",))]
        assert all(p.selisih == [] for p in pr.prosedur[1:])  # the other two are as stored

        # The admin corrects step 2 to the Sub. Evapor; the difference says so too.
        pr = pratinjau(s, data, "kalipare.docx", admin, koreksi={(0, 2): ["Sub. Evapor"]})
        musren = pr.prosedur[0]
        assert musren.penetapan[1].pelaksana == ("Sub. Evapor",) and musren.penetapan[1].sumber == "koreksi"
        assert [x.kalimat for x in musren.selisih] == [
            "Langkah 2 diubah: pelaksana Kasi Ekbang menjadi Sub. Evapor",
            "Langkah 6 diubah: pelaksana Sub. Evapor menjadi Sekretaris"]
        hasil = simpan(s, pr, admin)
    assert [h.status for h in hasil] == ["revisi", "sama", "sama"]  # nothing differs in the other two
    with session_scope(demo) as s:
        sop_id = s.exec(select(Sop.id).join(Kecamatan, Kecamatan.id == Sop.kecamatan_id)
                        .where(Kecamatan.nama == "Kalipare").where(Sop.kunci == kunci_nama(NAMA))).one()
        d = detail_sop(s, sop_id)
        assert d.revisi.revisi_ke == 2 and len(d.revisi_lain) == 1 and not d.revisi_lain[0].berlaku
        assert [(lk.pelaksana, lk.sumber_pelaksana) for lk in d.langkah][1] == (["Sub. Evapor"], "koreksi")
        assert d.langkah[5].pelaksana == ["Sekretaris"] and d.langkah[5].peran == ["sekcam"]
        audit = s.exec(select(AuditLog).where(AuditLog.aksi == "sop.impor").order_by(AuditLog.id.desc())).first()
        assert audit.sesudah["cara"] == "unggah" and audit.sesudah["revisi_ke"] == 2


def test_steps_added_removed_and_retimed_are_listed_against_the_revision_in_force(demo):
    def ubah(p):
        p.langkah[1].waktu, p.langkah[1].waktu_menit = "30 Menit", 30
        hapus = p.langkah.pop(3)
        tambah = copy.deepcopy(p.langkah[-1])
        tambah.no, tambah.kegiatan = "6", "Mengarsipkan berkas data kinerja Musrenbangcam"
        p.langkah[-1].no = "5"
        p.langkah.append(tambah)
        p.total_menit = sum(lk.waktu_menit for lk in p.langkah)
        assert hapus.no == "4"
        return p

    def tanda(t):
        return [*t[:3], t[4], t[5], Tanda(("Sub. Evapor",), False)]

    with session_scope(demo) as s:
        pr = pratinjau(s, _kalipare(tanda, ubah), "kalipare.docx", pengguna(s, peran="camat", kecamatan="Kalipare"))
    musren = pr.prosedur[0]
    assert [x.kalimat for x in musren.selisih] == [
        "Langkah 2 diubah: waktu 15 menit menjadi 30 menit",
        "Langkah 4 dihapus: Melaporkan Hasil Pengumpulan Data Kinerja tersebut kepada Sekretaris Kecamatan (Sekcam)",
        "Langkah 6 ditambahkan: Mengarsipkan berkas data kinerja Musrenbangcam"]
    assert musren.selisih[0] == Selisih("ubah", "2", "2", musren.prosedur.langkah[1].kegiatan,
                                        ("waktu 15 menit menjadi 30 menit",))


def test_an_office_may_upload_its_own_sops_only_and_a_refused_upload_changes_nothing(demo):
    ponco = dokumen_seed()[1]  # Poncokusumo's SOPs, as text
    with session_scope(demo) as s:
        camat = pengguna(s, peran="camat", kecamatan="Kalipare")
        pr = pratinjau(s, ponco.read_bytes(), ponco.name, camat)
        assert not pr.bisa_disimpan
        assert pr.prosedur[0].masalah[0] == (
            f"baris {pr.prosedur[0].prosedur.baris}: dokumen menyebut Kecamatan Poncokusumo; Anda hanya dapat "
            "mengunggah SOP Kecamatan Kalipare.")
        sebelum = sidik_basis_data(demo)
        with pytest.raises(Ditolak) as e:
            simpan(s, pr, camat)
        assert str(e.value).startswith("Dokumen belum dapat disimpan: Penyusunan Renstra: baris ")
        assert str(e.value).endswith("Tidak ada yang disimpan.")
        for siapa in (dict(peran="staf", kecamatan="Kalipare"), dict(peran="kabupaten", kabupaten="Malang"),
                      dict(peran="kasubag_evapor", kecamatan="Kalipare")):
            with pytest.raises(Ditolak) as e:
                pratinjau(s, ponco.read_bytes(), ponco.name, pengguna(s, **siapa))
            assert str(e.value) == PESAN_PERAN
    assert sidik_basis_data(demo) == sebelum


def test_unknown_pelaksana_a_missing_office_and_a_broken_file_are_named(demo):
    with session_scope(demo) as s:
        admin = pengguna(s, peran="admin")
        def ganti_kolom(p):
            p.pelaksana = ["Juru Arsip" if x == "Sub. Evapor" else x for x in p.pelaksana]
            return p

        def ganti_tanda(tanda):
            return [Tanda(tuple("Juru Arsip" if x == "Sub. Evapor" else x for x in t.pelaksana), t.keputusan)
                    for t in tanda]

        asing = _kalipare(ganti_tanda, ganti_kolom)
        pr = pratinjau(s, asing, "asing.docx", admin)
        assert pr.prosedur[0].masalah == [
            'tabel 2 baris 1: pelaksana "Juru Arsip" belum dikenal; gunakan nama jabatan yang dikenal (mis. Camat, '
            "Sekretaris Camat, Kasubag Evapor, Kasi Pemerintahan) atau minta Admin menambahkan padanannya."]
        # A document without an identity block names no office: the admin chooses one.
        baru = copy.deepcopy(baca_dokumen_banyak([(dokumen_seed()[0].name, dokumen_seed()[0].read_text(
            encoding="utf-8"))])[0])
        baru.judul_tabel = "Prosedur Pengumpulan Data Kinerja Indikator Pelayanan Surat Pindah"
        baru.langkah[0].kegiatan = "Menyiapkan register surat pindah dan berita acaranya."
        tanpa = tulis_docx([(baru, None)], bentuk=None, identitas="tidak_ada")
        pr = pratinjau(s, tanpa, "tanpa.docx", admin)
        assert pr.prosedur[0].masalah == ["tabel 1 baris 1: dokumen tidak menyebut kecamatan dan kabupatennya; "
                                          "pilih kecamatan tujuan."]
        karang = kantor(s, nama="Karangploso")
        pr = pratinjau(s, tanpa, "tanpa.docx", admin, kecamatan_id=karang.id)
        assert pr.bisa_disimpan and pr.prosedur[0].selisih is None  # a new SOP for Karangploso
        assert pr.prosedur[0].judul == "Prosedur Pengumpulan Data Kinerja Indikator Pelayanan Surat Pindah"
        (hasil,) = simpan(s, pr, admin)
        assert hasil.status == "baru"
        assert s.get(Sop, hasil.sop_id).kecamatan_id == karang.id
        pr = pratinjau(s, b"PK\x03\x04 bukan zip", "rusak.docx", admin)
        assert pr.masalah == ["rusak.docx: berkas bukan dokumen Word (.docx) yang utuh"] and not pr.bisa_disimpan
        assert s.exec(select(SopRevisi).where(SopRevisi.sop_id == hasil.sop_id)).one().revisi_ke == 1


def test_a_decision_s_return_not_written_in_the_document_is_shown_and_corrected_before_saving(demo):
    """Diamonds without alternative text: the return is suggested from the wording, differs from the revision in
    force, and the person sets it back before saving."""
    def tanpa_alt(tanda):
        return [Tanda(t.pelaksana, t.keputusan) for t in tanda]

    with session_scope(demo) as s:
        admin = pengguna(s, peran="admin")
        data = _kalipare(tanpa_alt)
        pr = pratinjau(s, data, "kalipare.docx", admin)
        musren = pr.prosedur[0]
        assert [(t.keputusan, t.kembali_ke) for t in musren.penetapan][2:5] == [(True, 2), (False, None), (True, 4)]
        assert [x.kalimat for x in musren.selisih] == [
            "Langkah 3 diubah: jika tidak, kembali ke langkah 2 (sebelumnya 1)",
            "Langkah 5 diubah: jika tidak, kembali ke langkah 4 (sebelumnya 3)"]
        pr = pratinjau(s, data, "kalipare.docx", admin, kembali={(0, 3): 1, (0, 5): 3})
        assert pr.prosedur[0].selisih == [] and pr.prosedur[0].penetapan[2].sumber == "koreksi"
        pr = pratinjau(s, data, "kalipare.docx", admin, kembali={(0, 3): 3})  # not a step before it
        assert pr.prosedur[0].masalah == ["langkah 3: jika tidak, harus kembali ke salah satu langkah sebelumnya."]


def test_a_copy_without_an_identity_is_recognised_against_the_register_from_the_stored_sops_it_may_copy(demo):
    salinan = dokumen_seed()[4]  # Kalipare's Musrenbangcam steps with no identity page of their own
    with session_scope(demo) as s:
        admin = pengguna(s, peran="admin")
        pr = pratinjau(s, salinan.read_bytes(), salinan.name, admin)
        (pp,) = pr.prosedur
        assert pp.duplikat and pp.prosedur.duplikat_dari == {"kecamatan": "Kalipare", "nama": NAMA}
        # Only the stored procedures with the same steps are read for it, and they are the ones the whole register has.
        sidik = pp.prosedur.sidik_langkah()
        dicari = prosedur_tersimpan(s, {sidik})
        assert dicari and [(p.kecamatan, p.nama) for p in dicari] == [
            (p.kecamatan, p.nama) for p in prosedur_tersimpan(s) if p.sidik_langkah() == sidik]
        assert prosedur_tersimpan(s, set()) == []


def test_a_preview_whose_procedures_have_their_identity_reads_no_other_sop_s_steps(demo):
    dokumen = dokumen_seed()[0]
    sql: list[str] = []

    def catat(conn, cursor, statement, *_):  # noqa: ANN001
        sql.append(" ".join(statement.lower().split()))

    event.listen(demo, "before_cursor_execute", catat)
    try:
        with session_scope(demo) as s:
            admin = pengguna(s, peran="admin")
            pr = pratinjau(s, dokumen.read_bytes(), dokumen.name, admin)
    finally:
        event.remove(demo, "before_cursor_execute", catat)
    assert len(pr.prosedur) == 3 and all(p.revisi_berlaku == 1 for p in pr.prosedur)
    langkah = [q for q in sql if "from soplangkah" in q]
    assert langkah and all("where soplangkah.revisi_id =" in q for q in langkah)  # the office's revision in force
