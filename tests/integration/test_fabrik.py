"""The test factories give what they promise, reached through the domain's own functions."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlmodel import func, select
from werkzeug.security import check_password_hash

from models.db import session_scope
from models.kinerja.iku import target_berlaku
from models.sop.alur import catatan_terbuka
from models.tables import AuditLog, CatatanLangkah, Eksekusi, Realisasi, User
from tests.fabrik import (
    KANTOR,
    KATA_SANDI,
    STATUS,
    akun,
    indikator,
    kabupaten,
    kantor,
    lepas,
    nama_pengguna,
    pekerjaan,
    pengguna,
    realisasi,
    sop,
)

PADA = datetime(2026, 10, 7, 2, 0, tzinfo=timezone.utc)


def _aksi(s, r: Realisasi) -> list[str]:
    return list(s.exec(select(AuditLog.aksi).where(AuditLog.objek == "realisasi").where(AuditLog.objek_id == r.id)
                       .order_by(AuditLog.id)))


def test_usernames_are_built_from_the_role_and_the_office():
    assert nama_pengguna("camat") == "camat.poncokusumo" and KANTOR == "Poncokusumo"
    assert nama_pengguna("kasubag_evapor", "Kalipare") == "evapor.kalipare"
    assert nama_pengguna("staf", "Muara Papalik", ke=2) == "staf2.muarapapalik"
    assert nama_pengguna("kabupaten", "Tanjung Jabung Barat") == "kabupaten.tanjungjabungbarat"
    assert nama_pengguna("admin") == "admin"


def test_the_demo_users_are_found_and_a_missing_one_is_made(demo):
    with session_scope(demo) as s:
        n = s.exec(select(func.count(User.id))).one()
        camat = pengguna(s, peran="camat")
        assert (camat.username, camat.role_kode, camat.kecamatan_id) == ("camat.poncokusumo", "camat",
                                                                          kantor(s).id)
        assert pengguna(s, peran="kasubag_evapor", kecamatan="Kalipare").username == "evapor.kalipare"
        assert pengguna(s, peran="kabupaten").username == "kabupaten.malang"
        assert pengguna(s, peran="kabupaten", kabupaten="Tanjung Jabung Barat").kabupaten_id == \
            kabupaten(s, nama="Tanjung Jabung Barat").id
        assert pengguna(s, peran="admin").role_kode == "admin"
        assert s.exec(select(func.count(User.id))).one() == n  # all of them the demo's own
        kedua = pengguna(s, peran="staf", ke=2)
        assert (kedua.username, kedua.nama, kedua.role_kode, kedua.kecamatan_id) == (
            "staf2.poncokusumo", "Staf Poncokusumo 2", "staf", kantor(s).id)
        assert check_password_hash(kedua.password_hash, KATA_SANDI)
        assert pengguna(s, peran="kasi_pem", ke=2, nama="Kasi Pem Kedua").nama == "Kasi Pem Kedua"
        assert pengguna(s, peran="staf", ke=2).id == kedua.id  # made once
        assert s.exec(select(func.count(User.id))).one() == n + 2
        assert s.exec(select(func.count(AuditLog.id)).where(AuditLog.aksi == "pengguna.buat")).one() >= 2


def test_an_account_by_its_username_and_a_factory_in_its_own_transaction(demo):
    camat = lepas(demo, pengguna, peran="camat", kecamatan="Kalipare")
    assert (camat.username, camat.role_kode) == ("camat.kalipare", "camat")  # read after its session closed
    kedua = lepas(demo, pengguna, peran="staf", ke=2)  # made, and committed
    with session_scope(demo) as s:
        assert akun(s, username="staf2.poncokusumo").id == kedua.id
        assert akun(s, username="admin").role_kode == "admin"


def test_an_indicator_is_the_offices_or_a_new_one_of_its_own_with_its_targets(demo):
    with session_scope(demo) as s:
        kec = kantor(s)
        iku1 = indikator(s, target={2030: 80})
        assert (iku1.kode, iku1.kabupaten_id) == ("IKU-1", kec.kabupaten_id)
        assert target_berlaku(s, indikator_id=iku1.id, kecamatan_id=kec.id, tahun=2030).nilai == 80
        indikator(s, target={2030: 85})  # a changed Perjanjian Kinerja: the old target kept, no longer in force
        assert target_berlaku(s, indikator_id=iku1.id, kecamatan_id=kec.id, tahun=2030).nilai == 85
        baru = indikator(s, kode="IKU-9", target={2026: 70}, penyebut=None)
        assert (baru.kecamatan_id, baru.kabupaten_id, baru.penyebut) == (kec.id, None, None)
        assert target_berlaku(s, indikator_id=baru.id, kecamatan_id=kec.id, tahun=2026).nilai == 70
        assert indikator(s, kode="IKU-9").id == baru.id


def test_an_official_figure_went_through_its_sop_and_is_audited(demo):
    with session_scope(demo) as s:
        r = realisasi(s, tahun=2026, triwulan=3, status="resmi", pembilang="45", penyebut="50", pada=PADA)
        assert (r.status, r.nilai, r.disahkan_pada, r.tahun, r.triwulan) == ("resmi", 90.0, PADA, 2026, 3)
        assert s.get(User, r.disahkan_oleh).username == "camat.poncokusumo"
        assert s.get(User, r.dibuat_oleh).username == "evapor.poncokusumo"
        assert _aksi(s, r) == ["realisasi.buat", "realisasi.ajukan", "realisasi.resmi"]
        eks = s.get(Eksekusi, r.eksekusi_id)
        assert (eks.status, catatan_terbuka(s, eks.id)) == ("selesai", None)


@pytest.mark.parametrize("status", STATUS)
def test_every_status_is_reached_by_the_state_machine(demo, status):
    with session_scope(demo) as s:
        r = realisasi(s, indikator="IKU-2", tahun=2025, triwulan=2, status=status)
        assert r.status == status
        aksi = _aksi(s, r)
        assert aksi[0] == "realisasi.buat"
        assert ("realisasi.ajukan" in aksi) == (status != "draf")
        assert ("realisasi.resmi" in aksi) == (status in ("resmi", "dibuka"))
        assert ("realisasi.dibuka" in aksi) == (status == "dibuka")
        kembali = s.exec(select(CatatanLangkah).where(CatatanLangkah.eksekusi_id == r.eksekusi_id)
                         .where(CatatanLangkah.hasil == "dikembalikan")).all() if r.eksekusi_id else []
        assert len(kembali) == (status == "dikembalikan")


def test_a_figure_collected_with_the_quarters_others_brings_them_along(demo):
    """Muara Papalik submits every indicator of a quarter at once: the others are entered and go with it."""
    with session_scope(demo) as s:
        r = realisasi(s, kecamatan="Muara Papalik", tahun=2025, triwulan=1, status="resmi")
        semua = s.exec(select(Realisasi).where(Realisasi.eksekusi_id == r.eksekusi_id)).all()
        # the kabupaten's four IKU and the office's own count IKU-5, collected by the same SOP
        assert len(semua) == 5 and {x.status for x in semua} == {"resmi"}


def test_a_running_piece_of_work_is_started_by_the_camat(demo):
    with session_scope(demo) as s:
        eks = pekerjaan(s, sop="Pengukuran Kinerja", tahun=2026, triwulan=3, pada=PADA)
        assert (eks.status, eks.judul, eks.tahun, eks.triwulan, eks.subjek_jenis) == (
            "berjalan", "Pengukuran Kinerja triwulan III 2026", 2026, 3, "dokumen")
        assert eks.dimulai_oleh == pengguna(s, peran="camat").id
        assert catatan_terbuka(s, eks.id) is not None
        assert sop(s, nama="pengukuran kinerja").id == sop(s, nama="Pengukuran Kinerja").id
