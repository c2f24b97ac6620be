"""Publishing a signed PK or LKj, and the kabupaten's release of an Evaluasi AKIP predicate: who may, what is refused
(with the message the person reads), and that a refusal changes nothing."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlmodel import func, select

from models.db import session_scope
from models.perencanaan.perjanjian_kinerja import buat_draf
from models.perencanaan.publikasi import (
    PESAN_JENIS,
    PESAN_PENERBIT,
    PESAN_PERILIS,
    rilis_predikat,
    tarik,
    tarik_rilis,
    terbitkan,
)
from models.tables import AuditLog, EvaluasiAkip, LaporanKinerja, PerjanjianKinerja
from models.umum.penolakan import Ditolak
from tests.fabrik import kantor, pengguna, perjanjian
from tests.fabrik_akip import evaluasi_akip, evaluator, laporan_kinerja

PADA = datetime(2026, 1, 20, 2, tzinfo=timezone.utc)


def _audit(s, aksi: str) -> int:
    return s.exec(select(func.count(AuditLog.id)).where(AuditLog.aksi == aksi)).one()


def test_the_camat_publishes_a_signed_pk_and_withdraws_it(demo):
    with session_scope(demo) as s:
        pk = perjanjian(s, tahun=2026, pada=PADA)
        camat = pengguna(s, peran="camat")
        terbitkan(s, jenis="pk", id=pk.id, oleh=camat, pada=PADA)
        pk_id, camat_id = pk.id, camat.id
    with session_scope(demo) as s:
        pk = s.get(PerjanjianKinerja, pk_id)
        assert (pk.dipublikasikan_oleh, pk.dipublikasikan_pada.replace(tzinfo=timezone.utc)) == (camat_id, PADA)
        log = s.exec(select(AuditLog).where(AuditLog.aksi == "perjanjian_kinerja.publikasikan")).one()
        assert (log.objek_id, log.sesudah["judul"]) == (pk_id, "Perjanjian Kinerja Camat 2026")
        with pytest.raises(Ditolak) as e:
            terbitkan(s, jenis="pk", id=pk_id, oleh=pengguna(s, peran="sekcam"))
        assert str(e.value) == "Perjanjian Kinerja Camat 2026 sudah dipublikasikan."
    with session_scope(demo) as s:
        tarik(s, jenis="pk", id=pk_id, oleh=pengguna(s, peran="kasubag_evapor"))
    with session_scope(demo) as s:
        pk = s.get(PerjanjianKinerja, pk_id)
        assert (pk.dipublikasikan_oleh, pk.dipublikasikan_pada) == (None, None)
        assert _audit(s, "perjanjian_kinerja.tarik_publikasi") == 1
        with pytest.raises(Ditolak) as e:
            tarik(s, jenis="pk", id=pk_id, oleh=pengguna(s, peran="camat"))
        assert str(e.value) == "Perjanjian Kinerja Camat 2026 belum dipublikasikan."


@pytest.mark.parametrize(("siapa", "pesan"), [
    (("kasi_pem", "Poncokusumo"), PESAN_PENERBIT),
    (("staf", "Poncokusumo"), PESAN_PENERBIT),
    (("camat", "Kalipare"), PESAN_PENERBIT),  # another office's Camat
    (("kabupaten", "Poncokusumo"), PESAN_PENERBIT),
    (("admin", "Poncokusumo"), PESAN_PENERBIT),
])
def test_only_the_offices_camat_sekcam_or_evapor_publish(demo, siapa, pesan):
    with session_scope(demo) as s:
        pk_id = perjanjian(s, tahun=2026, pada=PADA).id
        lkj_id = laporan_kinerja(s, kecamatan="Poncokusumo", tahun=2025).id
    for jenis, ident in (("pk", pk_id), ("lkj", lkj_id)):
        with session_scope(demo) as s, pytest.raises(Ditolak) as e:
            terbitkan(s, jenis=jenis, id=ident, oleh=pengguna(s, peran=siapa[0], kecamatan=siapa[1]))
        assert str(e.value) == pesan
    with session_scope(demo) as s:
        assert s.get(PerjanjianKinerja, pk_id).dipublikasikan_pada is None
        assert s.get(LaporanKinerja, lkj_id).dipublikasikan_pada is None
        assert _audit(s, "perjanjian_kinerja.publikasikan") + _audit(s, "laporan_kinerja.publikasikan") == 0


def test_an_unsigned_document_is_not_published(demo):
    with session_scope(demo) as s:
        camat = pengguna(s, peran="camat")
        draf = buat_draf(s, kecamatan_id=kantor(s).id, tahun=2027, role_kode="camat", oleh=camat)
        lkj = laporan_kinerja(s, kecamatan="Poncokusumo", tahun=2026, ditandatangani=False)
        ids = draf.id, lkj.id
    with session_scope(demo) as s, pytest.raises(Ditolak) as e:
        terbitkan(s, jenis="pk", id=ids[0], oleh=pengguna(s, peran="camat"))
    assert str(e.value) == ("Perjanjian Kinerja Camat 2027 belum ditandatangani; hanya dokumen yang sudah "
                            "ditandatangani yang dapat dipublikasikan.")
    with session_scope(demo) as s, pytest.raises(Ditolak) as e:
        terbitkan(s, jenis="lkj", id=ids[1], oleh=pengguna(s, peran="kasubag_evapor"))
    assert str(e.value) == ("Laporan Kinerja 2026 belum ditandatangani; hanya dokumen yang sudah ditandatangani "
                            "yang dapat dipublikasikan.")
    with session_scope(demo) as s, pytest.raises(Ditolak) as e:
        terbitkan(s, jenis="sop", id=ids[0], oleh=pengguna(s, peran="camat"))
    assert str(e.value) == PESAN_JENIS
    with session_scope(demo) as s, pytest.raises(Ditolak) as e:
        terbitkan(s, jenis="lkj", id=999_999, oleh=pengguna(s, peran="camat"))
    assert str(e.value) == "Dokumen tidak ditemukan."
    with session_scope(demo) as s:
        assert s.get(PerjanjianKinerja, ids[0]).dipublikasikan_pada is None
        assert s.get(LaporanKinerja, ids[1]).dipublikasikan_pada is None


def test_the_kasubag_evapor_publishes_a_signed_lkj(demo):
    with session_scope(demo) as s:
        lkj_id = laporan_kinerja(s, kecamatan="Poncokusumo", tahun=2025).id
        terbitkan(s, jenis="lkj", id=lkj_id, oleh=pengguna(s, peran="kasubag_evapor"), pada=PADA)
    with session_scope(demo) as s:
        assert s.get(LaporanKinerja, lkj_id).dipublikasikan_pada.replace(tzinfo=timezone.utc) == PADA
        log = s.exec(select(AuditLog).where(AuditLog.aksi == "laporan_kinerja.publikasikan")).one()
        assert (log.objek, log.objek_id, log.sesudah["judul"]) == ("laporan_kinerja", lkj_id, "Laporan Kinerja 2025")


def test_the_kabupaten_or_its_evaluator_releases_a_final_predicate(demo):
    with session_scope(demo) as s:
        final = evaluasi_akip(s, kecamatan="Poncokusumo", tahun=2025).id
        reviu = evaluasi_akip(s, kecamatan="Kalipare", tahun=2025, status="reviu").id
        evaluator(s)
        evaluator(s, kabupaten_nama="Tanjung Jabung Barat")
    for username, pesan in (("camat", PESAN_PERILIS), ("kabupaten.tjb", PESAN_PERILIS),
                            ("inspektorat.tjb", PESAN_PERILIS), ("admin", PESAN_PERILIS)):
        with session_scope(demo) as s, pytest.raises(Ditolak) as e:
            oleh = {"camat": lambda: pengguna(s, peran="camat"),
                    "kabupaten.tjb": lambda: pengguna(s, peran="kabupaten", kabupaten="Tanjung Jabung Barat"),
                    "inspektorat.tjb": lambda: evaluator(s, kabupaten_nama="Tanjung Jabung Barat"),
                    "admin": lambda: pengguna(s, peran="admin")}[username]()
            rilis_predikat(s, evaluasi_akip_id=final, oleh=oleh)
        assert str(e.value) == pesan, username
    with session_scope(demo) as s, pytest.raises(Ditolak) as e:
        rilis_predikat(s, evaluasi_akip_id=reviu, oleh=pengguna(s, peran="kabupaten"))
    assert str(e.value) == ("Evaluasi AKIP Kecamatan Kalipare tahun 2025 belum final; predikat dirilis setelah "
                            "evaluasi final.")
    with session_scope(demo) as s, pytest.raises(Ditolak) as e:
        tarik_rilis(s, evaluasi_akip_id=final, oleh=pengguna(s, peran="kabupaten"))
    assert str(e.value) == "Predikat Evaluasi AKIP Kecamatan Poncokusumo tahun 2025 belum dirilis."
    with session_scope(demo) as s:
        assert s.get(EvaluasiAkip, final).dirilis_pada is None and _audit(s, "evaluasi_akip.rilis") == 0
        rilis_predikat(s, evaluasi_akip_id=final, oleh=evaluator(s), pada=PADA)
    with session_scope(demo) as s:
        ev = s.get(EvaluasiAkip, final)
        assert ev.dirilis_pada.replace(tzinfo=timezone.utc) == PADA and ev.dirilis_oleh == evaluator(s).id
        log = s.exec(select(AuditLog).where(AuditLog.aksi == "evaluasi_akip.rilis")).one()
        assert log.sesudah["predikat"] == ev.predikat
        with pytest.raises(Ditolak) as e:
            rilis_predikat(s, evaluasi_akip_id=final, oleh=pengguna(s, peran="kabupaten"))
        assert str(e.value) == "Predikat Evaluasi AKIP Kecamatan Poncokusumo tahun 2025 sudah dirilis."
    with session_scope(demo) as s:
        tarik_rilis(s, evaluasi_akip_id=final, oleh=pengguna(s, peran="kabupaten"))
    with session_scope(demo) as s:
        assert s.get(EvaluasiAkip, final).dirilis_pada is None
        assert _audit(s, "evaluasi_akip.tarik_rilis") == 1


def test_two_people_publishing_at_once_publish_once(demo):
    """Both read the PK unpublished; the first commits; the second's compare-and-set finds it published and writes
    nothing."""
    with session_scope(demo) as s:
        pk_id = perjanjian(s, tahun=2026, pada=PADA).id
    with session_scope(demo) as s1, session_scope(demo) as s2:
        assert s1.get(PerjanjianKinerja, pk_id).dipublikasikan_pada is None
        assert s2.get(PerjanjianKinerja, pk_id).dipublikasikan_pada is None
        terbitkan(s1, jenis="pk", id=pk_id, oleh=pengguna(s1, peran="camat"))
        s1.commit()
        with pytest.raises(Ditolak) as e:
            terbitkan(s2, jenis="pk", id=pk_id, oleh=pengguna(s2, peran="sekcam"))
        assert str(e.value) in ("Dokumen ini baru saja diubah orang lain; muat ulang halaman.",
                                "Perjanjian Kinerja Camat 2026 sudah dipublikasikan.")
        s2.rollback()
    with session_scope(demo) as s:
        assert _audit(s, "perjanjian_kinerja.publikasikan") == 1
        assert s.get(PerjanjianKinerja, pk_id).dipublikasikan_oleh == pengguna(s, peran="camat").id
