"""Storing SOPs: idempotent import, revisions, copies, curated pelaksana, nothing half-written."""
from __future__ import annotations

import pytest
from sqlalchemy import func
from sqlmodel import select

from models.db import session_scope
from models.sop.dokumen import DokumenTidakTerbaca
from models.sop.register import (
    daftar_sop,
    detail_sop,
    impor_dokumen,
    ubah_pelaksana,
)
from models.tables import AuditLog, Kecamatan, Role, Sop, SopLangkah, SopPelaksana, SopRevisi
from models.umum.penolakan import Ditolak
from seed import dokumen_seed, kurasi_pelaksana
from tests.fabrik import kantor, pengguna


def _seed():
    return [(p.name, p.read_text(encoding="utf-8")) for p in dokumen_seed()]


def _hitung(engine, model):
    with session_scope(engine) as s:
        return s.exec(select(func.count()).select_from(model)).one()


def _impor(engine, dokumen, **kw):
    with session_scope(engine) as s:
        return impor_dokumen(s, dokumen, kurasi=kurasi_pelaksana(), **kw)


def test_seed_import_stores_15_procedures_and_reports_the_copy(engine):
    hasil = _impor(engine, _seed())
    assert [h.status for h in hasil].count("baru") == 15
    (salinan,) = [h for h in hasil if h.status == "duplikat"]
    assert salinan.kalimat() == ('Tidak disimpan: salinan dari "Pengumpulan Data Kinerja Indikator Partisipasi '
                                 'Delegasi Musrenbangcam" (Kalipare).')
    assert _hitung(engine, Sop) == 15
    assert _hitung(engine, SopLangkah) == 6 * 6 + 12 * 3 + 6 + 6 + 9 + 6 + 10 + 6
    with session_scope(engine) as s:
        kantor = sorted(k.nama for k in s.exec(select(Kecamatan)))
    assert kantor == ["Kalipare", "Karangploso", "Muara Papalik", "Poncokusumo"]


def test_importing_twice_changes_nothing(engine):
    _impor(engine, _seed())
    sebelum = (_hitung(engine, Sop), _hitung(engine, SopRevisi), _hitung(engine, SopLangkah),
               _hitung(engine, SopPelaksana), _hitung(engine, AuditLog))
    hasil = _impor(engine, _seed())
    assert {h.status for h in hasil} == {"sama", "duplikat"}
    sesudah = (_hitung(engine, Sop), _hitung(engine, SopRevisi), _hitung(engine, SopLangkah),
               _hitung(engine, SopPelaksana), _hitung(engine, AuditLog))
    assert sesudah == sebelum


def test_a_changed_document_becomes_a_new_revision_the_old_one_kept(engine):
    _impor(engine, _seed())
    asli = dokumen_seed()[2].read_text(encoding="utf-8")
    diubah = asli.replace("\t15 Menit\tArsip laporan", "\t30 Menit\tArsip laporan")
    assert diubah != asli
    (hasil,) = _impor(engine, [("002_revisi.txt", diubah)])
    assert (hasil.status, hasil.revisi_ke) == ("revisi", 2)
    with session_scope(engine) as s:
        revisi = s.exec(select(SopRevisi).where(SopRevisi.sop_id == hasil.sop_id).order_by(SopRevisi.revisi_ke)).all()
        assert [(r.revisi_ke, r.berlaku, r.total_menit) for r in revisi] == [(1, False, 1155), (2, True, 1170)]
        assert detail_sop(s, hasil.sop_id).revisi.total_menit == 1170
        assert detail_sop(s, hasil.sop_id, revisi_ke=1).revisi.total_menit == 1155
    assert _hitung(engine, Sop) == 15


def test_the_copy_in_004_alone_is_recognised_against_the_register(engine):
    _impor(engine, _seed()[:1])
    (hasil,) = _impor(engine, _seed()[4:])
    assert hasil.status == "duplikat"
    assert hasil.prosedur.duplikat_dari["kecamatan"] == "Kalipare"


def test_004_alone_on_an_empty_register_is_refused_with_nothing_stored(engine):
    with pytest.raises(DokumenTidakTerbaca) as e:
        _impor(engine, _seed()[4:])
    assert "tidak menyebut kabupaten dan kecamatannya" in str(e.value)
    assert _hitung(engine, Sop) == 0


def test_a_bad_document_in_a_batch_stores_nothing(engine):
    rusak = ("rusak.txt", _seed()[2][1].replace("\t1 hari\t", "\tsehari penuh\t", 1))
    with pytest.raises(DokumenTidakTerbaca) as e:
        _impor(engine, [_seed()[0], rusak])
    assert str(e.value).startswith("rusak.txt, baris ")
    assert 'waktu "sehari penuh" tidak dapat dibaca' in str(e.value)
    assert _hitung(engine, Sop) == 0 and _hitung(engine, Kecamatan) == 0


def test_an_unknown_pelaksana_label_is_refused(engine):
    teks = _seed()[2][1].replace("Sub. Umum", "Bendahara Gaji")
    with pytest.raises(Ditolak) as e:
        _impor(engine, [("002.txt", teks)])
    assert 'pelaksana "Bendahara Gaji" pada SOP "Pelaporan Kinerja" belum dikenal' in str(e.value)
    assert _hitung(engine, Sop) == 0


def test_curated_pelaksana_and_decisions_are_stored(engine):
    _impor(engine, _seed())
    with session_scope(engine) as s:
        (ponco,) = [b for b in daftar_sop(s) if b.kecamatan == "Poncokusumo" and "Musrenbangcam" in b.nama]
        d = detail_sop(s, ponco.sop_id)
        assert [lk.peran for lk in d.langkah] == [
            ["kasi_ekbang"], ["kasi_ekbang"], ["kasubag_evapor"], ["kasubag_evapor"], ["sekcam", "camat"],
            ["kasubag_evapor"]]
        assert [(lk.urutan, lk.kembali_ke) for lk in d.langkah if lk.keputusan] == [(3, 1), (5, 3)]
        assert {lk.sumber_pelaksana for lk in d.langkah} == {"kurasi"}
        semua = s.exec(select(SopLangkah.id)).all()
        tanpa = [i for i in semua if not s.exec(select(SopPelaksana).where(SopPelaksana.langkah_id == i)).first()]
        assert tanpa == []  # every step of every seed SOP has a pelaksana


def test_without_curation_the_importer_suggests_from_the_text(engine):
    with session_scope(engine) as s:
        impor_dokumen(s, _seed()[2:3], kurasi={})
        (b,) = daftar_sop(s)
        d = detail_sop(s, b.sop_id)
        assert {lk.sumber_pelaksana for lk in d.langkah} == {"saran"}
        assert d.langkah[2].keputusan and d.langkah[2].kembali_ke == 2


def test_admin_correction_of_a_pelaksana_is_audited(engine):
    _impor(engine, _seed())
    with session_scope(engine) as s:
        admin = pengguna(s, peran="admin")  # made: the database has no demo
        (b,) = [b for b in daftar_sop(s) if b.kecamatan == "Karangploso"]
        langkah = detail_sop(s, b.sop_id).langkah[5]
        ubah_pelaksana(s, langkah_id=langkah.id, label=["Sub. Umum"], oleh=admin)
    with session_scope(engine) as s:
        d = detail_sop(s, b.sop_id)
        assert d.langkah[5].pelaksana == ["Sub. Umum"] and d.langkah[5].sumber_pelaksana == "admin"
        log = s.exec(select(AuditLog).where(AuditLog.aksi == "sop.pelaksana.ubah")).one()
        assert (log.username, log.sebelum, log.sesudah) == ("admin", {"pelaksana": ["Sub. Evapor"]},
                                                           {"pelaksana": ["Sub. Umum"]})


def test_a_correction_naming_a_foreign_column_changes_nothing(engine):
    _impor(engine, _seed())
    with session_scope(engine) as s:
        admin = pengguna(s, peran="admin")
        (b,) = [b for b in daftar_sop(s) if b.kecamatan == "Karangploso"]
        langkah_id = detail_sop(s, b.sop_id).langkah[0].id
    with pytest.raises(Ditolak) as e, session_scope(engine) as s:
        admin = pengguna(s, peran="admin")
        ubah_pelaksana(s, langkah_id=langkah_id, label=["Kasi Pem"], oleh=admin)
    assert str(e.value) == '"Kasi Pem" bukan kolom pelaksana SOP ini.'
    with session_scope(engine) as s:
        assert detail_sop(s, b.sop_id).langkah[0].pelaksana == ["Sub. Evapor"]
        assert s.exec(select(AuditLog).where(AuditLog.aksi == "sop.pelaksana.ubah")).first() is None


def test_roles_and_aliases_are_seeded(engine):
    _impor(engine, _seed()[:1])
    with session_scope(engine) as s:
        assert s.get(Role, "sekcam").nama == "Sekretaris Camat"


def test_catalog_search(engine):
    _impor(engine, _seed())
    with session_scope(engine) as s:
        assert [b.nama for b in daftar_sop(s, cari="renja")] == ["Penyusunan Rencana Kerja (Renja)"]
        assert {b.kecamatan for b in daftar_sop(s, cari="muara")} == {"Muara Papalik"}
        kalipare = kantor(s, nama="Kalipare")
        assert len(daftar_sop(s, kecamatan_ids=[kalipare.id])) == 3
