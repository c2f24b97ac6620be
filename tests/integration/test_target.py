"""IKU & Target page: the Kasubag Evapor sets a target; a change needs a reason; the history shows both."""
from __future__ import annotations

from sqlmodel import select

from models.db import session_scope
from models.tables import Target
from models.umum.penolakan import Ditolak
from tests.conftest import keluar, masuk
from tests.dash_util import daftar_callback, panggil
from tests.fabrik import indikator, kantor, nama_pengguna, pengguna, realisasi


def test_target_set_then_revised_with_a_reason(client, app, demo):
    masuk(client, nama_pengguna("kasubag_evapor"))
    with session_scope(demo) as s:
        kec_id, ind_id = kantor(s).id, indikator(s, kode="IKU-3").id
    kunci = next(k for k in daftar_callback(app) if k.startswith("..target-pesan.children"))

    def simpan(nilai, alasan=None):
        r = panggil(client, app, kunci, indikator_id=ind_id, tahun=2031, nilai=nilai, alasan=alasan)
        assert r.status_code == 200
        return r.get_data(as_text=True)

    assert "Target 2031 disimpan: 72,5." in simpan("72,5")
    assert ("IKU-3 Persentase poskamling aktif, target 2031: perubahan target wajib disertai alasan"
            in simpan("80"))
    assert 'Target: \\"delapan\\" bukan angka' in simpan("delapan", "x")
    assert "Target 2031 disimpan: 80." in simpan("80", "Perjanjian Kinerja perubahan")
    with session_scope(demo) as s:
        rows = s.exec(select(Target).where(Target.kecamatan_id == kec_id).where(Target.tahun == 2031)
                      .order_by(Target.id)).all()
        assert [(t.nilai, t.berlaku, t.alasan) for t in rows] == [(72.5, False, None),
                                                                  (80.0, True, "Perjanjian Kinerja perubahan")]
    riwayat = panggil(client, app, "..target-riwayat.children...target-terlihat.data..", indikator_id=ind_id, tahun=2031).get_data(as_text=True)
    assert "Perjanjian Kinerja perubahan" in riwayat and "(diganti)" in riwayat


def _resmi_2025(engine, kode="IKU-3", triwulan=(1, 2, 3, 4), pembilang="30", penyebut="35"):
    """Official figures of Poncokusumo's indicator for 2025's quarters, carried there through its SOP."""
    with session_scope(engine) as s:
        ind = indikator(s, kode=kode)
        for tw in triwulan:
            realisasi(s, indikator=ind, tahun=2025, triwulan=tw, status="resmi", pembilang=pembilang,
                      penyebut=penyebut)
        return kantor(s).id, ind.id


def test_a_target_change_that_alters_an_official_capaian_needs_the_camat_and_says_what_it_changes(client, app, demo):
    from tests.dash_util import sidik_basis_data

    kec_id, ind_id = _resmi_2025(demo)
    kunci = next(k for k in daftar_callback(app) if k.startswith("..target-pesan.children"))
    masuk(client, nama_pengguna("kasubag_evapor"))
    sebelum = sidik_basis_data(demo)
    r = panggil(client, app, kunci, indikator_id=ind_id, tahun=2025, nilai="1000", alasan="PK perubahan")
    teks = r.get_data(as_text=True)
    # 30/35 = 85,71% of the target 75: 114,29%; of 1000: 8,57%, in each of the four official quarters.
    assert ("IKU-3 target 2025: perubahan ini mengubah capaian yang sudah resmi (triwulan I: 114,29% menjadi 8,57%; "
            "triwulan II: 114,29% menjadi 8,57%; triwulan III: 114,29% menjadi 8,57%; triwulan IV: 114,29% menjadi "
            "8,57%); hanya Camat yang dapat mengubahnya.") in teks
    assert sidik_basis_data(demo) == sebelum
    keluar(client)
    masuk(client, nama_pengguna("camat"))
    teks = panggil(client, app, kunci, indikator_id=ind_id, tahun=2025, nilai="80", alasan="PK perubahan").get_data(
        as_text=True)
    assert "Target 2025 disimpan: 80. Capaian resmi yang berubah: triwulan I: 114,29% menjadi 107,14%;" in teks
    with session_scope(demo) as s:
        berlaku = s.exec(select(Target).where(Target.indikator_id == ind_id).where(Target.kecamatan_id == kec_id)
                         .where(Target.tahun == 2025).where(Target.berlaku == True)).all()  # noqa: E712
        assert [t.nilai for t in berlaku] == [80.0]


def test_a_year_whose_laporan_kinerja_has_ended_is_closed(demo, monkeypatch):
    from datetime import datetime, timezone

    import models.perencanaan.target as target
    from models.perencanaan.target import ubah_target
    from tests.dash_util import sidik_basis_data

    kec_id, ind_id = _resmi_2025(demo, triwulan=())
    selesai = datetime(2026, 2, 20, 3, 0, tzinfo=timezone.utc)

    class Kewajiban:  # the calendar's answer for an office whose Laporan Kinerja 2025 ended on 20 February 2026
        class jadwal:
            kewajiban = "laporan_kinerja"
        tahun, selesai_pada = 2025, selesai

    asli = target.kewajiban_kantor
    monkeypatch.setattr(target, "kewajiban_kantor", lambda s, k, tahun: [Kewajiban] if tahun == 2025 else asli(
        s, k, tahun=tahun))
    sebelum = sidik_basis_data(demo)
    with session_scope(demo) as s, __import__("pytest").raises(Ditolak) as e:
        camat = pengguna(s, peran="camat")
        ubah_target(s, indikator_id=ind_id, kecamatan_id=kec_id, tahun=2025, nilai=80, oleh=camat, alasan="x")
    assert str(e.value) == ("Tahun 2025 sudah ditutup: Laporan Kinerja 2025 selesai pada 20 Februari 2026; targetnya "
                            "tidak dapat diubah lagi.")
    assert sidik_basis_data(demo) == sebelum


def test_parallel_revisions_leave_exactly_one_target_in_force(demo):
    """Eight people revising the same target at the same moment: one revision is kept, seven are told."""
    from concurrent.futures import ThreadPoolExecutor

    from models.kinerja.iku import tetapkan_target
    from models.tables import User

    with session_scope(demo) as s:
        kec_id, ind_id = kantor(s).id, indikator(s, kode="IKU-1").id
        evapor_id = pengguna(s, peran="kasubag_evapor").id

    def ubah(nilai):
        try:
            with session_scope(demo) as s:
                tetapkan_target(s, indikator_id=ind_id, kecamatan_id=kec_id, tahun=2025, nilai=nilai,
                                oleh=s.get(User, evapor_id), alasan="revisi serentak")
            return "disimpan"
        except Ditolak as e:
            return str(e)

    with ThreadPoolExecutor(max_workers=8) as ex:
        hasil = list(ex.map(ubah, [91.0 + n for n in range(8)]))
    # Whoever read the target before another's revision was kept is told; a revision that read the kept one
    # replaces it in turn. Either way the revisions form one chain and exactly one target is in force.
    assert hasil.count("disimpan") >= 1
    assert set(hasil) - {"disimpan"} <= {"IKU-1 Persentase partisipasi delegasi Musrenbangcam, target 2025: target ini "
                                         "baru saja diubah orang lain; muat ulang halaman lalu periksa lagi."}
    with session_scope(demo) as s:
        berlaku = s.exec(select(Target).where(Target.indikator_id == ind_id).where(Target.kecamatan_id == kec_id)
                         .where(Target.tahun == 2025).where(Target.berlaku == True)).all()  # noqa: E712
        baru = s.exec(select(Target).where(Target.indikator_id == ind_id).where(Target.kecamatan_id == kec_id)
                      .where(Target.tahun == 2025).where(Target.alasan == "revisi serentak")).all()
        assert len(berlaku) == 1 and len(baru) == hasil.count("disimpan")
        assert len({t.menggantikan_id for t in baru}) == len(baru)  # no two revisions replaced the same target
        assert berlaku[0].nilai in {91.0 + n for n, h in enumerate(hasil) if h == "disimpan"}


def test_the_database_refuses_a_second_target_in_force(demo):
    import pytest
    from sqlalchemy.exc import IntegrityError

    with session_scope(demo) as s:
        t = s.exec(select(Target).where(Target.tahun == 2025).where(Target.berlaku == True)).first()  # noqa: E712
        kunci = (t.indikator_id, t.kecamatan_id)
    with pytest.raises(IntegrityError), session_scope(demo) as s:
        s.add(Target(indikator_id=kunci[0], kecamatan_id=kunci[1], tahun=2025, nilai=1.0, berlaku=True))


def test_a_revision_from_a_page_opened_before_another_s_change_is_refused(client, app, demo):
    """The form remembers the target it showed; saving after someone else changed it is refused, not overwritten."""
    from models.kinerja.iku import tetapkan_target

    with session_scope(demo) as s:
        kec_id, ind_id = kantor(s).id, indikator(s, kode="IKU-2").id
    masuk(client, nama_pengguna("kasubag_evapor"))
    buka = panggil(client, app, "..target-riwayat.children...target-terlihat.data..", indikator_id=ind_id, tahun=2032)
    terlihat = buka.get_json()["response"]["target-terlihat"]["data"]
    assert terlihat == {"id": None, "triwulan": {"1": None, "2": None, "3": None, "4": None}}
    with session_scope(demo) as s:  # meanwhile the Camat sets it
        tetapkan_target(s, indikator_id=ind_id, kecamatan_id=kec_id, tahun=2032, nilai=95.0,
                        oleh=pengguna(s, peran="camat"))
    kunci = next(k for k in daftar_callback(app) if k.startswith("..target-pesan.children"))
    teks = panggil(client, app, kunci, indikator_id=ind_id, tahun=2032, nilai="90", alasan=None,
                   terlihat=terlihat).get_data(as_text=True)
    assert ("IKU-2 target 2032: target ini baru saja diubah orang lain; muat ulang halaman lalu periksa lagi."
            in teks)
    with session_scope(demo) as s:
        assert [t.nilai for t in s.exec(select(Target).where(Target.indikator_id == ind_id)
                                        .where(Target.kecamatan_id == kec_id).where(Target.tahun == 2032))] == [95.0]
